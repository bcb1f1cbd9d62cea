package io.kcplab.sim.node;

import io.kcplab.sim.metrics.ByteStream;
import io.kcplab.sim.metrics.FlowMetrics;

/** The client sends {@code totalBytes} as fast as the window allows; the server reads and checks them. */
public final class BulkTransfer implements Workload {

    public static final int DEFAULT_CHUNK = 16 * 1024;

    private final long totalBytes;
    private final ByteStream stream;
    private long finishedAtMicros = -1;

    public BulkTransfer(long totalBytes, int chunkSize, long seed, String name) {
        if (totalBytes < 0) {
            throw new IllegalArgumentException("bulk bytes must be >= 0, got " + totalBytes);
        }
        this.totalBytes = totalBytes;
        this.stream = new ByteStream(seed, chunkSize, new FlowMetrics(name));
    }

    private final Application client = new Application() {
        @Override
        public void onStart(KcpEndpoint endpoint, long nowMicros) {
            stream.offer(totalBytes);
            stream.pump(endpoint.connection(), nowMicros);
        }

        @Override
        public void onProgress(KcpEndpoint endpoint, long nowMicros) {
            stream.pump(endpoint.connection(), nowMicros);
        }
    };

    private final Application server = this::serve;

    private void serve(KcpEndpoint endpoint, long nowMicros) {
        stream.drain(endpoint.connection(), nowMicros);
        if (finishedAtMicros < 0 && stream.delivered() >= totalBytes) {
            finishedAtMicros = nowMicros;
        }
    }

    @Override
    public Application client() {
        return client;
    }

    @Override
    public Application server() {
        return server;
    }

    @Override
    public ByteStream upstream() {
        return stream;
    }

    @Override
    public ByteStream downstream() {
        return null;
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
