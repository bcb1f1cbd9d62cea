package io.kcplab.transport.smux;

import io.kcplab.transport.smux.SmuxCounters.Field;

/**
 * The session's receive token bucket of {@code maxReceiveBuffer} bytes: PSH bytes take tokens, application reads
 * give them back, and while it is empty the reader stops reading the connection, so back-pressure reaches the peer
 * through KCP's window. A frame is taken whole, so the tokens may go negative.
 */
final class ReceiveBucket {

    private final Object lock = new Object();
    private final SmuxCounters counters;
    private long tokens;

    ReceiveBucket(long tokens, SmuxCounters counters) {
        this.tokens = tokens;
        this.counters = counters;
    }

    long tokens() {
        synchronized (lock) {
            return tokens;
        }
    }

    /** A PSH frame's bytes reached their stream. */
    void take(int n) {
        synchronized (lock) {
            tokens -= n;
        }
    }

    /** Application reads (or a closed stream's unread bytes) give tokens back. */
    void giveBack(int n) {
        if (n <= 0) {
            return;
        }
        synchronized (lock) {
            tokens += n;
            if (tokens > 0) {
                lock.notifyAll();
            }
        }
    }

    /** Wakes a reader waiting for tokens, so it sees the session closed. */
    void wake() {
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    /** Waits while the bucket is empty and the session open; an empty bucket on entry counts as a stall. */
    void awaitTokens(SmuxSession session) {
        synchronized (lock) {
            if (tokens > 0) {
                return;
            }
            counters.inc(Field.BucketStalls);
            while (tokens <= 0 && !session.isClosed()) {
                try {
                    lock.wait(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
