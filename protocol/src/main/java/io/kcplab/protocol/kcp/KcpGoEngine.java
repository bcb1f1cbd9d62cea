package io.kcplab.protocol.kcp;

import static io.kcplab.protocol.kcp.Kcp.ASK_TELL;
import static io.kcplab.protocol.kcp.Kcp.CMD_ACK;
import static io.kcplab.protocol.kcp.Kcp.CMD_PUSH;
import static io.kcplab.protocol.kcp.Kcp.CMD_WASK;
import static io.kcplab.protocol.kcp.Kcp.OVERHEAD;

/**
 * kcp-go 5.6.1's {@code kcp.go} input and flush (early retransmit, the ACK filter, its RTT estimator, flush on a
 * window slide); the kcp-go lock-step test runs the same scripts against kcp.go itself. Works on the {@link Kcp} it
 * belongs to.
 */
final class KcpGoEngine extends KcpEngine {

    KcpGoEngine(Kcp k) {
        super(k);
    }

    @Override
    int input(byte[] data, int off, int len, boolean regular) {
        final int prevUna = k.sndUna;
        int latest = 0;
        boolean flag = false;
        boolean windowSlides = false;
        int inSegs = 0; // kcp-go adds a datagram's segments to InSegs only once the whole datagram parsed
        final SegmentHeader h = k.header;
        int p = off;
        final int end = off + len;
        while (end - p >= OVERHEAD) {
            // Go compares len(data) < int(length) on a 64-bit int: a length >= 2^31 is simply too long (-2).
            final int rejected = h.readChecked(data, p, end, k.conv);
            if (rejected != 0) {
                return rejected;
            }
            p += OVERHEAD;
            if (regular) {
                k.rmtWnd = h.wnd; // only trust window updates from regular packets
            }
            if (parseUna(h.una) > 0) {
                windowSlides = true;
            }
            shrinkBuf();
            if (h.cmd == CMD_ACK) {
                parseAck(h.sn);
                parseFastack(h.sn, h.ts); // per ACK, with kcp-go's seg.ts <= ts condition
                flag = true;
                latest = h.ts;
            } else if (h.cmd == CMD_PUSH) {
                if (acceptPush(data, p, h.frg, h.ts, h.sn, h.len) && regular) {
                    k.repeatSegments++; // kcp-go counts repeats of regular (not FEC-rebuilt) packets only
                }
            } else if (h.cmd == CMD_WASK) {
                k.probe |= ASK_TELL;
            }
            inSegs++;
            p += h.len;
        }
        k.segmentsReceived += inSegs;
        // one RTT sample per datagram, from the last ACK, regular packets only
        if (flag && regular && k.current - latest >= 0) {
            k.rtt.sampleKcpGo(k.current - latest, k.interval);
        }
        if (k.nocwnd == 0 && k.sndUna - prevUna > 0) {
            k.cw.grow(k.rmtWnd, k.mss);
        }
        if (windowSlides) {
            flush(false);
        } else if (k.ackNoDelay && k.acks.size() > 0) {
            flush(true);
        }
        return 0;
    }

    /** kcp-go 5.6.1 {@code flush(ackOnly)}; returns the delay until the next flush. */
    @Override
    void flush() {
        flush(false);
    }

    @Override
    int flushAndNextDelay() {
        return flush(false);
    }

