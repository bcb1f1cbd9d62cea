package io.kcplab.reports.result;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one connection (or the whole run) achieved. Named numeric fields, one per
 * {@link Metric}, plus {@link #extra} for metrics this record does not know yet
 * (kept sorted so output is deterministic).
 *
 * <p>Build with {@link #builder()}: unset counters are 0, unset percentiles are
 * {@link Percentiles#NONE} (no samples).
 *
 * @param goodputBps      application bytes delivered in order, in bits per simulated second
 * @param overhead        wire bytes sent per application byte delivered (NaN when nothing was delivered)
 * @param linkLosses      datagrams the simulated link dropped
 * @param corruptDrops    datagrams dropped on receive by checksum/decryption failure
 * @param fecRecoveries   data shards rebuilt from parity
 */
public record Metrics(
        double goodputBps,
        long bytesDelivered,
        long messagesDelivered,
        Percentiles latencyMs,
        Percentiles rttMs,
        long segmentsSent,
        long retransmissions,
        long fastRetransmissions,
        long timeoutRetransmissions,
        long datagramsSent,
        long wireBytesSent,
        double overhead,
        long fecRecoveries,
        long linkLosses,
        long corruptDrops,
        Map<String, Double> extra) {

    public Metrics {
        if (!(goodputBps >= 0) || Double.isInfinite(goodputBps)) {
            throw new IllegalArgumentException("goodput_bps must be finite and >= 0, got " + goodputBps);
        }
        if (overhead < 0 || Double.isInfinite(overhead)) {
            throw new IllegalArgumentException("overhead must be finite and >= 0 (or NaN), got " + overhead);
        }
        long[] counters = {bytesDelivered, messagesDelivered, segmentsSent, retransmissions, fastRetransmissions,
                timeoutRetransmissions, datagramsSent, wireBytesSent, fecRecoveries, linkLosses, corruptDrops};
        for (long c : counters) {
            if (c < 0) {
                throw new IllegalArgumentException("counters must be >= 0, got " + c);
            }
        }
        TreeMap<String, Double> sorted = new TreeMap<>();
        for (Map.Entry<String, Double> e : extra.entrySet()) {
            String name = Names.requireName("extra metric", e.getKey());
            if (Metric.find(name) != null) {
                throw new IllegalArgumentException("extra metric '" + name + "' shadows a named metric; set the field instead");
            }
            sorted.put(name, e.getValue());
        }
        extra = Collections.unmodifiableMap(sorted);
        latencyMs = latencyMs == null ? Percentiles.NONE : latencyMs;
        rttMs = rttMs == null ? Percentiles.NONE : rttMs;
    }

    public double value(Metric metric) {
        return metric.valueOf(this);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts a builder holding this record's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        for (Metric m : Metric.values()) {
            b.set(m, value(m));
        }
        extra.forEach(b::extra);
        return b;
    }

    /** Mutable, single-use builder; values are checked when {@link #build()} runs. */
    public static final class Builder {
        private final double[] values = new double[Metric.values().length];
        private final TreeMap<String, Double> extra = new TreeMap<>();

        private Builder() {
            for (Metric m : Metric.values()) {
                values[m.ordinal()] = m.key().startsWith("latency_") || m.key().startsWith("rtt_") ? Double.NaN : 0;
            }
        }

        /** Generic setter used by readers; counters must be whole numbers. */
        public Builder set(Metric metric, double value) {
            if (metric.integral() && (value != Math.rint(value) || Double.isInfinite(value))) {
                throw new IllegalArgumentException(metric.key() + " is a counter and must be a whole number, got " + value);
            }
            values[metric.ordinal()] = value;
            return this;
        }

        public Builder goodputBps(double v) {
            return set(Metric.GOODPUT, v);
        }

        public Builder bytesDelivered(long v) {
            return set(Metric.BYTES_DELIVERED, v);
        }

        public Builder messagesDelivered(long v) {
            return set(Metric.MESSAGES_DELIVERED, v);
        }

        public Builder latencyMs(Percentiles p) {
            return set(Metric.LATENCY_P50, p.p50()).set(Metric.LATENCY_P90, p.p90()).set(Metric.LATENCY_P99, p.p99())
                    .set(Metric.LATENCY_P999, p.p999()).set(Metric.LATENCY_MAX, p.max()).set(Metric.LATENCY_MEAN, p.mean());
        }

        public Builder rttMs(Percentiles p) {
            return set(Metric.RTT_P50, p.p50()).set(Metric.RTT_P90, p.p90()).set(Metric.RTT_P99, p.p99())
                    .set(Metric.RTT_P999, p.p999()).set(Metric.RTT_MAX, p.max()).set(Metric.RTT_MEAN, p.mean());
        }

        public Builder segmentsSent(long v) {
            return set(Metric.SEGMENTS_SENT, v);
        }

        public Builder retransmissions(long v) {
            return set(Metric.RETRANSMISSIONS, v);
        }

        public Builder fastRetransmissions(long v) {
            return set(Metric.FAST_RETRANSMISSIONS, v);
        }

        public Builder timeoutRetransmissions(long v) {
            return set(Metric.TIMEOUT_RETRANSMISSIONS, v);
        }

        public Builder datagramsSent(long v) {
            return set(Metric.DATAGRAMS_SENT, v);
        }

        public Builder wireBytesSent(long v) {
            return set(Metric.WIRE_BYTES_SENT, v);
        }

        public Builder overhead(double v) {
            return set(Metric.OVERHEAD, v);
        }

        public Builder fecRecoveries(long v) {
            return set(Metric.FEC_RECOVERIES, v);
        }

        public Builder linkLosses(long v) {
            return set(Metric.LINK_LOSSES, v);
        }

        public Builder corruptDrops(long v) {
            return set(Metric.CORRUPT_DROPS, v);
        }

        public Builder extra(String name, double value) {
            extra.put(name, value);
            return this;
        }

        public Metrics build() {
            return new Metrics(v(Metric.GOODPUT), l(Metric.BYTES_DELIVERED), l(Metric.MESSAGES_DELIVERED),
                    new Percentiles(v(Metric.LATENCY_P50), v(Metric.LATENCY_P90), v(Metric.LATENCY_P99),
                            v(Metric.LATENCY_P999), v(Metric.LATENCY_MAX), v(Metric.LATENCY_MEAN)),
                    new Percentiles(v(Metric.RTT_P50), v(Metric.RTT_P90), v(Metric.RTT_P99),
                            v(Metric.RTT_P999), v(Metric.RTT_MAX), v(Metric.RTT_MEAN)),
                    l(Metric.SEGMENTS_SENT), l(Metric.RETRANSMISSIONS), l(Metric.FAST_RETRANSMISSIONS),
                    l(Metric.TIMEOUT_RETRANSMISSIONS), l(Metric.DATAGRAMS_SENT), l(Metric.WIRE_BYTES_SENT),
                    v(Metric.OVERHEAD), l(Metric.FEC_RECOVERIES), l(Metric.LINK_LOSSES), l(Metric.CORRUPT_DROPS),
                    extra);
        }

        private double v(Metric m) {
            return values[m.ordinal()];
        }

        private long l(Metric m) {
            return (long) values[m.ordinal()];
        }
    }
}
