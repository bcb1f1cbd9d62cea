package io.kcplab.sim.trace;

import io.kcplab.sim.metrics.ByteStream;
import io.kcplab.sim.metrics.FlowMetrics;
import io.kcplab.sim.node.Application;
import io.kcplab.sim.node.KcpEndpoint;
import io.kcplab.sim.node.Workload;

/**
 * TEST-ONLY planted bug: a bulk transfer whose reading application gives up — and never reads again — once it has
 * waited longer than {@code patienceMicros} for the next bytes in the middle of the transfer. The receiver's
 * queue then fills, its advertised window drops to 0 and never opens: the transfer hangs forever. It only shows
 * when the network stalls the stream for that long (a segment lost again and again, a tail loss waiting for its
 * RTO), which makes it a good subject for fault-script shrinking. {@code patience=0} turns the bug off.
 *
 * <p>Fault-script kind {@code stalling-bulk bytes=N chunk=N patience=US}; {@link #WORKLOADS} knows it.
 */
final class StallingReaderBulk implements Workload {

    static final String KIND = "stalling-bulk";
    static final FaultWorkloads WORKLOADS = FaultWorkloads.standard().with(KIND,
            (s, seed, name) -> new StallingReaderBulk(s.longParam("bytes"), s.intParam("chunk"),
                    s.longParam("patience"), seed, name));

    private final long totalBytes;
    private final long patienceMicros;
    private final ByteStream stream;
    private long lastReadAt = -1;
    private boolean gaveUp;

    StallingReaderBulk(long totalBytes, int chunkSize, long patienceMicros, long seed, String name) {
        this.totalBytes = totalBytes;
        this.patienceMicros = patienceMicros;
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
        if (gaveUp) {
            return; // the bug: bytes pile up unread, the receive window closes for good
        }
        if (stream.drain(endpoint.connection(), nowMicros) > 0) {
            lastReadAt = nowMicros;
        } else if (patienceMicros > 0 && lastReadAt >= 0 && stream.delivered() < totalBytes
                && nowMicros - lastReadAt > patienceMicros) {
            gaveUp = true;
        }
    }

    boolean gaveUp() {
        return gaveUp;
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
}
