package io.kcplab.protocol.kcp;

/**
 * One KCP segment, pooled and linked intrusively into exactly one {@link SegmentQueue} at a time (like ikcp's
 * IQUEUEHEAD node). All numeric fields hold ikcp's 32-bit unsigned values in Java ints.
 */
final class Segment {
    int cmd;
    int frg;
    int wnd;
    int ts;
    int sn;
    int una;
    int len;
    int resendts;
    int rto;
    int fastack;
    int xmit;
    /** kcp-go only: acknowledged by an ACK but kept in snd_buf until una passes it. */
    boolean acked;
    byte[] data;

    Segment prev;
    Segment next;

    Segment(int capacity) {
        data = new byte[capacity];
    }

    void reset() {
        cmd = frg = wnd = ts = sn = una = len = resendts = rto = fastack = xmit = 0;
        acked = false;
        prev = next = null;
    }

    /** Grows the payload array keeping its first {@code len} bytes (stream-mode appends). */
    void ensureCapacity(int capacity) {
        if (data.length < capacity) {
            byte[] grown = new byte[capacity];
            System.arraycopy(data, 0, grown, 0, len);
            data = grown;
        }
    }
}
