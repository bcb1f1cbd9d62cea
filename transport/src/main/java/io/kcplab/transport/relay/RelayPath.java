package io.kcplab.transport.relay;

/**
 * One direction of the relay's path: what happens to datagrams between the socket that received them and the
 * socket that sends them on. Time is an argument (microseconds since the relay started), never read here, so an
 * implementation can be a deterministic model; the scenarios module adapts the simulator's live link to this.
 *
 * <p>Called from the relay's single I/O thread only.
 */
public interface RelayPath {

    /** Receives a datagram the path lets through; {@code buf} is valid only during the call. */
    @FunctionalInterface
    interface Delivery {
        /**
         * @param tag        the tag given to {@link #offer} (the relay's client slot and generation)
         * @param sentMicros when it was offered
         * @param dueMicros  when the path released it ({@code <=} the now of the call that delivers it)
         */
        void deliver(long tag, byte[] buf, int off, int len, long sentMicros, long dueMicros);
    }

    /**
     * Delivers to {@code sink} what fell due by {@code nowMicros}, then takes one datagram (copied: the caller
     * reuses its buffer).
     */
    void offer(long tag, byte[] buf, int off, int len, long nowMicros, Delivery sink);

    /** Delivers to {@code sink} everything due at or before {@code nowMicros}. */
    void advanceTo(long nowMicros, Delivery sink);

    /** When the path next needs {@link #advanceTo} (µs since the start); {@link Long#MAX_VALUE} if never. */
    long nextDueMicros();

    /** What the path did so far. */
    PathStats stats();

    /** A path that delivers every datagram at once, unchanged. */
    static RelayPath direct() {
        return new RelayPath() {
            private long offered;

            @Override
            public void offer(long tag, byte[] buf, int off, int len, long nowMicros, Delivery sink) {
                offered++;
                sink.deliver(tag, buf, off, len, nowMicros, nowMicros);
            }

            @Override
            public void advanceTo(long nowMicros, Delivery sink) {
                // nothing is ever held
            }

            @Override
            public long nextDueMicros() {
                return Long.MAX_VALUE;
            }

            @Override
            public PathStats stats() {
                return PathStats.passThrough(offered);
            }
        };
    }
}
