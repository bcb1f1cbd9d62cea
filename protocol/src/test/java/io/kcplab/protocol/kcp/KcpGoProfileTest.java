package io.kcplab.protocol.kcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kcplab.protocol.kcp.Wire.Seg;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One test per behaviour in which kcp-go 5.6.1's kcp.go differs from ikcp.c; most also show the IKCP contrast.
 * Values were derived from /usr/share/gocode/src/github.com/xtaci/kcp-go/kcp.go (5.6.1).
 */
class KcpGoProfileTest {
    private final Wire wire = new Wire();
    private final Kcp go = new Kcp(Wire.CONV, wire, KcpProfile.KCP_GO);

    private static Kcp ikcp(Wire w) {
        return new Kcp(Wire.CONV, w, KcpProfile.IKCP);
    }

    private void flushAt(Kcp k, int t) {
        k.setCurrent(t);
        k.flush();
    }

    private List<Integer> pushSns(Wire w) {
        return w.segments(Kcp.CMD_PUSH, 0).stream().map(Seg::sn).toList();
    }

    @Test
    void receiveWindowDefaultIs32() {
        assertEquals(32, go.receiveWindow());
        assertEquals(32, go.stats().remoteWindow());
        go.setNoDelay(-1, -1, -1, 1);
        go.send(new byte[1], 0, 1);
        flushAt(go, 0);
        assertEquals(32, wire.segments().get(0).wnd());
        assertEquals(128, ikcp(new Wire()).receiveWindow());
    }

    @Test
    void windowSizeHasNoReceiveFloor() {
        go.setWindowSize(8, 16);
        assertEquals(16, go.receiveWindow());
        Kcp c = ikcp(new Wire());
        c.setWindowSize(8, 16);
        assertEquals(128, c.receiveWindow());
    }

    @Test
    void probeInitIs7000AsInTheReal561Source() {
        Wire.input(go, Seg.cmd(Kcp.CMD_WINS, 0));
        flushAt(go, 0);
        assertEquals(7000, go.stats().probeWait());
        assertEquals(7000, go.stats().tsProbe());
        flushAt(go, 6999);
        assertTrue(wire.segments(Kcp.CMD_WASK, 0).isEmpty());
        flushAt(go, 7000);
        assertEquals(1, wire.segments(Kcp.CMD_WASK, 0).size());
        assertEquals(10500, go.stats().probeWait());
    }

    @Test
    void fragmentLimit255() {
        int mss = go.mss();
        assertEquals(0, go.send(new byte[255 * mss], 0, 255 * mss));
        assertEquals(255, go.stats().sendQueueSize());
        assertEquals(254, wireFrgOfFirstQueued());
        assertEquals(-2, go.send(new byte[255 * mss + 1], 0, 255 * mss + 1));
        Kcp c = ikcp(new Wire());
        assertEquals(-2, c.send(new byte[128 * mss], 0, 128 * mss));
    }

    private int wireFrgOfFirstQueued() {
        go.setNoDelay(-1, -1, -1, 1);
        go.setWindowSize(1, 0);
        flushAt(go, 0);
        return wire.segments().get(0).frg();
    }

    @Test
    void sendOfEmptyBufferIsMinusOne() {
        assertEquals(-1, go.send(new byte[0], 0, 0));
        assertEquals(0, go.waitSnd());
        assertEquals(0, ikcp(new Wire()).send(new byte[0], 0, 0));
    }

    @Test
    void recvUsesKcpGoReturnCodes() {
        assertEquals(-1, go.recv(new byte[10], 0, 10));
        Wire.input(go, Seg.push(0, 1, 0, 0, new byte[4])); // first of two fragments
        assertEquals(-1, go.recv(new byte[10], 0, 10), "incomplete message: -1 (ikcp: -2)");
        Wire.input(go, Seg.push(1, 0, 0, 0, new byte[4]));
        assertEquals(-2, go.recv(new byte[7], 0, 7), "buffer too small: -2 (ikcp: -3)");
        assertEquals(8, go.recv(new byte[8], 0, 8));
    }

