package io.kcplab.bench;

import io.kcplab.protocol.ConnectionConfig;
import io.kcplab.protocol.ModePreset;
import io.kcplab.sim.Experiment;
import io.kcplab.sim.Simulation;
import io.kcplab.sim.net.LinkProfile;
import io.kcplab.sim.node.BulkTransfer;
import io.kcplab.sim.node.Echo;
import io.kcplab.sim.node.Host;
import io.kcplab.sim.node.KcpEndpoint;
import io.kcplab.sim.node.Network;
import io.kcplab.sim.node.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * The whole stack in the simulator, as a ratio to real time (issue 4's speed goal: at least 100x for {@code bulk}
 * on one core):
 * <ul>
 *   <li>{@code bulk}: one conversation sending as fast as it can over a 10 Mbit/s link with 1% random loss and
 *       50 ms RTT (25 ms each way), kcptun's settings: {@code kcptun} = {@link ConnectionConfig#defaults()} (mode
 *       fast, FEC 10/3, aes, windows 1024), {@code fast3} = the same with mode fast3;</li>
 *   <li>{@code echo1000}: 1,000 concurrent echo conversations (100-byte request every 100 ms each) over a
 *       100 Mbit/s, 1% loss, 50 ms RTT path, same settings;</li>
 *   <li>{@code server1k}, {@code server10k} (issue 13): 1,000 or 10,000 echo conversations over the same shared
 *       path, each sending one 100-byte request per second, as a KCP server's sessions do; the conversations open
 *       one after another, spread evenly over the first simulated second (so their requests are too).</li>
 * </ul>
 * One benchmark operation is one simulated second, so the primary score (ops/s) IS the real-time ratio:
 * simulated seconds per wall-clock second. The {@code events} secondary result is simulation events per
 * wall-clock second ({@link Simulation#eventsRun()}); {@code -prof gc} gives the allocation rate. The set-up prints
 * the heap the conversations retain ({@code heap per conversation}).
 *
 * <p>Smoke run: {@code java -jar benchmarks/target/benchmarks.jar SimulationSpeedBenchmark -f 1 -wi 1 -i 1 -w 1s
 * -r 1s -prof gc}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// the collector the kcplab launcher runs simulations with: at 10,000 sessions G1's young pauses (copying the
// sessions' growing state) cost a third of the throughput
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-XX:+UseParallelGC"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class SimulationSpeedBenchmark {

    private static final long SIMULATED_SECOND = 1_000_000;

    @Param({"bulk", "echo1000", "server1k", "server10k"})
    public String workload;

    @Param({"kcptun", "fast3"})
    public String config;

    private Simulation sim;
    private final List<Workload> workloads = new ArrayList<>();

    /** Simulation events run, reported per second next to the primary score. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Events {
        public long events;
    }

    @Setup(Level.Trial)
    public void setUp() {
        ConnectionConfig c = switch (config) {
            case "kcptun" -> ConnectionConfig.defaults();
            case "fast3" -> ConnectionConfig.builder().mode(ModePreset.FAST3).build();
            default -> throw new IllegalArgumentException("config must be kcptun or fast3, got " + config);
        };
        boolean bulk = workload.equals("bulk");
        int conversations = switch (workload) {
            case "bulk" -> 1;
            case "echo1000", "server1k" -> 1000;
            case "server10k" -> 10_000;
            default -> throw new IllegalArgumentException(
                    "workload must be bulk, echo1000, server1k or server10k, got " + workload);
        };
        long requestInterval = workload.equals("echo1000") ? 100_000 : SIMULATED_SECOND;
        // server*: conversations open one after another over the first second (a server's sessions do not all
        // start in the same microsecond); the others open at time 0, as before
        long openSpread = workload.startsWith("server") ? SIMULATED_SECOND : 0;
        long heapBefore = usedHeap();
        sim = new Simulation(2026);
        Network net = new Network(sim);
        Host client = net.addHost("client");
        Host server = net.addHost("server");
        LinkProfile path = LinkProfile.builder().rateBitsPerSecond(bulk ? 10_000_000 : 100_000_000)
                .delayMillis(25).loss(0.01).build();
        net.connect(client, server, path, path);
        for (int i = 0; i < conversations; i++) {
            int n = i;
            Workload w = bulk
                    ? new BulkTransfer(Long.MAX_VALUE / 4, BulkTransfer.DEFAULT_CHUNK, i, "bulk")
                    : new Echo(100, requestInterval, Long.MAX_VALUE, i, "echo " + i);
            w.attach(sim);
            workloads.add(w);
            Runnable open = () -> {
                server.bind(Experiment.serverPort(n), new KcpEndpoint(1000 + n, c, 2 * n, w.server(),
                        client.address(), Experiment.clientPort(n)));
                client.bind(Experiment.clientPort(n), new KcpEndpoint(1000 + n, c, 2 * n + 1, w.client(),
                        server.address(), Experiment.serverPort(n)));
            };
            if (openSpread == 0) {
                open.run();
            } else {
                sim.schedule(openSpread * i / conversations, (now, arg) -> open.run());
            }
        }
        sim.runFor(2 * SIMULATED_SECOND); // past slow start, connections and pools warm
        if (workloads.get(0).upstream().delivered() == 0) {
            throw new IllegalStateException("no bytes delivered during warm-up: the benchmark setup is broken");
        }
        System.out.printf("%nheap per conversation: %,d bytes (%d conversations, after 2 simulated seconds)%n",
                (usedHeap() - heapBefore) / conversations, conversations);
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    /** Advances the simulation by one simulated second: ops/s = simulated seconds per wall second. */
    @Benchmark
    public long simulatedSecond(Events counters) {
        long before = sim.eventsRun();
        sim.runFor(SIMULATED_SECOND);
        long ran = sim.eventsRun() - before;
        counters.events += ran;
        return ran;
    }
}
