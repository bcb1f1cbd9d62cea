package io.kcplab.sim.node;

import io.kcplab.sim.metrics.ByteStream;
import io.kcplab.sim.metrics.FlowMetrics;

/**
 * Game ticks: every {@code intervalMicros} from {@code startMicros} the client writes {@code messages} messages of
 * {@code messageSize} bytes, until {@code stopMicros} or until it has written {@code count} messages (the last tick
 * writes what is left of the count); the server reads and checks them. Latency per message is what matters here.
 */
public final class ConstantBitRate extends OneWayWorkload {

    private final PeriodicSource source;
    private final long startMicros;
    private long left;

    public ConstantBitRate(int messages, int messageSize, long intervalMicros, long stopMicros, long seed,
            String name) {
        this(messages, messageSize, intervalMicros, 0, stopMicros, Long.MAX_VALUE, seed, name);
    }

    /**
     * @param startMicros offset of the first tick after the conversation opens
     * @param count       messages in all (Long.MAX_VALUE: until stop)
     */
    public ConstantBitRate(int messages, int messageSize, long intervalMicros, long startMicros, long stopMicros,
            long count, long seed, String name) {
        super(new ByteStream(seed, requirePositive(messages, messageSize), new FlowMetrics(name)));
        if (startMicros < 0 || count < 1) {
            throw new IllegalArgumentException("cbr needs start >= 0 and count >= 1; got start " + startMicros
                    + " µs, count " + count);
        }
        this.startMicros = startMicros;
        this.left = count;
        long ticks = count == Long.MAX_VALUE ? Long.MAX_VALUE : (count + messages - 1) / messages;
        this.source = new PeriodicSource(intervalMicros, stopMicros, ticks, (now, i) -> {
            long n = Math.min(messages, left);
            left -= n;
            offer(n * messageSize, now);
        });
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
        source.start(client.port().host().network().simulation(), nowMicros + startMicros);
    }
}
