package io.kcplab.bench;

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
 * Steady-state allocation of the KCP engine, for {@code -prof gc}: {@link KcpBulkBenchmark}'s workload on one
 * long-lived pair (built once per trial, so construction is not counted), one operation = 1 MiB delivered.
 * {@code gc.alloc.rate.norm} is bytes allocated per MiB delivered; the goal is zero (noise only). Throughput
 * figures belong to {@link KcpBulkBenchmark}, which runs the C peer's exact trajectory.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class KcpAllocationBenchmark {

    @Param({"IKCP", "KCP_GO"})
    public KcpProfile profile;

    @Param({"0", "5"})
    public int lossPercent;

    private KcplabBulkPair pair;

    @Setup(Level.Trial)
    public void setUp() {
        pair = new KcplabBulkPair(profile, KcpBulkBenchmark.MTU, KcpBulkBenchmark.WINDOW, lossPercent,
                KcpBulkBenchmark.SEED);
    }

    @Benchmark
    public long mebibyte() {
        return pair.transfer(1 << 20);
    }
}
