package io.kcplab.bench;

import io.kcplab.protocol.checksum.Crc32Checksum;
import io.kcplab.protocol.checksum.HighwayChecksum;
import io.kcplab.protocol.checksum.HighwayHash;
import io.kcplab.protocol.checksum.Xxh3Checksum;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Packet checksums (results in BENCHMARKS.md): kcp-go's CRC32, KcpLab's HighwayHash-64 port (the
 * {@code highway} profile's checksum) and XXH3-64, over one packet of {@code size} bytes. Scores are operations
 * per microsecond; MB/s = score x size. The goals it is read against: BENCHMARKS.md, "Design measurements".
 *
 * <pre>java --add-modules jdk.incubator.vector -jar benchmarks/target/benchmarks.jar Checksum -prof gc</pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class ChecksumBenchmark {

    @State(Scope.Thread)
    public static class Packet {
        @Param({"1400", "64"})
        public int size;

        final byte[] data = new byte[1500];
        final Crc32Checksum crc32 = new Crc32Checksum();
        final HighwayHash highway = HighwayHash.ofKey(HighwayChecksum.deriveKey(new byte[32]));
        final Xxh3Checksum xxh3 = new Xxh3Checksum();

        @Setup
        public void setUp() {
            new SplittableRandom(7).nextBytes(data);
        }
    }

    @Benchmark
    public long crc32(Packet p) {
        return p.crc32.compute(p.data, 0, p.size);
    }

    @Benchmark
    public long highwayHash64(Packet p) {
        return p.highway.hash64(p.data, 0, p.size);
    }

    @Benchmark
    public long xxh3(Packet p) {
        return p.xxh3.compute(p.data, 0, p.size);
    }
}
