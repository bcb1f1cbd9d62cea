package io.kcplab.sim;

import io.kcplab.protocol.ConnectionConfig;
import io.kcplab.sim.metrics.ConversationMetrics;
import io.kcplab.sim.metrics.DropAttribution;
import io.kcplab.sim.metrics.Recorder;
import io.kcplab.sim.net.LinkProfile;
import io.kcplab.sim.net.LinkSchedule;
import io.kcplab.sim.node.Host;
import io.kcplab.sim.node.KcpEndpoint;
import io.kcplab.sim.node.Network;
import io.kcplab.sim.node.Path;
import io.kcplab.sim.node.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;

/**
 * One simulated run of the whole stack: a client host and a server host joined by a path (a link profile and an
 * optional schedule per direction), and any number of KCP conversations between them, each running unmodified
 * {@link io.kcplab.protocol.Connection}s and a {@link Workload}. A run is a pure function of its settings and
 * its seed: every random decision draws from a stream named after the component that makes it.
 */
public final class Experiment {

    /** Makes the workload of conversation {@code index}; {@code seed} is that conversation's own stream seed. */
    @FunctionalInterface
    public interface WorkloadFactory {
        Workload create(int index, long seed);
    }

    /**
     * What makes conversation {@code index} unique: its conv id and the seeds of its workload bytes and of the
     * nonces at each end. By default drawn from the stream {@code "conversation/<index>"}; a fault script names
     * them explicitly so that its replay does not depend on any random generator.
     */
    public record Identity(int conv, long workloadSeed, long serverNonceSeed, long clientNonceSeed) {

        /** The identity a run with scenario seed {@code streams.seed()} draws for conversation {@code index}. */
        public static Identity drawn(RandomStreams streams, int index) {
            RandomStream r = streams.stream("conversation/" + index);
            int conv = (int) r.nextLong();
            long workloadSeed = r.nextLong();
            long serverNonce = r.nextLong();
            return new Identity(conv, workloadSeed, serverNonce, r.nextLong());
        }
    }

    public static final int SERVER_PORT_BASE = 10_000;
    public static final int CLIENT_PORT_BASE = 20_000;
    public static final int MAX_CONVERSATIONS = 40_000;

    private final long seed;
    private final LinkProfile upLink;
    private final LinkProfile downLink;
    private final LinkSchedule upSchedule;
    private final LinkSchedule downSchedule;
    private final ConnectionConfig clientConfig;
    private final ConnectionConfig serverConfig;
    private final int conversations;
    private final WorkloadFactory workloads;
    private final long durationMicros;
    private final long sampleMicros;
    private final boolean stopWhenFinished;
    private final IntFunction<Identity> identities;
    private final IntPredicate included;
    private final Consumer<Path> pathHook;

    private Experiment(Builder b) {
        this.seed = b.seed;
        this.upLink = b.upLink;
        this.downLink = b.downLink;
        this.upSchedule = b.upSchedule;
        this.downSchedule = b.downSchedule;
        this.clientConfig = b.clientConfig;
        this.serverConfig = b.serverConfig;
        this.conversations = b.conversations;
        this.workloads = b.workloads;
        this.durationMicros = b.durationMicros;
        this.sampleMicros = b.sampleMicros;
        this.stopWhenFinished = b.stopWhenFinished;
        this.identities = b.identities;
        this.included = b.included;
        this.pathHook = b.pathHook;
    }

    public static Builder builder(long seed) {
        return new Builder(seed);
    }

    /** Builds the network and runs it; the simulation is returned inside the result for inspection. */
    public ExperimentResult run() {
        Simulation sim = new Simulation(seed);
        return run(sim);
    }

    /** Runs in a caller-made simulation (for example one with a trace log or pcap writer attached). */
    public ExperimentResult run(Simulation sim) {
        Network net = new Network(sim);
        Host client = net.addHost("client");
        Host server = net.addHost("server");
        Path path = net.connect(client, server, upLink, downLink);
        if (upSchedule != null) {
            upSchedule.applyTo(sim, path.forward());
        }
        if (downSchedule != null) {
            downSchedule.applyTo(sim, path.reverse());
        }
        if (pathHook != null) {
            pathHook.accept(path); // before any conversation binds: a connection may send as it is created
        }
        DropAttribution drops = new DropAttribution(path.forward(), path.reverse());
        sim.tracer().add(drops);
        Recorder recorder = new Recorder(sim, sampleMicros);
        recorder.add(path.forward());
        recorder.add(path.reverse());
        List<Workload> ws = new ArrayList<>(conversations);
        RandomStreams random = sim.random();
        for (int i = 0; i < conversations; i++) {
            if (included != null && !included.test(i)) {
                continue; // ports and identities stay tied to the index, so the others run unchanged
            }
            Identity id = identities == null ? Identity.drawn(random, i) : identities.apply(i);
            int conv = id.conv();
            Workload w = workloads.create(i, id.workloadSeed());
            w.attach(sim);
            ws.add(w);
            int serverPort = serverPort(i);
            int clientPort = clientPort(i);
            ConversationMetrics m = new ConversationMetrics(i, "conversation " + i,
                    w.upstream() == null ? null : w.upstream().metrics(),
                    w.downstream() == null ? null : w.downstream().metrics());
            drops.add(clientPort, m); // before binding: a connection may send, and lose, as it is created
            KcpEndpoint serverEnd = new KcpEndpoint(conv, serverConfig, id.serverNonceSeed(), w.server(),
                    client.address(), clientPort);
            server.bind(serverPort, serverEnd);
            KcpEndpoint clientEnd = new KcpEndpoint(conv, clientConfig, id.clientNonceSeed(), w.client(),
                    server.address(), serverPort);
            client.bind(clientPort, clientEnd);
            m.bind(clientEnd.connection(), serverEnd.connection());
            recorder.add(m);
        }
        recorder.start();
        boolean finished;
        if (stopWhenFinished) {
            finished = sim.runUntil(() -> allFinished(ws), durationMicros);
        } else {
            sim.runUntil(durationMicros);
            finished = allFinished(ws);
        }
        recorder.finish();
        return new ExperimentResult(sim, path, recorder, ws, finished);
    }

