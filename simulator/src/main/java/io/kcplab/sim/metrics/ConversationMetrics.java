package io.kcplab.sim.metrics;

import io.kcplab.protocol.Connection;
import io.kcplab.protocol.kcp.Kcp;
import org.HdrHistogram.Histogram;

/**
 * Everything measured about one KCP conversation: its byte streams' metrics, per-interval series (goodput, RTT,
 * RTO, retransmissions) and, once the run ends ({@link #finish}), each endpoint's totals ({@link EndpointCounters}).
 * The client's engine is the one that sends the main stream, so its RTT/RTO and retransmissions are the ones
 * sampled.
 */
public final class ConversationMetrics {

    private final int index;
    private final String name;
    private final FlowMetrics upstream;
    private final FlowMetrics downstream;
    private Connection client;
    private Connection server;
    private EndpointCounters clientCounters;
    private EndpointCounters serverCounters;

    private final IntervalSeries goodputUp = new IntervalSeries("goodput up", "bit/s");
    private final IntervalSeries goodputDown = new IntervalSeries("goodput down", "bit/s");
    private final IntervalSeries srtt = new IntervalSeries("srtt", "ms");
    private final IntervalSeries rto = new IntervalSeries("rto", "ms");
    private final IntervalSeries retransmissions = new IntervalSeries("retransmissions", "segments");
    private final CompactHistogram srttSamples = new CompactHistogram(3_600_000L);

    /** Path drops of this conversation's datagrams, [direction * KINDS + kind]; null until the first. */
    private long[] drops;
    private long lastUp;
    private long lastDown;
    private long lastRetrans;

    public ConversationMetrics(int index, String name, FlowMetrics upstream, FlowMetrics downstream) {
        this.index = index;
        this.name = name;
        this.upstream = upstream;
        this.downstream = downstream;
    }

    public void bind(Connection client, Connection server) {
        this.client = client;
        this.server = server;
    }

    /** Takes the endpoints' totals: called once, when the run ends. */
    void finish() {
        clientCounters = EndpointCounters.of(client);
        serverCounters = EndpointCounters.of(server);
    }

    void sample(double timeSeconds, double intervalSeconds) {
        long up = upstream == null ? 0 : upstream.bytesDelivered();
        long down = downstream == null ? 0 : downstream.bytesDelivered();
        goodputUp.add(timeSeconds, (up - lastUp) * 8 / intervalSeconds);
        goodputDown.add(timeSeconds, (down - lastDown) * 8 / intervalSeconds);
        lastUp = up;
        lastDown = down;
        Kcp k = client.kcp();
        srtt.add(timeSeconds, k.stats().srtt());
        rto.add(timeSeconds, k.stats().rto());
        if (k.stats().srtt() > 0) {
            srttSamples.record(Math.min(k.stats().srtt(), 3_600_000L));
        }
        long r = retransmissionsTotal();
        retransmissions.add(timeSeconds, r - lastRetrans);
        lastRetrans = r;
    }

    /** Drop kinds, in the order of {@link #drops(boolean, int)}'s {@code kind}. */
    public static final String[] DROP_KINDS = {"random_loss", "burst_loss", "queue", "mtu", "outage"};
    /** Indices into {@link #DROP_KINDS}. */
    static final int RANDOM_LOSS = 0;
    static final int BURST_LOSS = 1;
    static final int QUEUE_DROP = 2;
    static final int MTU_DROP = 3;
    static final int OUTAGE_DROP = 4;

    void dropped(boolean upstream, int kind) {
        if (drops == null) {
            drops = new long[2 * DROP_KINDS.length];
        }
        drops[(upstream ? 0 : DROP_KINDS.length) + kind]++;
    }

    /**
     * Datagrams of this conversation the path dropped, of one direction (client to server when {@code upstream})
     * and kind (index into {@link #DROP_KINDS}).
     */
    public long drops(boolean upstream, int kind) {
        return drops == null ? 0 : drops[(upstream ? 0 : DROP_KINDS.length) + kind];
    }

    public int index() {
        return index;
    }

    public String name() {
        return name;
    }

    public FlowMetrics upstream() {
        return upstream;
    }

    public FlowMetrics downstream() {
        return downstream;
    }

    public Connection client() {
        return client;
    }

    public Connection server() {
        return server;
    }

    /** The client endpoint's totals at the end of the run. */
    public EndpointCounters clientCounters() {
        return finished(clientCounters);
    }

    /** The server endpoint's totals at the end of the run. */
    public EndpointCounters serverCounters() {
        return finished(serverCounters);
    }

    private static EndpointCounters finished(EndpointCounters c) {
        if (c == null) {
            throw new IllegalStateException("endpoint totals are taken when the run ends");
        }
        return c;
    }

    public IntervalSeries goodputUp() {
        return goodputUp;
    }

    public IntervalSeries goodputDown() {
        return goodputDown;
    }

    public IntervalSeries srtt() {
        return srtt;
    }

    public IntervalSeries rto() {
        return rto;
    }

    public IntervalSeries retransmissions() {
        return retransmissions;
    }

    /** The client engine's smoothed RTT, sampled once per interval (ms). */
    public Histogram srttSamples() {
        return srttSamples.histogram();
    }

    /** Timeout + fast + early retransmissions of both engines. */
    public long retransmissionsTotal() {
        return client.kcp().stats().timeoutRetransmissions() + client.kcp().stats().fastRetransmissions()
                + client.kcp().stats().earlyRetransmissions() + server.kcp().stats().timeoutRetransmissions()
                + server.kcp().stats().fastRetransmissions() + server.kcp().stats().earlyRetransmissions();
    }

    public long fastRetransmissions() {
        return client.kcp().stats().fastRetransmissions() + server.kcp().stats().fastRetransmissions();
    }

    /** Application bytes delivered both ways. */
    public long bytesDelivered() {
        return (upstream == null ? 0 : upstream.bytesDelivered())
                + (downstream == null ? 0 : downstream.bytesDelivered());
    }

    /** Wire (UDP payload) bytes both ends sent. */
    public long wireBytes() {
        return client.wireCounters().outBytes() + server.wireCounters().outBytes();
    }

    public long fecRecovered() {
        return client.wireCounters().fecRecovered() + server.wireCounters().fecRecovered();
    }

    public long integrityErrors() {
        return (upstream == null ? 0 : upstream.integrityErrors())
                + (downstream == null ? 0 : downstream.integrityErrors());
    }
}
