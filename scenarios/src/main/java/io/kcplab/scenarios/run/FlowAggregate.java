package io.kcplab.scenarios.run;

import io.kcplab.reports.result.FlowResult;
import io.kcplab.reports.result.Metrics;
import io.kcplab.sim.metrics.ConversationMetrics;
import io.kcplab.sim.metrics.EndpointCounters;
import io.kcplab.sim.metrics.FlowMetrics;
import org.HdrHistogram.Histogram;

/**
 * One direction of one workload entry over all of its conversations, the flow a server-scale run reports (10,000
 * echo sessions are one {@code echo/up} and one {@code echo/down} flow, not 20,000). Conversations of one entry are
 * of one kind, so pooling their messages keeps kinds apart; how each conversation's own latency spreads across them
 * is kept as extras {@value #CONVERSATIONS}, {@code conv_p50_latency_ms_<p50|p90|p99|max>} and
 * {@code conv_p99_latency_ms_<...>}. Memory is a few auto-sized histograms per flow, whatever the conversation count.
 */
final class FlowAggregate {

    static final String CONVERSATIONS = "conversations";

    private final String id;
    private final String type;
    private final Histogram latency = histogram();
    private final Histogram rtt = histogram();
    private final Histogram convP50 = histogram();
    private final Histogram convP99 = histogram();
    private long conversations;
    private long offered;
    private long delivered;
    private long segments;
    private long retransmissions;
    private long fast;
    private long timeout;
    private long early;
    private long datagrams;
    private long wire;
    private long fec;
    private long firstWrite = -1;
    private long lastDelivery = -1;
    private boolean allCompleted = true;
    private final long[] drops = new long[ConversationMetrics.DROP_KINDS.length];

    FlowAggregate(String id, String type) {
        this.id = id;
        this.type = type;
    }

    /**
     * Adds one conversation's direction, written by {@code sender} and read by {@code receiver}; {@code completed}
     * when it was a finite bulk transfer that delivered everything; {@code pathDrops} its datagrams the path dropped,
     * by kind. {@code scratch} is reset and reused.
     */
    void add(FlowMetrics f, EndpointCounters sender, EndpointCounters receiver, boolean completed, Histogram scratch,
             long[] pathDrops) {
        conversations++;
        for (int k = 0; k < drops.length; k++) {
            drops[k] += pathDrops[k];
        }
        scratch.reset();
        f.addLatencyTo(scratch);
        if (scratch.getTotalCount() > 0) {
            latency.add(scratch);
            convP50.recordValue(scratch.getValueAtPercentile(50));
            convP99.recordValue(scratch.getValueAtPercentile(99));
        }
        f.addRoundTripTo(rtt);
        offered += f.bytesOffered();
        delivered += f.bytesDelivered();
        segments += sender.segmentsSent();
        fast += sender.fastRetransmissions();
        timeout += sender.timeoutRetransmissions();
        early += sender.earlyRetransmissions();
        retransmissions += sender.retransmissions();
        datagrams += sender.datagramsSent();
        wire += sender.wireBytesSent();
        fec += receiver.fecRecovered();
        if (f.firstWriteMicros() >= 0 && (firstWrite < 0 || f.firstWriteMicros() < firstWrite)) {
            firstWrite = f.firstWriteMicros();
        }
        lastDelivery = Math.max(lastDelivery, f.lastDeliveryMicros());
        allCompleted &= completed;
    }

    /** Goodput while active is the entry's: all its bytes over the span from its first write to its last delivery. */
    FlowResult result() {
        long active = firstWrite < 0 || lastDelivery < 0 ? -1 : lastDelivery - firstWrite;
        Metrics.Builder b = new FlowTotals(delivered, offered, latency, rtt, segments, retransmissions, fast, timeout,
                early, datagrams, wire, fec, active, allCompleted, drops).metrics()
                .extra(CONVERSATIONS, conversations);
        ResultConverter.spread(b, "conv_p50_latency_ms", convP50);
        ResultConverter.spread(b, "conv_p99_latency_ms", convP99);
        return new FlowResult(id, type, b.build());
    }

    /** Auto-sized, 3 digits: the buckets of the simulator's histograms, so percentiles read the same. */
    static Histogram histogram() {
        Histogram h = new Histogram(3);
        h.setAutoResize(true);
        return h;
    }
}
