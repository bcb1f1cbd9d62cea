package io.kcplab.sim.node;

import io.kcplab.sim.metrics.ByteStream;
import io.kcplab.sim.metrics.FlowMetrics;

/**
 * Bursts: for {@code onMicros} the client offers bytes at {@code bitsPerSecond} (in 10 ms steps), then stays
 * silent for {@code offMicros}, repeating until {@code stopMicros}. The server reads and checks.
 */
public final class OnOff implements Workload {

    private static final long STEP_MICROS = 10_000;

    private final ByteStream stream;
    private final PeriodicSource source;
    private KcpEndpoint clientEnd;

    public OnOff(long bitsPerSecond, long onMicros, long offMicros, long stopMicros, int chunkSize, long seed,
            String name) {
        if (bitsPerSecond < 1 || onMicros < STEP_MICROS || offMicros < 0) {
            throw new IllegalArgumentException("on/off needs rate >= 1 bit/s, on >= 10 ms, off >= 0; got "
                    + bitsPerSecond + " bit/s, on " + onMicros + " µs, off " + offMicros + " µs");
        }
        this.stream = new ByteStream(seed, chunkSize, new FlowMetrics(name));
        long period = onMicros + offMicros;
        long bytesPerStep = Math.max(1, bitsPerSecond * STEP_MICROS / 8_000_000);
        this.source = new PeriodicSource(STEP_MICROS, stopMicros, (now, i) -> {
            if ((i * STEP_MICROS) % period < onMicros) {
                stream.offer(bytesPerStep);
                if (clientEnd != null) {
                    clientEnd.poke(now);
                }
            }
        });
    }

    private final Application client = new Application() {
        @Override
        public void onStart(KcpEndpoint endpoint, long nowMicros) {
            clientEnd = endpoint;
            source.start(endpoint.port().host().network().simulation(), nowMicros);
        }

        @Override
        public void onProgress(KcpEndpoint endpoint, long nowMicros) {
            stream.pump(endpoint.connection(), nowMicros);
        }
    };

    private final Application server = this::serve;

    private void serve(KcpEndpoint endpoint, long nowMicros) {
        stream.drain(endpoint.connection(), nowMicros);
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
        return false;
    }
}