    @Test
    void noFastLimit() {
        assertEquals(10, fastResends(go, wire));
        Wire cw = new Wire();
        Kcp c = ikcp(cw);
        c.update(0);
        assertEquals(5, fastResends(c, cw), "ikcp stops fast-resending once xmit > fastlimit (5)");
    }

    /** Two segments out, then ten rounds of (ACK of sn 1, flush); counts fast retransmissions of sn 0. */
    private int fastResends(Kcp k, Wire w) {
        k.setNoDelay(1, 10, 1, 1);
        k.send(new byte[1], 0, 1);
        k.send(new byte[1], 0, 1);
        flushAt(k, 0);
        w.clear();
        for (int t = 1; t <= 10; t++) {
            k.setCurrent(t);
            Wire.input(k, Seg.ack(1, t, 0, 128));
            flushAt(k, t);
        }
        List<Integer> sns = pushSns(w);
        assertTrue(sns.stream().allMatch(sn -> sn == 0));
        assertEquals(sns.size(), k.stats().fastRetransmissions());
        return sns.size();
    }

    @Test
    void earlyRetransmitWithoutNewSegments() {
        go.setNoDelay(1, 10, 0, 1); // resend = 0: fast retransmit off
        go.send(new byte[1], 0, 1);
        go.send(new byte[1], 0, 1);
        flushAt(go, 0);
        wire.clear();
        go.setCurrent(1);
        Wire.input(go, Seg.ack(1, 0, 0, 32));
        flushAt(go, 1);
        assertEquals(List.of(0), pushSns(wire));
        assertEquals(1, go.stats().earlyRetransmissions());
        assertEquals(0, go.stats().fastRetransmissions());
    }

    @Test
    void earlyRetransmitSuppressedWhenNewSegmentsEnterTheSendBuffer() {
        go.setNoDelay(1, 10, 0, 1);
        go.send(new byte[1], 0, 1);
        go.send(new byte[1], 0, 1);
        flushAt(go, 0);
        wire.clear();
        go.setCurrent(1);
        Wire.input(go, Seg.ack(1, 0, 0, 32));
        go.send(new byte[1], 0, 1);
        flushAt(go, 1);
        assertEquals(List.of(2), pushSns(wire));
        assertEquals(0, go.stats().earlyRetransmissions());
    }

    @Test
    void cwndQuirkWithResendZeroWrapsToSsthreshMinusOne() {
        go.setNoDelay(1, 10, 0, 1);
        for (int i = 0; i < 8; i++) {
            go.send(new byte[1], 0, 1);
        }
        flushAt(go, 0);
        go.setNoDelay(-1, -1, -1, 0); // congestion control on from here
        go.setCurrent(1);
        Wire.input(go, Seg.ack(7, 0, 0, 32));
        flushAt(go, 1);
        assertEquals(7, go.stats().earlyRetransmissions());
        assertEquals(4, go.stats().ssthresh());
        assertEquals(3, go.stats().cwnd(), "cwnd = ssthresh + 0xFFFFFFFF");
    }

    @Test
    void ackFilterSkipsOldAcksExceptLast() {
        byte[] d = Wire.encode(Seg.push(0, 0, 10, 0, new byte[1]), Seg.push(0, 0, 11, 0, new byte[1]),
                Seg.push(1, 0, 12, 0, new byte[1]));
        go.input(d, 0, d.length);
        flushAt(go, 0);
        List<Seg> acks = wire.segments(Kcp.CMD_ACK, 0);
        assertEquals(1, acks.size(), "sn 0 twice is below rcv_nxt=2 and filtered; sn 1 is last and always sent");
        assertEquals(1, acks.get(0).sn());
        assertEquals(12, acks.get(0).ts());

        Wire cw = new Wire();
        Kcp c = ikcp(cw);
        c.update(0);
        c.input(d, 0, d.length);
        c.update(100);
        assertEquals(3, cw.segments(Kcp.CMD_ACK, 0).size());
    }

