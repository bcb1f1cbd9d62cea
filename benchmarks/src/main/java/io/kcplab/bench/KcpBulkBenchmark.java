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

/**
 * KCP engine bulk throughput: two engines joined in memory on a deterministic virtual clock (1 ms per tick, one
 * tick per hop), seeded random loss, MTU 1400, windows 1024, nodelay(1, 10, 2, 1), message-mode mss-sized sends.
 * One operation delivers 1 MiB to the receiving application, so the score (ops/s) is <b>MiB/s delivered</b> of CPU
 * work for both endpoints together. Side by side: KcpLab's engine (IKCP and KCP_GO profiles) and
 * com.github.l42111996:kcp-base:1.6 on the same workload. Run {@code -prof gc} to see allocation per op.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class KcpBulkBenchmark {
    static final int MTU = 1400;
    static final int WINDOW = 1024;
    static final long BYTES_PER_OP = 1 << 20;

    @Param({"0", "5"})
    public int lossPercent;

    private KcplabBulkPair kcplabIkcp;
    private KcplabBulkPair kcplabKcpGo;
    private KcpBaseBulkPair kcpBase;

    @Setup(Level.Trial)
    public void setUp() {
        kcplabIkcp = new KcplabBulkPair(KcpProfile.IKCP, MTU, WINDOW, lossPercent, 0x5EED);
        kcplabKcpGo = new KcplabBulkPair(KcpProfile.KCP_GO, MTU, WINDOW, lossPercent, 0x5EED);
        kcpBase = new KcpBaseBulkPair(MTU, WINDOW, lossPercent, 0x5EED);
    }

    @Benchmark
    public long kcplabIkcp() {
        return kcplabIkcp.transfer(BYTES_PER_OP);
    }

    @Benchmark
    public long kcplabKcpGo() {
        return kcplabKcpGo.transfer(BYTES_PER_OP);
    }

    @Benchmark
    public long kcpBase() {
        return kcpBase.transfer(BYTES_PER_OP);
    }
}
