#!/usr/bin/env bash
# Runs KcpLab's benchmarks side by side with their peers, in one sitting on one machine, and prints the ratio
# tables that BENCHMARKS.md records:
#   - JMH (JDK 17 with the Vector API module; Reed-Solomon again on Temurin 25 if installed),
#   - C ikcp (node-kcp@1.0.13, gcc -O2) in the interop driver's timed bench mode,
#   - kcp-go 5.6.1's ciphers/CRC32/FEC codec and minio's HighwayHash (interop/src/main/go/kcpbench, Go, offline).
# Usage: benchmarks/run.sh [OUT_DIR]   (default benchmarks/target/results). Takes about 10 minutes on 2 cores.
# Needs: gcc, npm, golang-go, golang-github-xtaci-kcp-dev, golang-github-minio-highwayhash-dev.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$root/benchmarks/target/results}"
mkdir -p "$out"
cd "$root"

jdk17="${JAVA17_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}/bin/java"
jdk25="${JAVA25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
short=(-wi 3 -w 1s -i 5 -r 1s -f 1)

echo "== building" >&2
mvn -B -q -DskipTests -pl benchmarks -am package dependency:build-classpath -Dmdep.outputFile=target/kcplab.deps >&2
jar="$root/benchmarks/target/benchmarks.jar"

jmh() { # jmh JAVA NAME REGEX [extra args...]
  local java="$1" name="$2" regex="$3"; shift 3
  jmh_with "$java" "$name" "$regex" "${short[@]}" "$@"
}

jmh_with() { # jmh_with JAVA NAME REGEX JMH-ARGS... (no default iteration settings)
  local java="$1" name="$2" regex="$3"; shift 3
  echo "== JMH $name ($("$java" -version 2>&1 | head -1))" >&2
  "$java" -Djmh.ignoreLock=true -jar "$jar" "$regex" -jvm "$java" -rf json -rff "$out/$name.json" "$@" >&2
}

# KCP engine: single shots of 256 MiB on a fresh pair, the very run the C bench below times (see KcpBulkBenchmark)
jmh_with "$jdk17" kcp 'KcpBulkBenchmark' -wi 8 -i 15 -f 1
jmh "$jdk17" rs17 'ReedSolomonBenchmark.(encode|decodeThreeDataLost)' -p codec=reference,scalar,vector
if [ -x "$jdk25" ]; then
  jmh "$jdk25" rs25 'ReedSolomonBenchmark.(encode|decodeThreeDataLost)' -p codec=reference,scalar,vector
fi
jmh "$jdk17" checksum 'ChecksumBenchmark'
jmh "$jdk17" cipher 'CipherBenchmark.(kcpGoStyle|aes128EncryptBatch)'
jmh "$jdk17" codec 'PacketCodecBenchmark'
jmh "$jdk17" sim 'SimulationSpeedBenchmark' -prof gc
# allocation per operation in the steady state (JMH's GC profiler)
jmh "$jdk17" gc-kcp 'KcpAllocationBenchmark' -prof gc
jmh "$jdk17" gc-rs 'ReedSolomonBenchmark.(encode|decodeThreeDataLost)' -prof gc -p codec=scalar,vector
jmh "$jdk17" gc-codec 'PacketCodecBenchmark' -prof gc

echo "== C ikcp bench (gcc -O2)" >&2
interop_cp="$root/interop/target/kcplab-interop-0.1.0-SNAPSHOT.jar:$(cat "$root/interop/target/kcplab.deps")"
"$jdk17" -Dkcplab.build.dir="$root/interop/target" -cp "$interop_cp" io.kcplab.interop.ConformanceMain 1 >&2
driver="$root/interop/target/native/ikcp_driver-plain"
: > "$out/c.txt"
for loss in 0 5; do
  for run in 1 2 3 4 5 6 7; do "$driver" bench "$loss" 256 >> "$out/c.txt"; done
done

echo "== Go peers (kcp-go 5.6.1, klauspost/reedsolomon, minio/highwayhash)" >&2
gobuild="$root/benchmarks/target/go"
mkdir -p "$gobuild/gopath"
(cd "$root/interop/src/main/go/kcpbench" && GO111MODULE=off GOPATH="$gobuild/gopath:/usr/share/gocode" \
  GOCACHE="$gobuild/cache" GOPROXY=off CGO_ENABLED=0 go build -o "$gobuild/kcpbench" .)
"$gobuild/kcpbench" > "$out/go.txt"

{
  echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem/{print $2}') GiB;" \
       "$(uname -r); load average at start $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "JDK 17: $("$jdk17" -version 2>&1 | head -1); JDK 25: $([ -x "$jdk25" ] && "$jdk25" -version 2>&1 | head -1 || echo absent)"
  echo "Go: $(go version); gcc: $(gcc -dumpversion)"
  echo
  python3 "$root/benchmarks/report.py" "$out"
} | tee "$out/report.md"
