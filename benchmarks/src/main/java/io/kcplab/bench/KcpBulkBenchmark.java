package io.kcplab.bench;

import io.kcplab.bench.kcp.KcpBaseBulkPair;
import io.kcplab.bench.kcp.KcplabBulkPair;
import io.kcplab.protocol.kcp.KcpProfile;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * KCP engine bulk throughput: two engines joined in memory on a deterministic virtual clock (1 ms per tick, one
 * tick per hop), seeded random loss, MTU 1400, windows 1024, nodelay(1, 10, 2, 1), message-mode mss-sized sends.
 *
 * <p>Fixed work, the same trajectory as the C peer: every operation builds a fresh pair, warms it untimed with
 * {@value #WARM_MIB} MiB (the C bench's warm-up, a tenth of the transfer), then times the delivery of {@value #MIB}
 * MiB — exactly what {@code ikcp_driver bench <loss> 256} does with the same seed, so for the IKCP profile, which is
 * byte-identical to ikcp.c, both sides run the very same packets and timers. (A long-running throughput loop would
 * wander along a much longer loss trajectory whose cost per MiB differs from the C bench's, on either side.)
 * The score is seconds per operation; MiB/s = {@value #MIB} / score. Side by side: KcpLab's engine (IKCP and KCP_GO
 * profiles) and com.github.l42111996:kcp-base:1.6 on the same workload. {@code -prof gc} gives bytes per 256 MiB.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, batchSize = 1)
@Measurement(iterations = 15, batchSize = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class KcpBulkBenchmark {
    static final int MTU = 1400;
    static final int WINDOW = 1024;
    static final long SEED = 0x5EED;
    /** Timed transfer per operation, as the C bench's {@code <mebibytes>} argument in benchmarks/run.sh. */
    public static final int MIB = 256;
    static final double WARM_MIB = MIB / 10.0;

    @Param({"0", "5"})
    public int lossPercent;

    private KcplabBulkPair kcplabIkcp;
    private KcplabBulkPair kcplabKcpGo;
    private KcpBaseBulkPair kcpBase;

    /** A fresh, warmed pair for the engine the next operation measures (the others stay untouched). */
    @Setup(Level.Invocation)
    public void setUp(BenchmarkParams params) {
        long warm = (long) (WARM_MIB * (1 << 20));
        String engine = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
        switch (engine) {
            case "kcplabIkcp" -> {
                kcplabIkcp = new KcplabBulkPair(KcpProfile.IKCP, MTU, WINDOW, lossPercent, SEED);
                kcplabIkcp.transfer(warm);
            }
            case "kcplabKcpGo" -> {
                kcplabKcpGo = new KcplabBulkPair(KcpProfile.KCP_GO, MTU, WINDOW, lossPercent, SEED);
                kcplabKcpGo.transfer(warm);
            }
            case "kcpBase" -> {
                kcpBase = new KcpBaseBulkPair(MTU, WINDOW, lossPercent, SEED);
                kcpBase.transfer(warm);
            }
            default -> throw new IllegalStateException("no pair for " + engine);
        }
    }

    @Benchmark
    public long kcplabIkcp() {
        return kcplabIkcp.transfer((long) MIB << 20);
    }

    @Benchmark
    public long kcplabKcpGo() {
        return kcplabKcpGo.transfer((long) MIB << 20);
    }

    @Benchmark
    public long kcpBase() {
        return kcpBase.transfer((long) MIB << 20);
    }
}
