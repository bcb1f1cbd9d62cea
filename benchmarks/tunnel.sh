#!/usr/bin/env bash
# `kcplab tunnel` against kcptun on loopback, in one sitting on one machine: a KcpLab pair (tunnel client + tunnel
# server, one JVM each) and a kcptun pair (kcptun-client + kcptun-server), the same flags on both ends of both pairs
# (default --mode fast3 --crypt aes --datashard 10 --parityshard 3 --nocomp, other settings at kcptun's defaults,
# which both stacks share: windows 128/512 on the client, 1024/1024 on the server). Through each pair a TCP source
# pushes BYTES (default 1 GB) to a TCP sink behind the tunnel server, through 1 connection and through 8 connections
# (BYTES in total, 8 smux streams of one session), after a warm-up transfer. Measured: throughput (MB/s, from the
# first connect until the sink has every byte, each byte checked) and CPU seconds per GB of the two tunnel processes
# together (utime + stime from /proc/PID/stat before and after). Prints a markdown table (medians over REPS, with
# min–max) with the ratio KcpLab/kcptun, and writes JSON lines. The source and sink run in a third JVM
# (io.kcplab.bench.tunnel.TunnelBenchMain) and take CPU from the same cores; they are the same for both stacks.
# MB = 10^6 bytes, GB = 10^9 bytes.
#
# Usage: benchmarks/tunnel.sh [OUT_DIR]   (default benchmarks/$KCPLAB_TARGET/tunnel; about 7 minutes on 2 cores:
# with the client's default 128-segment send window both pairs move 10-20 MB/s on loopback)
# Environment: KCPLAB_TARGET (Maven output folder, default target-bench, so other builds in the tree are left
# alone), SKIP_BUILD=1 (reuse the jars already built there), JAVA17_HOME, MVN_ARGS (default -o: offline),
# BYTES (default 1000000000), WARMUP_BYTES (default 100000000), REPS (default 1), STREAMS (default "1 8"),
# TUNNEL_FLAGS (default above), STACKS (default "kcplab kcptun"). A short check: BYTES=64000000 WARMUP_BYTES=16000000.
# Run it on an otherwise idle machine. Needs: kcptun (apt-get install kcptun).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target="${KCPLAB_TARGET:-target-bench}"
out="${1:-${OUT_DIR:-$root/benchmarks/$target/tunnel}}"
bytes="${BYTES:-1000000000}"
warmup="${WARMUP_BYTES:-100000000}"
reps="${REPS:-1}"
streams_list="${STREAMS:-1 8}"
stacks="${STACKS:-kcplab kcptun}"
flags="${TUNNEL_FLAGS:---mode fast3 --crypt aes --datashard 10 --parityshard 3 --nocomp}"
mkdir -p "$out/logs"
rm -f "$out"/tunnel.jsonl "$out"/tunnel.md "$out"/logs/*.log
cd "$root"

jdk17="${JAVA17_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}/bin/java"
command -v kcptun-server >/dev/null && command -v kcptun-client >/dev/null \
  || { echo "tunnel.sh: kcptun is missing; install it with: apt-get install kcptun" >&2; exit 2; }
start_load="$(cut -d' ' -f1-3 /proc/loadavg)"
start_time="$(date -u '+%Y-%m-%d %H:%M:%S UTC')"

bench_jar="$root/benchmarks/$target/benchmarks.jar"
cp_file="$root/scenarios/$target/tunnel-bench.classpath"
if [ "${SKIP_BUILD:-0}" = 1 ] && [ -f "$bench_jar" ] && [ -f "$cp_file" ]; then
  echo "== SKIP_BUILD=1: using $bench_jar and the scenarios jar as built at $(date -u -r "$bench_jar" '+%H:%M:%S UTC')" >&2
else
  echo "== building (mvn -Dkcplab.target=$target)" >&2
  # shellcheck disable=SC2086
  mvn -B -q ${MVN_ARGS:--o} -Dkcplab.target="$target" -DskipTests -pl benchmarks,scenarios -am package \
    dependency:build-classpath -Dmdep.outputFile="$target/tunnel-bench.deps" >&2
  # the same classpath ./kcplab runs: the scenarios jar and its dependencies
  echo "$(ls "$root"/scenarios/"$target"/kcplab-scenarios-*.jar | head -1):$(cat "$root/scenarios/$target/tunnel-bench.deps")" > "$cp_file"
fi
kcplab_cp="$(cat "$cp_file")"
hz="$(getconf CLK_TCK)"

tool() { "$jdk17" -Xms256m -Xmx256m -cp "$bench_jar" io.kcplab.bench.tunnel.TunnelBenchMain "$@"; }

# kcplab tunnel END ARGS...: the JVM ./kcplab starts, run directly; exec, so that `kcplab_end ... &` leaves the
# JVM's PID in $! (not that of a subshell waiting for it)
kcplab_end() {
  exec "$jdk17" --add-modules jdk.incubator.vector -XX:+UseParallelGC -cp "$kcplab_cp" \
    io.kcplab.scenarios.cli.KcpLabCommand tunnel "$@"
}

wait_listening() { # wait_listening LOG PID: until the process logs "listening on" (30 s at most)
  for _ in $(seq 1 300); do
    grep -q 'listening on' "$1" 2>/dev/null && return 0
    kill -0 "$2" 2>/dev/null || { echo "tunnel.sh: process $2 ended; its log:" >&2; cat "$1" >&2; return 1; }
    sleep 0.1
  done
  echo "tunnel.sh: no 'listening on' in $1 after 30 s" >&2; return 1
}

pids=()
stop_pair() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  pids=()
}
trap stop_pair EXIT

for stack in $stacks; do
  for streams in $streams_list; do
    read -r sink udp tcp <<<"$(tool ports 3)"
    log="$out/logs/$stack-$streams"
    echo "== $stack, $streams stream(s) ($(date -u +%H:%M:%S), load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
    # shellcheck disable=SC2086
    case "$stack" in
      kcplab)
        kcplab_end server -l "127.0.0.1:$udp" -t "127.0.0.1:$sink" --key tunnel-bench $flags --quiet \
          >"$log-server.log" 2>&1 &
        spid=$!; pids+=("$spid")
        kcplab_end client -l "127.0.0.1:$tcp" -r "127.0.0.1:$udp" --key tunnel-bench $flags --quiet \
          >"$log-client.log" 2>&1 &
        cpid=$!; pids+=("$cpid") ;;
      kcptun)
        kcptun-server -l "127.0.0.1:$udp" -t "127.0.0.1:$sink" --key tunnel-bench $flags --quiet \
          >"$log-server.log" 2>&1 &
        spid=$!; pids+=("$spid")
        kcptun-client -l "127.0.0.1:$tcp" -r "127.0.0.1:$udp" --key tunnel-bench $flags --quiet \
          >"$log-client.log" 2>&1 &
        cpid=$!; pids+=("$cpid") ;;
      *) echo "unknown stack $stack" >&2; exit 2 ;;
    esac
    wait_listening "$log-server.log" "$spid"
    wait_listening "$log-client.log" "$cpid"
    tool run --stack "$stack" --streams "$streams" --bytes "$bytes" --warmup-bytes "$warmup" --reps "$reps" \
      --sink-port "$sink" --tunnel-port "$tcp" --pids "$cpid,$spid" --clk-tck "$hz" --out "$out/tunnel.jsonl"
    stop_pair
  done
done

{
  echo "Sitting: $start_time to $(date -u '+%H:%M:%S UTC'); command: benchmarks/tunnel.sh${1:+ $1}"
  echo
  echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem/{print $2}') GiB;" \
       "$(uname -r); load average at start $start_load, at end $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  echo "JDK: $("$jdk17" -version 2>&1 | head -1); kcptun: $(dpkg-query -W -f='${Version}' kcptun 2>/dev/null || echo unknown)"
  echo
  echo "Code: commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$root" diff --quiet HEAD -- transport scenarios 2>/dev/null || echo ', with uncommitted changes in transport/ or scenarios/')"
  echo
  echo "Tunnel flags (both ends, both stacks): $flags; $((bytes / 1000000)) MB per transfer after a $((warmup / 1000000)) MB warm-up, $reps rep(s); MB/s and CPU s/GB (both tunnel processes) as median (min–max)"
  echo
  tool report --in "$out/tunnel.jsonl"
} | tee "$out/tunnel.md"
