package io.kcplab.sim.metrics;

import org.HdrHistogram.Histogram;

/**
 * What one direction of one conversation delivered: bytes, integrity, one-way latency from write to read, and
 * (for request/response workloads) round-trip times. Latencies are recorded in microseconds.
 */
public final class FlowMetrics {

    private static final long MAX_LATENCY_MICROS = 3_600_000_000L;

    private final String name;
    private final CompactHistogram latency = new CompactHistogram(MAX_LATENCY_MICROS);
    private final CompactHistogram roundTrip = new CompactHistogram(MAX_LATENCY_MICROS);
    private long bytesOffered;
    private long bytesWritten;
    private long bytesDelivered;
    private long integrityErrors;
    private long firstWriteMicros = -1;
    private long firstDeliveryMicros = -1;
    private long lastDeliveryMicros = -1;

    public FlowMetrics(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    void recordLatency(long micros) {
        latency.record(Math.min(Math.max(0, micros), MAX_LATENCY_MICROS));
    }

    public void recordRoundTrip(long micros) {
        roundTrip.record(Math.min(Math.max(0, micros), MAX_LATENCY_MICROS));
    }

    void offered(long n) {
        bytesOffered += n;
    }

    void written(long n, long nowMicros) {
        if (n > 0 && firstWriteMicros < 0) {
            firstWriteMicros = nowMicros;
        }
        bytesWritten += n;
    }

    void delivered(long n, long nowMicros) {
        if (n > 0) {
            if (firstDeliveryMicros < 0) {
                firstDeliveryMicros = nowMicros;
            }
            lastDeliveryMicros = nowMicros;
            bytesDelivered += n;
        }
    }

    void integrityError(long bytes) {
        integrityErrors += bytes;
    }

    public Histogram latency() {
        return latency.histogram();
    }

    public Histogram roundTrip() {
        return roundTrip.histogram();
    }

    /** Adds this flow's latencies (µs) to {@code target} without building a histogram of its own. */
    public void addLatencyTo(Histogram target) {
        latency.addTo(target);
    }

    /** Adds this flow's round trips (µs) to {@code target} without building a histogram of its own. */
    public void addRoundTripTo(Histogram target) {
        roundTrip.addTo(target);
    }

    public long bytesOffered() {
        return bytesOffered;
    }

    public long bytesWritten() {
        return bytesWritten;
    }

    public long bytesDelivered() {
        return bytesDelivered;
    }

    /** Bytes that arrived different from what was written (must stay 0: KCP delivers intact or not at all). */
    public long integrityErrors() {
        return integrityErrors;
    }

    /** When the sender's first byte went into its connection (the flow became active), -1 if never. */
    public long firstWriteMicros() {
        return firstWriteMicros;
    }

    /**
     * Time the flow was active: from its first byte written to its last byte delivered (µs), -1 before the first
     * delivery. Goodput over this span is what the flow achieved while it ran, not diluted by idle time.
     */
    public long activeMicros() {
        return firstWriteMicros < 0 || lastDeliveryMicros < 0 ? -1 : lastDeliveryMicros - firstWriteMicros;
    }

    public long firstDeliveryMicros() {
        return firstDeliveryMicros;
    }

    public long lastDeliveryMicros() {
        return lastDeliveryMicros;
    }
}
