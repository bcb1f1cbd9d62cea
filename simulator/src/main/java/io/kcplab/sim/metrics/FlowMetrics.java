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

    void written(long n) {
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

    public long firstDeliveryMicros() {
        return firstDeliveryMicros;
    }

    public long lastDeliveryMicros() {
        return lastDeliveryMicros;
    }
}
