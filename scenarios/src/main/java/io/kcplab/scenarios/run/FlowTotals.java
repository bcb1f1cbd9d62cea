package io.kcplab.scenarios.run;

import io.kcplab.reports.result.FlowResult;
import io.kcplab.reports.result.Metrics;
import io.kcplab.sim.metrics.ConversationMetrics;
import io.kcplab.sim.metrics.EndpointCounters;
import io.kcplab.sim.metrics.FlowMetrics;
import org.HdrHistogram.Histogram;

/**
 * What a flow's result is made of, whether it is one direction of one conversation or a workload entry's direction
 * over all of its conversations ({@link FlowAggregate}): one construction of the flow metrics for both, so a
 * detailed run and a server-scale run report a flow alike.
 *
 * @param latency      one-way latency of the flow's messages (µs), read only
 * @param rtt          request-to-response round trips (µs), read only
 * @param activeMicros first byte written to last byte delivered, -1 before the first delivery
 * @param completed    a finite bulk transfer that delivered everything (the flow gets a completion time)
 * @param drops        the path's drops of the sender's datagrams, by kind in
 *                     {@link ConversationMetrics#DROP_KINDS}
 */
record FlowTotals(long delivered, long offered, Histogram latency, Histogram rtt, long segments,
                  long retransmissions, long fastRetransmissions, long timeoutRetransmissions,
                  long earlyRetransmissions, long datagrams, long wireBytes, long fecRecoveries, long activeMicros,
                  boolean completed, long[] drops) {

    /**
     * One direction of one conversation, written by {@code sender} and read by {@code receiver}; its latency and
     * round trips are the flow's own (small, auto-resizing) histograms, not copies.
     */
    static FlowTotals of(FlowMetrics f, EndpointCounters sender, EndpointCounters receiver, boolean completed,
                         long[] drops) {
        return new FlowTotals(f.bytesDelivered(), f.bytesOffered(), f.latency(), f.roundTrip(), sender.segmentsSent(),
                sender.retransmissions(), sender.fastRetransmissions(), sender.timeoutRetransmissions(),
                sender.earlyRetransmissions(), sender.datagramsSent(), sender.wireBytesSent(),
                receiver.fecRecovered(), f.activeMicros(), completed, drops);
    }

    /** The flow's metrics; goodput is while active. Open for a caller's extras before it is built. */
    Metrics.Builder metrics() {
        Metrics.Builder b = Metrics.builder()
                .goodputBps(activeMicros > 0 ? delivered * 8 / (activeMicros / 1e6) : 0)
                .bytesDelivered(delivered)
                .messagesDelivered(latency.getTotalCount())
                .latencyMs(ResultConverter.percentiles(latency))
                .rttMs(ResultConverter.percentiles(rtt))
                .segmentsSent(segments)
                .retransmissions(retransmissions)
                .fastRetransmissions(fastRetransmissions)
                .timeoutRetransmissions(timeoutRetransmissions)
                .datagramsSent(datagrams)
                .wireBytesSent(wireBytes)
                .overhead(delivered > 0 ? (double) wireBytes / delivered : Double.NaN)
                .fecRecoveries(fecRecoveries)
                .extra(FlowResult.BYTES_OFFERED, offered)
                .extra("early_retransmissions", earlyRetransmissions);
        if (activeMicros >= 0) {
            b.extra(FlowResult.ACTIVE_S, activeMicros / 1e6);
        }
        if (completed && activeMicros >= 0) {
            b.extra(FlowResult.COMPLETION_S, activeMicros / 1e6);
        }
        for (int k = 0; k < drops.length; k++) {
            b.extra("drops_" + ConversationMetrics.DROP_KINDS[k], drops[k]); // the names the totals use
        }
        return b;
    }
}
