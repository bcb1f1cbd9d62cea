package io.kcplab.protocol.kcp;

/**
 * Free list of segments so that a connection in steady state allocates nothing. The pool keeps at most
 * {@code limit} idle segments; beyond that released segments are left to the GC (bounded memory after a burst).
 */
final class SegmentPool {
    private Segment free;
    private int idle;
    private int limit;

    SegmentPool(int limit) {
        this.limit = limit;
    }

    void setLimit(int limit) {
        this.limit = limit;
    }

    int idle() {
        return idle;
    }

    /** A reset segment whose payload array holds at least {@code capacity} bytes (arrays are at least {@code minCapacity}). */
    Segment take(int capacity, int minCapacity) {
        Segment s = free;
        if (s == null) {
            return new Segment(Math.max(capacity, minCapacity));
        }
        free = s.next;
        idle--;
        s.reset();
        if (s.data.length < capacity) {
            s.data = new byte[Math.max(capacity, minCapacity)];
        }
        return s;
    }

    void release(Segment s) {
        if (idle >= limit) {
            return;
        }
        s.prev = null;
        s.next = free;
        free = s;
        idle++;
    }
}