    @Test
    void ackFilterDropsEveryOldAckButTheLastOne() {
        go.setWindowSize(0, 256);
        for (int sn = 0; sn < 60; sn++) {
            Wire.input(go, Seg.push(sn, 0, sn, 0, new byte[0]));
        }
        Wire.input(go, Seg.push(5, 0, 99, 0, new byte[0])); // old duplicate at the end: the last entry
        flushAt(go, 0);
        // all 60 fresh ACKs have sn >= rcv_nxt at push time but rcv_nxt is 60 at flush: only the last is sent
        assertEquals(1, wire.segments(Kcp.CMD_ACK, 0).size());
        assertEquals(1, wire.datagrams.size());
        assertEquals(24, wire.datagrams.get(0).length);
    }

    @Test
    void rttSampledOncePerInputFromLastAck() {
        go.setCurrent(1000);
        Wire.input(go, Seg.ack(0, 900, 0, 32), Seg.ack(1, 960, 0, 32));
        assertEquals(40, go.stats().srtt());
        assertEquals(20, go.stats().rttVar());
        Kcp c = ikcp(new Wire());
        c.setCurrent(1000);
        Wire.input(c, Seg.ack(0, 900, 0, 32), Seg.ack(1, 960, 0, 32));
        assertEquals(92, c.stats().srtt(), "ikcp samples every ACK: 100 then 40");
    }

    @Test
    void rttEstimatorUsesRfc6298ShiftsAndReducedWeightForLowSamples() {
        int[][] samples = {{1000, 100}, {2000, 60}, {3000, 20}};
        List<List<Integer>> seen = new ArrayList<>();
        for (int[] s : samples) {
            go.setCurrent(s[0]);
            Wire.input(go, Seg.ack(0, s[0] - s[1], 0, 32));
            seen.add(List.of(go.stats().srtt(), go.stats().rttVar(), go.stats().rto()));
        }
        // 60: srtt 100 + (-40>>3) = 95; rttvar 50 + ((40-50)>>2) = 47. 20 < 95-47: rttvar += (75-47)>>5 = 0
        assertEquals(List.of(List.of(100, 50, 300), List.of(95, 47, 283), List.of(85, 47, 273)), seen);
    }

    @Test
    void nonRegularInputSkipsRttAndRemoteWindow() {
        go.setCurrent(1000);
        byte[] d = Wire.encode(Seg.ack(0, 900, 0, 5));
        assertEquals(0, go.input(d, 0, d.length, false));
        assertEquals(0, go.stats().srtt());
        assertEquals(32, go.stats().remoteWindow());
        assertEquals(0, go.input(d, 0, d.length, true));
        assertEquals(100, go.stats().srtt());
        assertEquals(5, go.stats().remoteWindow());
        Kcp c = ikcp(new Wire());
        c.setCurrent(1000);
        c.input(d, 0, d.length, false);
        assertEquals(5, c.stats().remoteWindow(), "IKCP ignores the regular flag");
    }

    @Test
    void flushFromInputWhenUnaAdvances() {
        go.setNoDelay(1, 10, 0, 1);
        go.send(new byte[1], 0, 1);
        flushAt(go, 0);
        go.send(new byte[2], 0, 2);
        wire.clear();
        go.setCurrent(5);
        Wire.input(go, Seg.ack(0, 0, 1, 32));
        assertEquals(List.of(1), pushSns(wire), "input flushed the queued segment at once");

        Wire cw = new Wire();
        Kcp c = ikcp(cw);
        c.setNoDelay(1, 10, 0, 1);
        c.send(new byte[1], 0, 1);
        c.update(0);
        c.send(new byte[2], 0, 2);
        cw.clear();
        Wire.input(c, Seg.ack(0, 0, 1, 128));
        assertTrue(cw.datagrams.isEmpty(), "ikcp never flushes from input");
    }

