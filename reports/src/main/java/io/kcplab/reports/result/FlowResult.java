package io.kcplab.reports.result;

import java.util.List;
import java.util.Objects;

/**
 * What one flow of a run achieved: one direction of one connection's workload ({@code "bulk/up"},
 * {@code "echo/down"}). Flows of different kinds are never pooled: a bulk flow is judged by its goodput while
 * active and its completion time, a message flow (echo, cbr, onoff) by its message latency.
 *
 * <p>The figures reuse {@link Metric} names, restricted to {@link #METRICS}, with these meanings:
 * {@code goodput_bps} is goodput <em>while active</em> (bytes delivered x 8 / time from the flow's first byte
 * written to its last byte delivered); latency is the one-way write-to-read time of this direction's messages
 * only; rtt is the echo round trips (on the response flow); retransmissions, datagrams and wire bytes are the
 * sending endpoint's (its datagrams include the ACKs it sends for the other direction), overhead is those wire
 * bytes per byte of this flow delivered, FEC recoveries are the receiving endpoint's (data shards of this flow
 * rebuilt from parity). Extras:
 * {@value #ACTIVE_S} (first byte written to last delivered), {@value #COMPLETION_S} (the same, present only when
 * a finite bulk transfer delivered everything), {@value #BYTES_OFFERED}.
 *
 * @param flow     {@code <connection>/<up|down>}, unique within the run
 * @param workload the workload type: bulk, echo, cbr, onoff
 */
public record FlowResult(String flow, String workload, Metrics metrics) {

    public static final String ACTIVE_S = "active_s";
    public static final String COMPLETION_S = "completion_s";
    public static final String BYTES_OFFERED = "bytes_offered";
    public static final String BULK = "bulk";

    /** The metrics a flow carries (others are whole-run or path figures and stay at their defaults). */
    public static final List<Metric> METRICS = List.of(Metric.GOODPUT, Metric.BYTES_DELIVERED,
            Metric.MESSAGES_DELIVERED, Metric.LATENCY_P50, Metric.LATENCY_P90, Metric.LATENCY_P99,
            Metric.LATENCY_P999, Metric.LATENCY_MAX, Metric.LATENCY_MEAN, Metric.RTT_P50, Metric.RTT_P90,
            Metric.RTT_P99, Metric.RTT_P999, Metric.RTT_MAX, Metric.RTT_MEAN, Metric.SEGMENTS_SENT,
            Metric.RETRANSMISSIONS, Metric.FAST_RETRANSMISSIONS, Metric.TIMEOUT_RETRANSMISSIONS,
            Metric.DATAGRAMS_SENT, Metric.WIRE_BYTES_SENT, Metric.OVERHEAD, Metric.FEC_RECOVERIES);

    public FlowResult {
        Names.requireText("flow", flow);
        int slash = flow.lastIndexOf('/');
        if (slash <= 0 || slash == flow.length() - 1 || flow.indexOf('.', slash) >= 0) {
            throw new IllegalArgumentException("flow '" + flow + "' must be <connection>/<direction> (e.g. bulk/up)");
        }
        Names.requireName("workload of flow " + flow, workload);
        Objects.requireNonNull(metrics, "metrics");
    }

    public static String id(String connection, String direction) {
        return connection + "/" + direction;
    }

    public String connection() {
        return flow.substring(0, flow.lastIndexOf('/'));
    }

    public String direction() {
        return flow.substring(flow.lastIndexOf('/') + 1);
    }

    /** A bulk transfer: judged by goodput while active and completion time, not by its chunks' latency. */
    public boolean isBulk() {
        return workload.equals(BULK);
    }

    /**
     * True when {@code metric} says something about this kind of flow: goodput for bulk flows only (a message
     * flow's goodput is its offered rate), message latency for message flows only (a bulk chunk's latency is
     * mostly its wait in the sender's own queue).
     */
    public boolean judgedBy(Metric metric) {
        if (!METRICS.contains(metric) || metric == Metric.OVERHEAD || metric == Metric.FEC_RECOVERIES) {
            return false; // path figures: a small flow's share of the ACKs would swing them; gated on the totals
        }
        if (metric == Metric.GOODPUT) {
            return isBulk();
        }
        if (metric.key().startsWith("latency_")) {
            return !isBulk();
        }
        return true;
    }

    /** Completion time in seconds, NaN when the flow did not complete (or is not a finite transfer). */
    public double completionSeconds() {
        return metrics.extra().getOrDefault(COMPLETION_S, Double.NaN);
    }

    /** A metric's value, or an extra's when {@code name} is not a metric; NaN when absent. */
    public double value(Metric metric) {
        return metrics.value(metric);
    }
}
