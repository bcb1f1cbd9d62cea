package io.kcplab.protocol.kcp;

/** Doubly linked list of segments with a sentinel head; O(1) insert/unlink, no allocation after construction. */
final class SegmentQueue {
    private final Segment head = new Segment(0);
    private int size;

    SegmentQueue() {
        head.prev = head;
        head.next = head;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The sentinel: iteration runs {@code for (s = first(); s != end(); s = s.next)}. */
    Segment end() {
        return head;
    }

    /** First segment, or {@link #end()} when empty. */
    Segment first() {
        return head.next;
    }

    /** Last segment, or {@link #end()} when empty. */
    Segment last() {
        return head.prev;
    }

    void addLast(Segment s) {
        insertAfter(head.prev, s);
    }

    /** Inserts {@code s} right after {@code at}, which is a member of this queue or the sentinel. */
    void insertAfter(Segment at, Segment s) {
        s.prev = at;
        s.next = at.next;
        at.next.prev = s;
        at.next = s;
        size++;
    }

    void unlink(Segment s) {
        s.prev.next = s.next;
        s.next.prev = s.prev;
        s.prev = null;
        s.next = null;
        size--;
    }

    Segment pollFirst() {
        Segment s = head.next;
        if (s == head) {
            return null;
        }
        unlink(s);
        return s;
    }

    /**
     * Size of the first complete message (its fragments counting frg down to 0), or -1 when the queue is empty or
     * does not hold all of the first message's fragments yet.
     */
    int firstMessageSize() {
        if (isEmpty()) {
            return -1;
        }
        Segment seg = first();
        if (seg.frg == 0) {
            return seg.len;
        }
        if (size < seg.frg + 1) {
            return -1;
        }
        int length = 0;
        for (Segment s = first(); s != end(); s = s.next) {
            length += s.len;
            if (s.frg == 0) {
                break;
            }
        }
        return length;
    }
}
