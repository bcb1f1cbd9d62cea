package io.kcplab.sim.node;

import io.kcplab.sim.metrics.ByteStream;
import io.kcplab.sim.metrics.FlowMetrics;

/**
 * Bursts: for {@code onMicros} the client offers bytes at {@code bitsPerSecond} (in 10 ms steps), then stays
 * silent for {@code offMicros}, repeating from {@code startMicros} until {@code stopMicros}. The server reads and checks.
 */
public final class OnOff extends OneWayWorkload {

    private static final long STEP_MICROS = 10_000;

    private final PeriodicSource source;

    private final long startMicros;

    public OnOff(long bitsPerSecond, long onMicros, long offMicros, long stopMicros, int chunkSize, long seed,
            String name) {
        this(bitsPerSecond, onMicros, offMicros, 0, stopMicros, chunkSize, seed, name);
    }

    /** @param startMicros offset of the first burst after the conversation opens */
    public OnOff(long bitsPerSecond, long onMicros, long offMicros, long startMicros, long stopMicros, int chunkSize,
            long seed, String name) {
        super(new ByteStream(seed, chunkSize, new FlowMetrics(name)));
        if (startMicros < 0) {
            throw new IllegalArgumentException("on/off start must be >= 0 µs, got " + startMicros);
        }
        this.startMicros = startMicros;
        if (bitsPerSecond < 1 || onMicros < STEP_MICROS || offMicros < 0) {
            throw new IllegalArgumentException("on/off needs rate >= 1 bit/s, on >= 10 ms, off >= 0; got "
                    + bitsPerSecond + " bit/s, on " + onMicros + " µs, off " + offMicros + " µs");
        }
        long period = onMicros + offMicros;
        long bytesPerStep = Math.max(1, bitsPerSecond * STEP_MICROS / 8_000_000);
        this.source = new PeriodicSource(STEP_MICROS, stopMicros, (now, i) -> {
            if ((i * STEP_MICROS) % period < onMicros) {
                offer(bytesPerStep, now);
            }
        });
    }

    @Override
    protected void started(KcpEndpoint client, long nowMicros) {
        source.start(client.port().host().network().simulation(), nowMicros + startMicros);
    }
}
