package io.kcplab.sim.node;

import io.kcplab.sim.metrics.ByteStream;

/**
 * A workload whose client writes one checked byte stream that the server reads and verifies: the plumbing shared
 * by {@link BulkTransfer}, {@link ConstantBitRate} and {@link OnOff}. Subclasses decide when bytes are offered.
 */
abstract class OneWayWorkload implements Workload {

    protected final ByteStream stream;
    private KcpEndpoint clientEnd;

    private final Application client = new Application() {
        @Override
        public void onStart(KcpEndpoint endpoint, long nowMicros) {
            clientEnd = endpoint;
            started(endpoint, nowMicros);
            stream.pump(endpoint.connection(), nowMicros);
        }

        @Override
        public void onProgress(KcpEndpoint endpoint, long nowMicros) {
            stream.pump(endpoint.connection(), nowMicros);
        }

        @Override
        public boolean ignoresIdleTicks() {
            return true; // writes what the window admits; the timers that offer bytes poke the endpoint themselves
        }
    };

    private final Application server = new Application() {
        @Override
        public void onProgress(KcpEndpoint endpoint, long nowMicros) {
            serve(endpoint, nowMicros);
        }

        @Override
        public boolean ignoresIdleTicks() {
            return servedIgnoresIdleTicks();
        }
    };

    OneWayWorkload(ByteStream stream) {
        this.stream = stream;
    }

    /** The client's connection exists: offer first bytes or start a timer. */
    protected abstract void started(KcpEndpoint client, long nowMicros);

    /** The server has just read (called after every drain). */
    protected void served(long nowMicros) {
    }

    /** True if {@link #served} would do nothing now unless new bytes arrived (the default: it does nothing). */
    protected boolean servedIgnoresIdleTicks() {
        return true;
    }

    /** Adds bytes to the client's backlog from a timer, and lets the client write them at once. */
    protected final void offer(long bytes, long nowMicros) {
        stream.offer(bytes);
        if (clientEnd != null) {
            clientEnd.poke(nowMicros);
        }
    }

    private void serve(KcpEndpoint endpoint, long nowMicros) {
        stream.drain(endpoint.connection(), nowMicros);
        served(nowMicros);
    }

    @Override
    public final Application client() {
        return client;
    }

    @Override
    public final Application server() {
        return server;
    }

    @Override
    public final ByteStream upstream() {
        return stream;
    }

    @Override
    public final ByteStream downstream() {
        return null;
    }

    @Override
    public boolean finished() {
        return false;
    }
}