    @Test
    void ackNoDelayFlushesAcksOnlyFromInput() {
        go.setNoDelay(1, 10, 0, 1);
        go.send(new byte[3], 0, 3); // queued, must not leave with the ACK
        Wire.input(go, Seg.push(0, 0, 7, 0, new byte[1]));
        assertTrue(wire.datagrams.isEmpty(), "without ackNoDelay nothing leaves from input");
        go.setAckNoDelay(true);
        Wire.input(go, Seg.push(1, 0, 8, 0, new byte[1]));
        List<Seg> segs = wire.segments();
        // the pending ACK of sn 0 is below rcv_nxt now and filtered; the last one (sn 1) goes out alone
        assertEquals(List.of(Kcp.CMD_ACK), segs.stream().map(Seg::cmd).toList());
        assertEquals(1, segs.get(0).sn());
        assertEquals(1, go.stats().sendQueueSize());
    }

    @Test
    void ackedSegmentsStayMarkedUntilUnaPasses() {
        go.setNoDelay(1, 10, 0, 1);
        go.send(new byte[1], 0, 1);
        go.send(new byte[1], 0, 1);
        flushAt(go, 0);
        Wire.input(go, Seg.ack(0, 0, 0, 32));
        assertEquals(0, go.stats().sndUna());
        assertEquals(2, go.stats().sendBufferSize());
        assertEquals(2, go.waitSnd());
        wire.clear();
        flushAt(go, 200); // RTO of both; the acked one is skipped
        assertEquals(List.of(1), pushSns(wire));
        Wire.input(go, Seg.ack(1, 200, 2, 32));
        assertEquals(2, go.stats().sndUna());
        assertEquals(0, go.stats().sendBufferSize());

        Kcp c = ikcp(new Wire());
        c.setNoDelay(1, 10, 0, 1);
        c.send(new byte[1], 0, 1);
        c.send(new byte[1], 0, 1);
        c.update(0);
        Wire.input(c, Seg.ack(0, 0, 0, 128));
        assertEquals(1, c.stats().sndUna());
        assertEquals(1, c.stats().sendBufferSize());
    }

    @Test
    void fastackCountedPerAckWithTsCondition() {
        go.setNoDelay(1, 10, 2, 1);
        for (int i = 0; i < 4; i++) {
            go.send(new byte[1], 0, 1);
        }
        flushAt(go, 0);
        wire.clear();
        go.setCurrent(1);
        Wire.input(go, Seg.ack(2, 0, 0, 32), Seg.ack(3, 0, 0, 32));
        flushAt(go, 1);
        assertEquals(List.of(0, 1), pushSns(wire), "two ACKs in one datagram: fastack 2 reaches resend=2");
        assertEquals(2, go.stats().fastRetransmissions());

        // ikcp counts once per datagram (maxack): fastack 1 < 2, nothing resent
        Wire cw = new Wire();
        Kcp c = ikcp(cw);
        c.setNoDelay(1, 10, 2, 1);
        for (int i = 0; i < 4; i++) {
            c.send(new byte[1], 0, 1);
        }
        c.update(0);
        cw.clear();
        c.setCurrent(1);
        Wire.input(c, Seg.ack(2, 0, 0, 128), Seg.ack(3, 0, 0, 128));
        flushAt(c, 1);
        assertTrue(pushSns(cw).isEmpty());

        // ts condition: an ACK echoing a ts older than the segment's own ts does not count
        Wire w2 = new Wire();
        Kcp g2 = new Kcp(Wire.CONV, w2, KcpProfile.KCP_GO);
        g2.setNoDelay(1, 10, 1, 1);
        g2.send(new byte[1], 0, 1);
        g2.send(new byte[1], 0, 1);
        flushAt(g2, 10);
        w2.clear();
        g2.setCurrent(11);
        Wire.input(g2, Seg.ack(1, 5, 0, 32));
        flushAt(g2, 11);
        assertTrue(pushSns(w2).isEmpty(), "seg.ts 10 > ack ts 5: no fastack, no (early) retransmit");
    }

