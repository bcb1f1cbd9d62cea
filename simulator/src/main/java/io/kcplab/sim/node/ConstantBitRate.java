package io.kcplab.sim.node;

import io.kcplab.sim.metrics.ByteStream;
import io.kcplab.sim.metrics.FlowMetrics;

/**
 * Game ticks: every {@code intervalMicros} the client writes {@code messages} messages of {@code messageSize}
 * bytes, until {@code stopMicros}; the server reads and checks them. Latency per message is what matters here.
 */
public final class ConstantBitRate extends OneWayWorkload {

    private final PeriodicSource source;

    public ConstantBitRate(int messages, int messageSize, long intervalMicros, long stopMicros, long seed,
            String name) {
        super(new ByteStream(seed, requirePositive(messages, messageSize), new FlowMetrics(name)));
        long bytesPerTick = (long) messages * messageSize;
        this.source = new PeriodicSource(intervalMicros, stopMicros, (now, i) -> offer(bytesPerTick, now));
    }

    private static int requirePositive(int messages, int messageSize) {
        if (messages < 1 || messageSize < 1) {
            throw new IllegalArgumentException("cbr needs messages >= 1 and size >= 1 byte; got " + messages
                    + " x " + messageSize);
        }
        return messageSize;
    }

    @Override
    protected void started(KcpEndpoint client, long nowMicros) {
        source.start(client.port().host().network().simulation(), nowMicros);
    }
}
