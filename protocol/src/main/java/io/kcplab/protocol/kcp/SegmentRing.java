package io.kcplab.protocol.kcp;

/**
 * ikcp's {@code snd_buf} or {@code rcv_buf}: segments keyed by sequence number in a power-of-two ring of slots
 * ({@code sn & mask}). Both buffers only ever hold sequence numbers inside one window above a moving base
 * ({@code snd_una} or {@code rcv_nxt}), so a ring at least as long as that span never aliases: finding a segment
 * by sn is one array read instead of a walk along a list, and an in-order walk reads consecutive slots (the CPU can
 * fetch the segments in parallel rather than chasing one pointer after another).
 *
 * <p>The ring grows (power of two, at most {@link #MAX_SPAN}) when a caller announces a longer span; the windows
 * are 16 bits on the wire, so the span never needs more. Holes (acknowledged or not yet received segments) are null.
 */
final class SegmentRing {
    /** Longest span of sequence numbers a ring holds: windows are 16-bit on the wire. */
    static final int MAX_SPAN = 1 << 16;

    private Segment[] slots;
    private int mask;
    private int size;

    SegmentRing(int initialSpan) {
        slots = new Segment[capacityFor(initialSpan)];
        mask = slots.length - 1;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /**
     * The segment with sequence number {@code sn}, or null. Valid for any {@code sn} within the span most recently
     * ensured above the buffer's base; outside it a slot may hold another sn, which the check below rejects.
     */
    Segment get(int sn) {
        Segment s = slots[sn & mask];
        return s != null && s.sn == sn ? s : null;
    }

    /** Makes room for sequence numbers {@code base .. base + span - 1} (every live one lies inside that range). */
    void ensureSpan(int span) {
        if (span > slots.length) {
            grow(span);
        }
    }

    /** Stores {@code seg} under {@code seg.sn}; the caller has ensured the span and that the slot is empty. */
    void put(Segment seg) {
        slots[seg.sn & mask] = seg;
        size++;
    }

    /** Removes and returns the segment with sequence number {@code sn}, or null if there is none. */
    Segment remove(int sn) {
        int i = sn & mask;
        Segment s = slots[i];
        if (s == null || s.sn != sn) {
            return null;
        }
        slots[i] = null;
        size--;
        return s;
    }

    /**
     * Moves the segments from sequence number {@code next} on, in order and without a gap, to the end of
     * {@code queue} while it holds fewer than {@code window} (unsigned) segments; returns the first sequence number
     * not moved (ikcp's rcv_nxt after moving rcv_buf to rcv_queue).
     */
    int moveInOrder(int next, SegmentQueue queue, int window) {
        while (size > 0) {
            Segment seg = get(next); // ikcp: the first of rcv_buf, if its sn is rcv_nxt
            if (seg != null && Integer.compareUnsigned(queue.size(), window) < 0) {
                remove(next);
                queue.addLast(seg);
                next++;
            } else {
                break;
            }
        }
        return next;
    }

    private void grow(int span) {
        if (span > MAX_SPAN) {
            // unreachable while windows stay 16-bit (Kcp.setWindowSize enforces it); a bug if it happens
            throw new IllegalStateException("segment span " + span + " exceeds " + MAX_SPAN);
        }
        Segment[] grown = new Segment[capacityFor(span)];
        int grownMask = grown.length - 1;
        for (Segment s : slots) {
            if (s != null) {
                grown[s.sn & grownMask] = s;
            }
        }
        slots = grown;
        mask = grownMask;
    }

    private static int capacityFor(int span) {
        int n = Math.max(16, span);
        return n <= 1 ? 1 : Integer.highestOneBit(n - 1) << 1;
    }
}
