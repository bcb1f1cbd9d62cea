package io.kcplab.sim.node;

import io.kcplab.sim.metrics.ByteStream;
import io.kcplab.sim.metrics.FlowMetrics;

/**
 * Request/response: every {@code intervalMicros} the client writes a request of {@code requestSize} bytes; the
 * server writes back as many bytes as it reads. A request's round trip ends when the client has read the
 * response bytes up to that request's end; round trips go into the downstream flow's RTT histogram.
 */
public final class Echo implements Workload {

    private final int requestSize;
    private final ByteStream requests;
    private final ByteStream responses;
    private final PeriodicSource source;
    private final long firstRequestMicros;
    private long[] issuedAt = new long[64];
    private long issued;
    private long completed;
    private KcpEndpoint clientEnd;

    public Echo(int requestSize, long intervalMicros, long stopMicros, long seed, String name) {
        this(requestSize, intervalMicros, 0, stopMicros, seed, name);
    }

    /**
     * @param firstRequestMicros when the first request goes, after the conversation opens (0: at once); a server
     *                           scenario spreads its conversations' requests over one interval this way
     */
    public Echo(int requestSize, long intervalMicros, long firstRequestMicros, long stopMicros, long seed,
                String name) {
        this(requestSize, intervalMicros, firstRequestMicros, stopMicros, Long.MAX_VALUE, seed, name);
    }

    /**
     * @param firstRequestMicros when the first request goes, after the conversation opens (0: at once); a server
     *                           scenario spreads its conversations' requests over one interval this way, and a
     *                           workload's start offset delays them
     * @param count              requests in all; none after the count-th (Long.MAX_VALUE: until stop)
     */
    public Echo(int requestSize, long intervalMicros, long firstRequestMicros, long stopMicros, long count, long seed,
                String name) {
        if (firstRequestMicros < 0) {
            throw new IllegalArgumentException("first request offset must be >= 0 µs, got " + firstRequestMicros);
        }
        this.firstRequestMicros = firstRequestMicros;
        if (requestSize < 1) {
            throw new IllegalArgumentException("echo request size must be >= 1 byte, got " + requestSize);
        }
        this.requestSize = requestSize;
        this.requests = new ByteStream(seed, requestSize, new FlowMetrics(name + "/request"));
        this.responses = new ByteStream(~seed, requestSize, new FlowMetrics(name + "/response"));
        this.source = new PeriodicSource(intervalMicros, stopMicros, count, (now, i) -> {
            record(now);
            requests.offer(this.requestSize);
            if (clientEnd != null) {
                clientEnd.poke(now);
            }
        });
    }

    private void record(long now) {
        long outstanding = issued - completed;
        if (outstanding == issuedAt.length) {
            long[] grown = new long[issuedAt.length * 2];
            for (long k = completed; k < issued; k++) {
                grown[(int) (k % grown.length)] = issuedAt[(int) (k % issuedAt.length)];
            }
            issuedAt = grown;
        }
        issuedAt[(int) (issued % issuedAt.length)] = now;
        issued++;
    }

    private final Application client = new Application() {
        @Override
        public void onStart(KcpEndpoint endpoint, long nowMicros) {
            clientEnd = endpoint;
            source.start(endpoint.port().host().network().simulation(), nowMicros + firstRequestMicros);
        }

        @Override
        public void onProgress(KcpEndpoint endpoint, long nowMicros) {
            requests.pump(endpoint.connection(), nowMicros);
            responses.drain(endpoint.connection(), nowMicros);
            while (completed < issued && responses.delivered() >= (completed + 1) * requestSize) {
                responses.metrics().recordRoundTrip(nowMicros - issuedAt[(int) (completed % issuedAt.length)]);
                completed++;
            }
        }

        @Override
        public boolean ignoresIdleTicks() {
            return true; // reads what arrived and writes what the window admits, nothing on the clock
        }
    };

    private final Application server = new Application() {
        @Override
        public void onProgress(KcpEndpoint endpoint, long nowMicros) {
            serve(endpoint, nowMicros);
        }

        @Override
        public boolean ignoresIdleTicks() {
            return true;
        }
    };

    private void serve(KcpEndpoint endpoint, long nowMicros) {
        long got = requests.drain(endpoint.connection(), nowMicros);
        if (got > 0) {
            responses.offer(got);
        }
        responses.pump(endpoint.connection(), nowMicros);
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
        return requests;
    }

    @Override
    public ByteStream downstream() {
        return responses;
    }

    @Override
    public boolean finished() {
        return false;
    }

    public long requestsIssued() {
        return issued;
    }

    public long requestsCompleted() {
        return completed;
    }
}
