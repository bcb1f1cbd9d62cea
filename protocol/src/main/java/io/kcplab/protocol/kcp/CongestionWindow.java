package io.kcplab.protocol.kcp;

import static io.kcplab.protocol.kcp.Unsigned.minU;

/**
 * KCP's congestion window in segments ({@code cwnd}, {@code ssthresh}, and {@code incr}, the window in bytes that
 * grows by a fraction of a segment per ACK in congestion avoidance). Unsigned 32-bit arithmetic as in ikcp.
 */
final class CongestionWindow {
    static final int THRESH_INIT = 2;
    static final int THRESH_MIN = 2;

    int cwnd;
    int ssthresh = THRESH_INIT;
    int incr;

    /** Segments the sender may have in flight: the smaller of both windows, and of cwnd unless nc (no cwnd) is set. */
    int effective(int sndWnd, int rmtWnd, int nocwnd) {
        int w = minU(sndWnd, rmtWnd);
        return nocwnd == 0 ? minU(cwnd, w) : w;
    }

    /** Once per datagram that advanced snd_una: slow start below ssthresh, then congestion avoidance. */
    void grow(int rmtWnd, int mss) {
        if (Integer.compareUnsigned(cwnd, rmtWnd) >= 0) {
            return;
        }
        if (Integer.compareUnsigned(cwnd, ssthresh) < 0) {
            cwnd++;
            incr += mss;
        } else {
            if (Integer.compareUnsigned(incr, mss) < 0) {
                incr = mss;
            }
            incr += Integer.divideUnsigned(mss * mss, incr) + Integer.divideUnsigned(mss, 16);
            if (Integer.compareUnsigned((cwnd + 1) * mss, incr) <= 0) {
                cwnd = Integer.divideUnsigned(incr + mss - 1, mss > 0 ? mss : 1);
            }
        }
        if (Integer.compareUnsigned(cwnd, rmtWnd) > 0) {
            cwnd = rmtWnd;
            incr = rmtWnd * mss;
        }
    }

    /**
     * The reaction at the end of a flush: a fast retransmission halves to the data in flight (plus the resend
     * threshold, u32: with resend 0 it wraps to ssthresh - 1, a kcp-go quirk kept), a timeout collapses to one
     * segment, and the window never stays at zero.
     */
    void afterFlush(boolean fastRetransmitted, boolean timedOut, int inflight, int resent, int cwndEff, int mss) {
        if (fastRetransmitted) {
            ssthresh = Math.max(inflight >>> 1, THRESH_MIN);
            cwnd = ssthresh + resent;
            incr = cwnd * mss;
        }
        if (timedOut) {
            ssthresh = Math.max(cwndEff >>> 1, THRESH_MIN);
            cwnd = 1;
            incr = mss;
        }
        if (cwnd == 0) {
            cwnd = 1;
            incr = mss;
        }
    }
}
