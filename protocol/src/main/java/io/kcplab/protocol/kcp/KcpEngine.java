package io.kcplab.protocol.kcp;

import static io.kcplab.protocol.kcp.Kcp.ASK_SEND;
import static io.kcplab.protocol.kcp.Kcp.ASK_TELL;
import static io.kcplab.protocol.kcp.Kcp.CMD_PUSH;
import static io.kcplab.protocol.kcp.Kcp.CMD_WASK;
import static io.kcplab.protocol.kcp.Kcp.CMD_WINS;
import static io.kcplab.protocol.kcp.Kcp.OVERHEAD;
import static io.kcplab.protocol.kcp.Kcp.PROBE_INIT;
import static io.kcplab.protocol.kcp.Kcp.PROBE_LIMIT;

/**
 * What differs between the two references, ikcp.c and kcp-go's kcp.go: how a datagram is taken in and how a flush
 * packs and retransmits. Everything else (queues, buffers, windows, timers) is {@link Kcp}'s, shared.
 */
abstract class KcpEngine {
    final Kcp k;

    KcpEngine(Kcp k) {
        this.k = k;
    }

    /** Feeds one datagram of at least 24 bytes; {@link Kcp#input(byte[], int, int, boolean)}'s contract. */
    abstract int input(byte[] data, int off, int len, boolean regular);

    /** A full flush at {@code k.current}: ACKs, window probes, new data the window admits, retransmissions. */
    abstract void flush();

    /** A full flush, answering in how many ms the next one is due. */
    abstract int flushAndNextDelay();

    /** The acknowledged segment {@code seg}, still in snd_buf: ikcp frees it, kcp-go marks it. */
    abstract void ackSegment(Segment seg);

    /** Whether an ACK with timestamp {@code ts} for a later segment counts towards {@code seg}'s fast resend. */
    abstract boolean countsFastack(Segment seg, int ts);

    /** See {@link Kcp#quietFor}; 0 (always flush) unless the engine can tell. */
    int quietFor(int now, int maxInFlight) {
        return 0;
    }

    /**
     * PUSH handling shared by both profiles: ACK everything inside the window (even duplicates), keep new data.
     *
     * @return true if the segment was a repeat: a duplicate, or outside the receive window (kcp-go's RepeatSegs)
     */
    final boolean acceptPush(byte[] data, int p, int frg, int ts, int sn, int segLen) {
        if (sn - (k.rcvNxt + k.rcvWnd) < 0) {
            k.acks.push(sn, ts);
            if (sn - k.rcvNxt >= 0) {
                return parseData(data, p, frg, ts, sn, segLen);
            }
        }
        return true;
    }

    /** @return true if the segment was not kept: outside the window, or a duplicate */
    private boolean parseData(byte[] data, int p, int frg, int ts, int sn, int segLen) {
        if (sn - (k.rcvNxt + k.rcvWnd) >= 0 || sn - k.rcvNxt < 0) {
            return true;
        }
        // rcv_buf holds sn in [rcv_nxt, rcv_nxt + rcv_wnd): ikcp's sorted-list insert is a slot in the ring
        k.rcvBuf.ensureSpan(sn - k.rcvNxt + 1);
        if (k.rcvBuf.get(sn) != null) {
            k.moveReceivedInOrder(); // ikcp and kcp-go move in-order data even on a duplicate (after rcv_wnd grew)
            return true; // duplicate
        }
        Segment seg = k.pool.take(segLen, k.mss);
        seg.cmd = CMD_PUSH;
        seg.frg = frg;
        seg.ts = ts;
        seg.sn = sn;
        seg.len = segLen;
        System.arraycopy(data, p, seg.data, 0, segLen);
        k.rcvBuf.put(seg);
        k.moveReceivedInOrder();
        return false;
    }

    /** Frees every snd_buf segment below {@code una}; returns how many. */
    final int parseUna(int una) {
        int count = 0;
        // in sn order from the first segment, stopping at the first one not below una (exactly ikcp's loop, which
        // matters when a corrupt una lies about 2^31 away)
        for (int sn = k.sndUna, end = k.sndNxt; sn != end && !k.sndBuf.isEmpty(); sn++) {
            Segment seg = k.sndBuf.get(sn);
            if (seg == null) {
                continue;
            }
            if (una - seg.sn > 0) {
                k.sndBuf.remove(sn);
                k.pool.release(seg);
                count++;
            } else {
                break;
            }
        }
        return count;
    }

    /** snd_una = sn of the first segment in snd_buf, or snd_nxt when it is empty (never moves backwards). */
    final void shrinkBuf() {
        if (k.sndBuf.isEmpty()) {
            k.sndUna = k.sndNxt;
            return;
        }
        int sn = k.sndUna;
        while (k.sndBuf.get(sn) == null) {
            sn++;
        }
        k.sndUna = sn;
    }

    final void parseAck(int sn) {
        if (sn - k.sndUna < 0 || sn - k.sndNxt >= 0) {
            return;
        }
        Segment seg = k.sndBuf.get(sn);
        if (seg == null) {
            return;
        }
        ackSegment(seg);
    }

    final void parseFastack(int sn, int ts) {
        if (sn - k.sndUna < 0 || sn - k.sndNxt >= 0) {
            return;
        }
        // every segment below sn (ikcp walks snd_buf until sn and skips sn itself)
        for (int s = k.sndUna; s != sn; s++) {
            Segment seg = k.sndBuf.get(s);
            if (seg != null) {
                if (countsFastack(seg, ts)) {
                    seg.fastack++;
                }
            }
        }
    }

    /** Window-k.probe timer, run on every full flush; only ticks while the remote window is zero. */
    final void probeTimer(int now) {
        if (k.rmtWnd == 0) {
            if (k.probeWait == 0) {
                k.probeWait = PROBE_INIT;
                k.tsProbe = now + k.probeWait;
            } else if (now - k.tsProbe >= 0) {
                if (Integer.compareUnsigned(k.probeWait, PROBE_INIT) < 0) {
                    k.probeWait = PROBE_INIT;
                }
                k.probeWait += k.probeWait >>> 1;
                if (Integer.compareUnsigned(k.probeWait, PROBE_LIMIT) > 0) {
                    k.probeWait = PROBE_LIMIT;
                }
                k.tsProbe = now + k.probeWait;
                k.probe |= ASK_SEND;
            }
        } else {
            k.tsProbe = 0;
            k.probeWait = 0;
        }
    }

    /**
     * Runs the probe timer, then writes the window probe (WASK) and the window answer (WINS) that k.probe asks for,
     * as both references do; {@code ts} and {@code sn} are the flush's template (its last ACK's).
     */
    final void flushProbes(int now, int wnd, int ts, int sn, int una) {
        probeTimer(now);
        if ((k.probe & ASK_SEND) != 0) {
            k.writer.makeSpace(OVERHEAD);
            k.writer.header(CMD_WASK, 0, wnd, ts, sn, una, 0);
        }
        if ((k.probe & ASK_TELL) != 0) {
            k.writer.makeSpace(OVERHEAD);
            k.writer.header(CMD_WINS, 0, wnd, ts, sn, una, 0);
        }
        k.probe = 0;
    }

    final int wndUnused() {
        if (Integer.compareUnsigned(k.rcvQueue.size(), k.rcvWnd) < 0) {
            return k.rcvWnd - k.rcvQueue.size();
        }
        return 0;
    }
}
