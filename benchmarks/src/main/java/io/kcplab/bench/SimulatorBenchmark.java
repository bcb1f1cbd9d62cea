package io.kcplab.bench;

import io.kcplab.sim.Simulation;
import io.kcplab.sim.net.Chance;
import io.kcplab.sim.net.Delay;
import io.kcplab.sim.net.DelayDistribution;
import io.kcplab.sim.net.LinkProfile;
import io.kcplab.sim.net.Reorder;
import io.kcplab.sim.node.ConstantRateSender;
import io.kcplab.sim.node.Host;
import io.kcplab.sim.node.Network;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The simulator's own speed on a link-only workload (no KCP), shaped like the two speed goals: {@code bulk} is one
 * 10 Mbit/s stream (1200-byte datagrams every 960 µs); {@code flows1000} is 1,000 host pairs each sending a
 * 100-byte datagram every 20 ms (echo / game-tick traffic). Links have 25 ms delay and 1% loss ({@code lossy}), or every netem
 * impairment on ({@code netem}: rate, normal jitter with correlation, reordering, duplication, corruption,
 * Gilbert-Elliott loss). {@code events} reports simulation events per second; {@code simulatedSecond} reports the
 * wall time of one simulated second (real-time factor = 1 s / score).
 *
 * <p>Smoke run: {@code java -jar benchmarks/target/benchmarks.jar SimulatorBenchmark -f 1 -wi 1 -i 1 -w 1s -r 1s}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SimulatorBenchmark {

    private static final int EVENTS_PER_CALL = 100_000;

    @Param({"bulk", "flows1000"})
    public String workload;

    @Param({"lossy", "netem"})
    public String profile;

    private Simulation sim;

    @Setup(Level.Trial)
    public void setUp() {
        sim = new Simulation(2026);
        Network net = new Network(sim);
        LinkProfile p = switch (profile) {
            case "lossy" -> LinkProfile.builder().delayMillis(25).loss(0.01).build();
            case "netem" -> LinkProfile.builder()
                    .delay(Delay.of(25_000, 5_000, 0.25, DelayDistribution.NORMAL))
                    .rateBitsPerSecond(20_000_000).limitPackets(1000)
                    .loss(io.kcplab.sim.net.LossModel.GilbertElliott.of(0.002, 0.3))
                    .reorder(Reorder.of(0.01)).duplicate(Chance.of(0.005)).corrupt(Chance.of(0.001))
                    .mtu(1500).build();
            default -> throw new IllegalArgumentException("profile must be lossy or netem, got " + profile);
        };
        boolean bulk = switch (workload) {
            case "bulk" -> true;
            case "flows1000" -> false;
            default -> throw new IllegalArgumentException("workload must be bulk or flows1000, got " + workload);
        };
        int flows = bulk ? 1 : 1000;
        int size = bulk ? 1200 : 100;
        long interval = bulk ? 960 : 20_000;
        for (int i = 0; i < flows; i++) {
            Host a = net.addHost("a" + i);
            Host b = net.addHost("b" + i);
            net.connect(a, b, p, LinkProfile.PERFECT);
            b.bind(9000, new CountingSink());
            // flows start staggered over one interval
            a.bind(5000, new ConstantRateSender(b.address(), 9000, size, interval, Long.MAX_VALUE,
                    i * interval / flows));
        }
        sim.runFor(1_000_000); // warm the pools and queues
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS_PER_CALL)
    public long events() {
        return sim.runEvents(EVENTS_PER_CALL);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public long simulatedSecond() {
        return sim.runFor(1_000_000);
    }

    /** A receiver that only counts (a SequenceRecorder would grow without bound in a long benchmark). */
    static final class CountingSink implements io.kcplab.sim.node.DatagramHandler {
        long received;

        @Override
        public void onDatagram(io.kcplab.sim.node.Port port, long now, byte[] buf, int off, int len, int sa,
                               int sp) {
            received++;
        }
    }
}