    /**
     * The server's UDP port of conversation {@code index}: one per conversation, as the server host binds them all
     * (10,000..49,999 for the 40,000 conversations a run may have).
     */
    public static int serverPort(int index) {
        return SERVER_PORT_BASE + index;
    }

    /** The client's UDP port of conversation {@code index}, one per conversation (20,000..59,999). */
    public static int clientPort(int index) {
        return CLIENT_PORT_BASE + index;
    }

    private static boolean allFinished(List<Workload> ws) {
        for (Workload w : ws) {
            if (!w.finished()) {
                return false;
            }
        }
        return true;
    }

    public long seed() {
        return seed;
    }

    public long durationMicros() {
        return durationMicros;
    }

    /** Settings of one experiment; {@link #build()} checks them. */
    public static final class Builder {
        private final long seed;
        private LinkProfile upLink = LinkProfile.PERFECT;
        private LinkProfile downLink = LinkProfile.PERFECT;
        private LinkSchedule upSchedule;
        private LinkSchedule downSchedule;
        private ConnectionConfig clientConfig = ConnectionConfig.defaults();
        private ConnectionConfig serverConfig = ConnectionConfig.defaults();
        private int conversations = 1;
        private WorkloadFactory workloads;
        private long durationMicros = 10_000_000;
        private long sampleMicros = 100_000;
        private boolean stopWhenFinished;
        private IntFunction<Identity> identities;
        private IntPredicate included;
        private Consumer<Path> pathHook;

        private Builder(long seed) {
            this.seed = seed;
        }

        /** Client→server and server→client link profiles. */
        public Builder links(LinkProfile up, LinkProfile down) {
            this.upLink = Objects.requireNonNull(up, "up link");
            this.downLink = Objects.requireNonNull(down, "down link");
            return this;
        }

        public Builder schedules(LinkSchedule up, LinkSchedule down) {
            this.upSchedule = up;
            this.downSchedule = down;
            return this;
        }

        /** The same protocol settings at both ends. */
        public Builder config(ConnectionConfig both) {
            return configs(both, both);
        }

        public Builder configs(ConnectionConfig client, ConnectionConfig server) {
            this.clientConfig = Objects.requireNonNull(client, "client config");
            this.serverConfig = Objects.requireNonNull(server, "server config");
            return this;
        }

        public Builder conversations(int count, WorkloadFactory workloads) {
            if (count < 1 || count > MAX_CONVERSATIONS) {
                throw new IllegalArgumentException("connections: " + count + " is out of range; accepted: 1.."
                        + MAX_CONVERSATIONS);
            }
            this.conversations = count;
            this.workloads = Objects.requireNonNull(workloads, "workloads");
            return this;
        }

        public Builder duration(long micros) {
            if (micros < 1000) {
                throw new IllegalArgumentException("duration: " + micros + " µs is out of range; accepted: >= 1 ms");
            }
            this.durationMicros = micros;
            return this;
        }

        public Builder sampleInterval(long micros) {
            this.sampleMicros = micros;
            return this;
        }

        /** Stop as soon as every workload says it is finished (bulk transfers), else run the full duration. */
        public Builder stopWhenFinished(boolean on) {
            this.stopWhenFinished = on;
            return this;
        }

        /** Explicit conversation identities (fault-script replay); null draws them from the seed (default). */
        public Builder identities(IntFunction<Identity> source) {
            this.identities = source;
            return this;
        }

        /**
         * Runs only the conversations whose index passes (a shrinker drops workloads this way); the others are
         * not created, and the kept ones keep their ports and identities. Null keeps all (default).
         */
        public Builder only(IntPredicate keep) {
            this.included = keep;
            return this;
        }

        /**
         * Called with the path once it is built, before any conversation starts: attach a fate oracle or a
         * recorder to its links here.
         */
        public Builder onPath(Consumer<Path> hook) {
            this.pathHook = hook;
            return this;
        }

        public Experiment build() {
            if (workloads == null) {
                throw new IllegalStateException("an experiment needs conversations(count, workloads)");
            }
            return new Experiment(this);
        }
    }
}