    @Test
    void rtoBackoffAddsRxRtoAndFirstSendHasNoRtomin() {
        assertEquals(List.of(200, 600, 1200), resendTimes(KcpProfile.KCP_GO, 0));
        assertEquals(List.of(200, 500, 900), resendTimes(KcpProfile.KCP_GO, 1));
        assertEquals(List.of(225, 625, 1425), resendTimes(KcpProfile.IKCP, 0));
    }

    private static List<Integer> resendTimes(KcpProfile profile, int nodelay) {
        Wire w = new Wire();
        Kcp k = new Kcp(Wire.CONV, w, profile);
        k.setNoDelay(nodelay, 10, 0, 1);
        k.send(new byte[1], 0, 1);
        k.update(0);
        w.clear();
        List<Integer> times = new ArrayList<>();
        for (int t = 1; times.size() < 3; t++) {
            k.setCurrent(t);
            k.flush();
            if (!w.datagrams.isEmpty()) {
                times.add(t);
                w.clear();
            }
        }
        return times;
    }

    @Test
    void cwndSkippedEntirelyWhenNc1() {
        go.setNoDelay(1, 10, 2, 1);
        go.send(new byte[1], 0, 1);
        flushAt(go, 0);
        assertEquals(0, go.stats().cwnd(), "kcp-go does not even apply the cwnd >= 1 floor");
        Kcp c = ikcp(new Wire());
        c.setNoDelay(1, 10, 2, 1);
        c.update(0);
        assertEquals(1, c.stats().cwnd());
    }

    @Test
    void flushWorksWithoutUpdate() {
        go.setNoDelay(-1, -1, -1, 1);
        go.send(new byte[1], 0, 1);
        flushAt(go, 42);
        assertEquals(42, wire.segments().get(0).ts());
        Wire cw = new Wire();
        Kcp c = ikcp(cw);
        c.setNoDelay(-1, -1, -1, 1);
        c.send(new byte[1], 0, 1);
        flushAt(c, 42);
        assertTrue(cw.datagrams.isEmpty());
    }

    @Test
    void flushReturnsNextWakeupDelay() {
        go.setNoDelay(-1, -1, -1, 1);
        go.setCurrent(0);
        assertEquals(100, go.flushAndNextDelay(), "nothing in flight: the interval");
        go.setNoDelay(-1, 500, -1, -1);
        go.send(new byte[1], 0, 1);
        assertEquals(200, go.flushAndNextDelay(), "the segment's RTO is nearer than the interval");
        go.setCurrent(150);
        assertEquals(50, go.flushAndNextDelay());
    }

    @Test
    void reservedBytesLeadEveryDatagramAndCountAgainstTheMtu() {
        go.setReserved(8);
        assertEquals(1400 - 24 - 8, go.mss());
        go.setNoDelay(-1, -1, -1, 1);
        byte[] msg = Wire.pattern(2 * go.mss(), 3);
        go.send(msg, 0, msg.length);
        Wire.input(go, Seg.push(0, 0, 1, 0, new byte[0]));
        flushAt(go, 0);
        // ACK (8+24) and a full PUSH (24+1368) do not fit together in 1400 bytes
        assertEquals(List.of(32, 1400, 1400), wire.datagrams.stream().map(b -> b.length).toList());
        for (byte[] d : wire.datagrams) {
            for (int i = 0; i < 8; i++) {
                assertEquals(0, d[i]);
            }
        }
        assertEquals(List.of(0, 1), wire.segments(Kcp.CMD_PUSH, 8).stream().map(Seg::sn).toList());
    }
}
