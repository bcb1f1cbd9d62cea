package io.kcplab.sim.node;

import io.kcplab.sim.metrics.ByteStream;
import io.kcplab.sim.metrics.FlowMetrics;

/**
 * The client sends {@code totalBytes} as fast as the window allows, from {@code startMicros} on; the server reads
 * and checks them.
 */
public final class BulkTransfer extends OneWayWorkload {

    public static final int DEFAULT_CHUNK = 16 * 1024;

    private final long totalBytes;
    private final long startMicros;
    private long finishedAtMicros = -1;

    public BulkTransfer(long totalBytes, int chunkSize, long seed, String name) {
        this(totalBytes, chunkSize, 0, seed, name);
    }

    /** @param startMicros when the client writes its bytes, after the conversation opens (0: at once) */
    public BulkTransfer(long totalBytes, int chunkSize, long startMicros, long seed, String name) {
        super(new ByteStream(seed, chunkSize, new FlowMetrics(name)));
        if (totalBytes < 0) {
            throw new IllegalArgumentException("bulk bytes must be >= 0, got " + totalBytes);
        }
        if (startMicros < 0) {
            throw new IllegalArgumentException("bulk start must be >= 0 µs, got " + startMicros);
        }
        this.totalBytes = totalBytes;
        this.startMicros = startMicros;
    }

    @Override
    protected void started(KcpEndpoint client, long nowMicros) {
        if (startMicros == 0) {
            stream.offer(totalBytes); // as before start offsets existed: no timer event, same run hash
        } else {
            client.port().host().network().simulation().schedule(nowMicros + startMicros,
                    (now, arg) -> offer(totalBytes, now), 0);
        }
    }

    @Override
    protected void served(long nowMicros) {
        if (finishedAtMicros < 0 && stream.delivered() >= totalBytes) {
            finishedAtMicros = nowMicros;
        }
    }

    @Override
    protected boolean servedIgnoresIdleTicks() {
        // served() records the finish at the first look after the last byte (a 0-byte transfer: the first tick)
        return finishedAtMicros >= 0 || stream.delivered() < totalBytes;
    }

    @Override
    public boolean finished() {
        return stream.delivered() >= totalBytes;
    }

    /** When the last byte was read, -1 if not yet. */
    public long finishedAtMicros() {
        return finishedAtMicros;
    }

    public long totalBytes() {
        return totalBytes;
    }
}
