package io.kcplab.protocol.kcp;

import static io.kcplab.protocol.kcp.Kcp.ASK_TELL;
import static io.kcplab.protocol.kcp.Kcp.CMD_ACK;
import static io.kcplab.protocol.kcp.Kcp.CMD_PUSH;
import static io.kcplab.protocol.kcp.Kcp.CMD_WASK;
import static io.kcplab.protocol.kcp.Kcp.OVERHEAD;
import static io.kcplab.protocol.kcp.Unsigned.maxU;

/**
 * ikcp.c 1.7's input and flush: byte-identical datagrams to C for the same calls and times (the interop lock-step
 * test checks it). Works on the {@link Kcp} it belongs to.
 */
final class IkcpEngine extends KcpEngine {

    IkcpEngine(Kcp k) {
        super(k);
    }

    @Override
    int input(byte[] data, int off, int len, boolean regular) {
        final int prevUna = k.sndUna;
        int maxack = 0;
        int latestTs = 0;
        boolean flag = false;
        final SegmentHeader h = k.header;
        int p = off;
        final int end = off + len;
        while (end - p >= OVERHEAD) {
            final int rejected = h.readChecked(data, p, end, k.conv);
            if (rejected != 0) {
                return rejected;
            }
            final int ts = h.ts;
            final int sn = h.sn;
            p += OVERHEAD;
            k.segmentsReceived++;
            k.rmtWnd = h.wnd;
            parseUna(h.una);
            shrinkBuf();
            if (h.cmd == CMD_ACK) {
                if (k.current - ts >= 0) {
                    k.rtt.sampleIkcp(k.current - ts, k.interval);
                }
                parseAck(sn);
                shrinkBuf();
                if (!flag) {
                    flag = true;
                    maxack = sn;
                    latestTs = ts;
                } else if (sn - maxack > 0) {
                    // IKCP_FASTACK_CONSERVE takes a larger sn only if its ts is strictly newer (ikcp #438 discusses >=)
                    if (!k.fastAckConserve || ts - latestTs > 0) {
                        maxack = sn;
                        latestTs = ts;
                    }
                }
            } else if (h.cmd == CMD_PUSH) {
                if (acceptPush(data, p, h.frg, ts, sn, h.len)) {
                    k.repeatSegments++;
                }
            } else if (h.cmd == CMD_WASK) {
                k.probe |= ASK_TELL;
            }
            // CMD_WINS: rmt_wnd was already taken above
            p += h.len;
        }
        if (flag) {
            parseFastack(maxack, latestTs);
        }
        if (k.sndUna - prevUna > 0) {
            k.cw.grow(k.rmtWnd, k.mss);
        }
        if (k.ackNoDelay && k.acks.size() > 0 && k.updated) {
            // Option (off by default): kcp-go's ack-no-delay on the C engine; honours ikcp's "no k.output before update"
            flushAcksOnly();
        }
        return 0;
    }

    @Override
    void flush() {
        if (!k.updated) {
            return;
        }
        final int now = k.current;
        k.writer.begin();
        final int wnd = wndUnused();
        final int una = k.rcvNxt;
        // Template segment: flushProbes' WASK/WINS reuse the sn/ts of the last ACK written in this flush (ikcp quirk).
        int templateSn = 0;
        int templateTs = 0;
        final int ackCount = k.acks.size();
        for (int i = 0; i < ackCount; i++) {
            k.writer.makeSpace(OVERHEAD);
            templateSn = k.acks.sn(i);
            templateTs = k.acks.ts(i);
            k.writer.header(CMD_ACK, 0, wnd, templateTs, templateSn, una, 0);
        }
        k.acks.clear();

        flushProbes(now, wnd, templateTs, templateSn, una);

        int cwndEff = k.cw.effective(k.sndWnd, k.rmtWnd, k.nocwnd);
        while (k.sndNxt - (k.sndUna + cwndEff) < 0) {
            Segment seg = k.sndQueue.pollFirst();
            if (seg == null) {
                break;
            }
            seg.cmd = CMD_PUSH;
            seg.wnd = wnd;
            seg.ts = now;
            k.sndBuf.ensureSpan(k.sndNxt - k.sndUna + 1);
            seg.sn = k.sndNxt++;
            k.sndBuf.put(seg);
            seg.una = k.rcvNxt;
            seg.resendts = now;
            seg.rto = k.rtt.rto;
            seg.fastack = 0;
            seg.xmit = 0;
        }

        final int resent = k.fastresend > 0 ? k.fastresend : 0xffffffff;
        final int rtomin = k.nodelay == 0 ? k.rtt.rto >> 3 : 0;
        boolean change = false;
        boolean lost = false;
        for (int sn = k.sndUna, end = k.sndNxt; sn != end; sn++) {
            Segment seg = k.sndBuf.get(sn);
            if (seg == null) {
                continue;
            }
            boolean needsend = false;
            if (seg.xmit == 0) {
                needsend = true;
                seg.xmit++;
                seg.rto = k.rtt.rto;
                seg.resendts = now + seg.rto + rtomin;
            } else if (now - seg.resendts >= 0) {
                needsend = true;
                seg.xmit++;
                k.xmit++;
                k.retransmissions++;
                if (k.nodelay == 0) {
                    seg.rto += maxU(seg.rto, k.rtt.rto);
                } else {
                    int step = k.nodelay < 2 ? seg.rto : k.rtt.rto;
                    seg.rto += step / 2;
                }
                seg.resendts = now + seg.rto;
                lost = true;
            } else if (Integer.compareUnsigned(seg.fastack, resent) >= 0) {
                if (seg.xmit <= k.fastlimit || k.fastlimit <= 0) {
                    needsend = true;
                    seg.xmit++;
                    seg.fastack = 0;
                    seg.resendts = now + seg.rto;
                    change = true;
                    k.fastRetransmissions++;
                }
            }
            if (needsend) {
                seg.ts = now;
                seg.wnd = wnd;
                seg.una = k.rcvNxt;
                k.writer.makeSpace(OVERHEAD + seg.len);
                k.writer.segment(seg);
                if (Integer.compareUnsigned(seg.xmit, k.deadLink) >= 0) {
                    k.state = -1;
                }
            }
        }
        k.writer.emit();

        k.cw.afterFlush(change, lost, k.sndNxt - k.sndUna, resent, cwndEff, k.mss);
    }

    /** IKCP k.profile's ack-no-delay option: ACKs only, nothing else. */
    private void flushAcksOnly() {
        k.writer.begin();
        final int wnd = wndUnused();
        final int ackCount = k.acks.size();
        for (int i = 0; i < ackCount; i++) {
            k.writer.makeSpace(OVERHEAD);
            k.writer.header(CMD_ACK, 0, wnd, k.acks.ts(i), k.acks.sn(i), k.rcvNxt, 0);
        }
        k.acks.clear();
        k.writer.emit();
    }

    @Override
    int flushAndNextDelay() {
        flush();
        return k.check(k.current) - k.current;
    }

    @Override
    void ackSegment(Segment seg) {
        k.sndBuf.remove(seg.sn);
        k.pool.release(seg);
    }

    @Override
    boolean countsFastack(Segment seg, int ts) {
        return !k.fastAckConserve || ts - seg.ts >= 0;
    }
}
