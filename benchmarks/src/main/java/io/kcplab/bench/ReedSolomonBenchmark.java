package io.kcplab.bench;

import io.kcplab.protocol.fec.ErasureCodec;
import io.kcplab.protocol.fec.ReferenceCodec;
import io.kcplab.protocol.fec.GaloisCodec;
import io.kcplab.transport.HostSimd;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reed-Solomon 10+3 x 1400 B, kcp-go's default FEC stripe (results and goals in BENCHMARKS.md). One operation is one
 * data byte, so the score in ops/us <b>is MB/s of data</b> (10 x 1400 B per call; parity bytes are not counted).
 *
 * <p>{@code codec}: {@code reference} = Backblaze JavaReedSolomon (the 1.0x line); {@code scalar} = packed tables;
 * {@code vector} = the Vector API shape picked for this JDK; {@code vector-pairwise} / {@code vector-per-input} =
 * each shape forced. The vector ones fail in setup, saying so, when {@code jdk.incubator.vector} is absent.
 * Decode repeats one erasure pattern, so the fast codec runs from its decode-matrix cache (Backblaze re-inverts).
 *
 * <pre>java --add-modules jdk.incubator.vector -jar benchmarks/target/benchmarks.jar ReedSolomon</pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@State(Scope.Thread)
public class ReedSolomonBenchmark {

    private static final int DATA = 10;
    private static final int PARITY = 3;
    private static final int SIZE = 1400;
    private static final int DATA_BYTES = DATA * SIZE;

    @Param({"reference", "scalar", "vector", "vector-pairwise", "vector-per-input"})
    public String codec;

    private ErasureCodec rs;
    private final byte[][] shards = new byte[DATA + PARITY][SIZE];
    private final boolean[] threeDataLost = new boolean[DATA + PARITY];
    private final boolean[] oneDataLost = new boolean[DATA + PARITY];

    @Setup
    public void setUp() {
        rs = codec.equals("reference") ? new ReferenceCodec(DATA, PARITY)
                : GaloisCodec.withKernel(codec, HostSimd.settings(), DATA, PARITY); // with -D overrides
        SplittableRandom random = new SplittableRandom(13);
        for (int i = 0; i < DATA; i++) {
            random.nextBytes(shards[i]);
        }
        rs.encodeParity(shards, 0, SIZE);
        byte[][] expected = new byte[DATA + PARITY][];
        for (int i = 0; i < shards.length; i++) {
            expected[i] = shards[i].clone();
        }
        Arrays.fill(threeDataLost, true);
        threeDataLost[1] = threeDataLost[4] = threeDataLost[7] = false;
        Arrays.fill(oneDataLost, true);
        oneDataLost[5] = false;
        // The repaired shards are the ones already there, so calls can repeat without restoring; check it once.
        for (int i = 0; i < DATA; i++) {
            if (!threeDataLost[i]) {
                Arrays.fill(shards[i], (byte) 0);
            }
        }
        rs.decodeMissing(shards, threeDataLost, 0, SIZE);
        if (!Arrays.deepEquals(expected, shards)) {
            throw new IllegalStateException(codec + " did not repair the benchmark stripe");
        }
    }

    @Benchmark
    @OperationsPerInvocation(DATA_BYTES)
    public byte[][] encode() {
        rs.encodeParity(shards, 0, SIZE);
        return shards;
    }

    @Benchmark
    @OperationsPerInvocation(DATA_BYTES)
    public byte[][] decodeThreeDataLost() {
        rs.decodeMissing(shards, threeDataLost, 0, SIZE);
        return shards;
    }

    @Benchmark
    @OperationsPerInvocation(DATA_BYTES)
    public byte[][] decodeOneDataLost() {
        rs.decodeMissing(shards, oneDataLost, 0, SIZE);
        return shards;
    }
}
