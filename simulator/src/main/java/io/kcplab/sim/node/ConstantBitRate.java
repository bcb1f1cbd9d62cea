package io.kcplab.sim.node;

import io.kcplab.sim.metrics.ByteStream;
import io.kcplab.sim.metrics.FlowMetrics;

/**
 * Game ticks: every {@code intervalMicros} the client writes {@code messages} messages of {@code messageSize}
 * bytes, until {@code stopMicros}; the server reads and checks them. Latency per message is what matters here.
 */
public final class ConstantBitRate implements Workload {

    private final ByteStream stream;
    private final int messages;
    private final int messageSize;
    private final PeriodicSource source;
    private KcpEndpoint clientEnd;

    public ConstantBitRate(int messages, int messageSize, long intervalMicros, long stopMicros, long seed,
            String name) {
        if (messages < 1 || messageSize < 1) {
            throw new IllegalArgumentException("cbr needs messages >= 1 and size >= 1 byte; got " + messages
                    + " x " + messageSize);
        }
        this.messages = messages;
        this.messageSize = messageSize;
        this.stream = new ByteStream(seed, messageSize, new FlowMetrics(name));
        this.source = new PeriodicSource(intervalMicros, stopMicros, (now, i) -> {
            stream.offer((long) this.messages * this.messageSize);
            if (clientEnd != null) {
                clientEnd.poke(now);
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