    private int flush(boolean ackOnly) {
        final int now = k.current;
        k.writer.begin();
        final int wnd = wndUnused();
        final int una = k.rcvNxt;
        int templateSn = 0;
        int templateTs = 0;
        final int ackCount = k.acks.size();
        for (int i = 0; i < ackCount; i++) {
            // kcp-go calls makeSpace before its filter; kept for fidelity (a written ACK always follows, so no visible effect)
            k.writer.makeSpace(OVERHEAD);
            int sn = k.acks.sn(i);
            // ACK filter: drop ACKs below rcv_nxt (jitter from bufferbloat) except the last one
            if (sn - k.rcvNxt >= 0 || i == ackCount - 1) {
                templateSn = sn;
                templateTs = k.acks.ts(i);
                k.writer.header(CMD_ACK, 0, wnd, templateTs, templateSn, una, 0);
            }
        }
        k.acks.clear();
        if (ackOnly) {
            k.writer.emit();
            return k.interval;
        }

        flushProbes(now, wnd, templateTs, templateSn, una);

        int cwndEff = k.cw.effective(k.sndWnd, k.rmtWnd, k.nocwnd);
        int newSegs = 0;
        while (!k.sndQueue.isEmpty() && k.sndNxt - (k.sndUna + cwndEff) < 0) {
            Segment seg = k.sndQueue.pollFirst();
            seg.cmd = CMD_PUSH;
            k.sndBuf.ensureSpan(k.sndNxt - k.sndUna + 1);
            seg.sn = k.sndNxt++;
            k.sndBuf.put(seg);
            newSegs++;
        }

        final int resent = k.fastresend > 0 ? k.fastresend : 0xffffffff;
        int change = 0;
        int lost = 0;
        int minrto = k.interval;
        for (int sn = k.sndUna, end = k.sndNxt; sn != end; sn++) {
            Segment seg = k.sndBuf.get(sn);
            if (seg == null || seg.acked) {
                continue;
            }
            boolean needsend = false;
            if (seg.xmit == 0) {
                needsend = true;
                seg.rto = k.rtt.rto;
                seg.resendts = now + seg.rto; // no rtomin term in kcp-go
            } else if (Integer.compareUnsigned(seg.fastack, resent) >= 0) {
                needsend = true; // fast retransmit, no k.fastlimit in kcp-go
                seg.fastack = 0;
                seg.rto = k.rtt.rto;
                seg.resendts = now + seg.rto;
                change++;
                k.fastRetransmissions++;
            } else if (seg.fastack != 0 && newSegs == 0) {
                needsend = true; // early retransmit: nothing new to send, a later segment was acked
                seg.fastack = 0;
                seg.rto = k.rtt.rto;
                seg.resendts = now + seg.rto;
                change++;
                k.earlyRetransmissions++;
            } else if (now - seg.resendts >= 0) {
                needsend = true;
                seg.rto += k.nodelay == 0 ? k.rtt.rto : k.rtt.rto >>> 1;
                seg.fastack = 0;
                seg.resendts = now + seg.rto;
                lost++;
                k.xmit++;
                k.retransmissions++;
            }
            if (needsend) {
                seg.xmit++;
                seg.ts = now;
                seg.wnd = wnd;
                seg.una = una;
                k.writer.makeSpace(OVERHEAD + seg.len);
                k.writer.segment(seg);
                if (Integer.compareUnsigned(seg.xmit, k.deadLink) >= 0) {
                    k.state = -1;
                }
            }
            int rto = seg.resendts - now;
            if (rto > 0 && rto < minrto) {
                minrto = rto;
            }
        }
        k.writer.emit();

        if (k.nocwnd == 0) {
            k.cw.afterFlush(change > 0, lost > 0, k.sndNxt - k.sndUna, resent, cwndEff, k.mss);
        }
        return minrto;
    }

    @Override
    void ackSegment(Segment seg) {
        seg.acked = true; // kcp-go marks and keeps the segment until una passes it (avoids shifting its slice)
    }

    @Override
    boolean countsFastack(Segment seg, int ts) {
        return seg.ts - ts <= 0; // counts acked-but-kept segments too, as kcp-go does
    }

    @Override
    int quietFor(int now, int maxInFlight) {
        if (k.acks.size() > 0 || k.probe != 0 || k.rmtWnd == 0 || k.probeWait != 0 || k.tsProbe != 0
                || (k.nocwnd == 0 && k.cw.cwnd == 0) || k.sndNxt - k.sndUna > maxInFlight) {
            return 0;
        }
        if (!k.sndQueue.isEmpty()) {
            int cwndEff = k.cw.effective(k.sndWnd, k.rmtWnd, k.nocwnd);
            if (k.sndNxt - (k.sndUna + cwndEff) < 0) {
                return 0;
            }
        }
        int quiet = Integer.MAX_VALUE;
        for (int sn = k.sndUna, end = k.sndNxt; sn != end; sn++) {
            Segment seg = k.sndBuf.get(sn);
            if (seg == null || seg.acked) {
                continue;
            }
            int due = seg.resendts - now;
            if (seg.xmit == 0 || seg.fastack != 0 || due <= 0) {
                return 0; // new, fast/early retransmission (any fastack with nothing new to send), or timed out
            }
            quiet = Math.min(quiet, due);
        }
        return quiet;
    }
}
