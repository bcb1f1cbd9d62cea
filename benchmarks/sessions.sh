#!/usr/bin/env bash
# KcpLab's session benchmarks on loopback, side by side with kcp-go 5.6.1 and C ikcp, in one sitting on one
# machine; prints the ratio tables that BENCHMARKS.md records ("Sessions over loopback"):
#   1. bulk goodput and CPU s/GB of a session pair in one process: KcpLab (one JVM) vs kcp-go (one Go process),
#      aes-128 + FEC 10/3 and no cipher / no FEC (io.kcplab.bench.session.BulkPairBench, kcpsess bulk);
#   2. raw KCP over UDP: KcpLab -> C ikcp sink-server and C client -> KcpLab listener vs C -> C (RawVsCBench);
#   3. 10,000 sessions echoing 100 bytes/s each: listener process CPU, KcpLab vs kcp-go (TenThousandEchoBench);
#   4. kcp-go's BenchmarkEchoSpeed*/BenchmarkSinkSpeed* workloads on both stacks (SpeedBench, kcpsess speed).
# The Go side is interop/src/main/go/kcpsess (built offline in GOPATH mode against Debian's kcp-go 5.6.1); the C
# side is interop's ikcp_udp_peer (node-kcp@1.0.13's ikcp.c, gcc -O2).
#
# Usage: benchmarks/sessions.sh [OUT_DIR]   (default benchmarks/$KCPLAB_TARGET/sessions; about 6 minutes on 2 cores)
# Environment: KCPLAB_TARGET (Maven output folder, default target-bench, so other builds in the tree are left
# alone), SKIP_BUILD=1 (reuse the jar already built there), JAVA17_HOME, MVN_ARGS (default -o: offline),
# SECTIONS (default "bulk raw echo10k speed"), and per section extra arguments BULK_ARGS, RAW_ARGS, ECHO10K_ARGS,
# SPEED_ARGS (e.g. BULK_ARGS="--reps 3" for a short run). Run it on an otherwise idle machine.
# Needs: gcc, npm (or its cache), golang-go, golang-github-xtaci-kcp-dev; ulimit -n >= 10100 for section 3.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target="${KCPLAB_TARGET:-target-bench}"
out="${1:-$root/benchmarks/$target/sessions}"
sections="${SECTIONS:-bulk raw echo10k speed}"
mkdir -p "$out"
rm -f "$out"/*.jsonl "$out"/*.md
cd "$root"
export KCPLAB_REPO_ROOT="$root"

jdk17="${JAVA17_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}/bin/java"
start_load="$(cut -d' ' -f1-3 /proc/loadavg)"
start_time="$(date -u '+%Y-%m-%d %H:%M:%S UTC')"

jar="$root/benchmarks/$target/benchmarks.jar"
if [ "${SKIP_BUILD:-0}" = 1 ] && [ -f "$jar" ]; then
  echo "== SKIP_BUILD=1: using $jar as built at $(date -u -r "$jar" '+%H:%M:%S UTC')" >&2
else
  echo "== building (mvn -Dkcplab.target=$target)" >&2
  # shellcheck disable=SC2086
  mvn -B -q ${MVN_ARGS:--o} -Dkcplab.target="$target" -DskipTests -pl benchmarks -am package >&2
fi

if [ "$(ulimit -n)" -lt 10100 ]; then
  ulimit -n 20000 2>/dev/null || echo "warning: ulimit -n is $(ulimit -n); section 3 needs 10,000 client sockets" >&2
fi

bench() { # bench SECTION [args...]: one JVM per section; tables to $out/SECTION.md, JSON lines to $out/SECTION.jsonl
  local section="$1"; shift
  echo "== $section ($(date -u +%H:%M:%S), load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  "$jdk17" --add-modules jdk.incubator.vector -Xms2g -Xmx2g -Dkcplab.build.dir="$root/benchmarks/$target" \
    -cp "$jar" io.kcplab.bench.session.SessionBenchMain "$section" --out "$out" "$@" \
    2> >(grep -v 'WARNING: Using incubator modules' >&2) > "$out/$section.md"
}

for s in $sections; do
  case "$s" in
    bulk)    # shellcheck disable=SC2086
             bench bulk --bytes $((256 << 20)) --reps 5 --warmup 3 ${BULK_ARGS:-} ;;
    raw)     # shellcheck disable=SC2086
             bench raw --bytes $((128 << 20)) --reps 3 --warmup 2 ${RAW_ARGS:-} ;;
    echo10k) # shellcheck disable=SC2086
             bench echo10k --sessions 10000 --warmup-ms 15000 --ms 30000 ${ECHO10K_ARGS:-} ;;
    speed)   # shellcheck disable=SC2086
             bench speed --ms 2000 --warmup-ms 1000 --reps 3 --jvm-warmup-ms 20000 ${SPEED_ARGS:-} ;;
    *) echo "unknown section $s" >&2; exit 2 ;;
  esac
done

{
  echo "Sitting: $start_time to $(date -u '+%H:%M:%S UTC'); command: benchmarks/sessions.sh${1:+ $1}"
  echo
  echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem/{print $2}') GiB;" \
       "$(uname -r); load average at start $start_load, at end $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  echo "JDK: $("$jdk17" -version 2>&1 | head -1); Go: $(go version); gcc: $(gcc -dumpversion)"
  echo
  echo "Code: commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$root" diff --quiet HEAD -- protocol transport 2>/dev/null || echo ', with uncommitted changes in protocol/ or transport/')"
  echo
  for s in $sections; do cat "$out/$s.md"; done
} | tee "$out/report.md"
