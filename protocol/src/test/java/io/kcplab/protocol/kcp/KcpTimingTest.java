package io.kcplab.protocol.kcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kcplab.protocol.kcp.Wire.Seg;
import java.util.List;
import org.junit.jupiter.api.Test;

/** IKCP profile: update/check timing (phase, resync, 32-bit wrap) and the RTT/RTO estimator. */
class KcpTimingTest {
    private final Wire wire = new Wire();
    private final Kcp kcp = new Kcp(Wire.CONV, wire);

    @Test
    void nothingIsEmittedBeforeTheFirstUpdate() {
        kcp.send(new byte[5], 0, 5);
        kcp.setCurrent(50);
        kcp.flush();
        assertTrue(wire.datagrams.isEmpty());
        assertEquals(777, kcp.check(777), "check answers current until updated");
        kcp.update(60);
        assertTrue(wire.datagrams.isEmpty(), "cwnd starts at 0; the first flush only raises it to 1");
        assertEquals(1, kcp.stats().cwnd());
        kcp.update(160);
        assertEquals(1, wire.datagrams.size());
    }

    @Test
    void checkAnswersTheNextFlushOrResend() {
        kcp.update(1000);
        assertEquals(1100, kcp.stats().tsFlush());
        assertEquals(1100, kcp.check(1000));
        assertEquals(1100, kcp.check(1050));
        assertEquals(1100, kcp.check(1100));
        assertEquals(1250, kcp.check(1250));
        kcp.setNoDelay(-1, 500, -1, 1);
        kcp.send(new byte[5], 0, 5);
        kcp.update(1100); // flushes: resendts = 1100 + 200 + 200/8
        assertEquals(1600, kcp.stats().tsFlush());
        assertEquals(1325, kcp.check(1100));
        assertEquals(1325, kcp.check(1324));
        assertEquals(1325, kcp.check(1325));
    }

    @Test
    void updateFlushesAtMostOncePerCallAndStaysPhaseLocked() {
        kcp.update(0);
        kcp.update(250); // far behind: no catch-up burst, next flush one interval from now
        assertEquals(350, kcp.stats().tsFlush());
        kcp.send(new byte[5], 0, 5);
        kcp.update(300);
        assertTrue(wire.datagrams.isEmpty());
        kcp.update(349);
        assertTrue(wire.datagrams.isEmpty());
        kcp.update(350);
        assertEquals(1, wire.datagrams.size());
        assertEquals(450, kcp.stats().tsFlush());
    }

    @Test
    void aJumpOfTenSecondsResynchronisesThePhase() {
        kcp.update(0);
        kcp.send(new byte[5], 0, 5);
        kcp.update(-20000); // 20 s into the past: resync, flush now
        assertEquals(1, wire.datagrams.size());
        assertEquals(-20000 + 100, kcp.stats().tsFlush());
        assertEquals(-20000, wire.segments().get(0).ts());
    }

    @Test
    void timeWrapsAround2To32() {
        kcp.setNoDelay(1, 10, 0, 1);
        int start = 0xFFFFFF9C; // 2^32 - 100
        kcp.update(start);
        assertEquals(start + 10, kcp.stats().tsFlush());
        kcp.send(new byte[5], 0, 5);
        kcp.update(start + 5);
        assertTrue(wire.datagrams.isEmpty());
        assertEquals(start + 10, kcp.check(start + 5));
        kcp.update(start + 10);
        assertEquals(start + 10, wire.segments().get(0).ts());
        wire.clear();
        // resendts = start + 10 + 200 = 110 after the wrap
        assertEquals(start + 20, kcp.check(start + 10));
        for (int t = start + 20; t != 110; t += 10) {
            kcp.update(t);
        }
        assertTrue(wire.datagrams.isEmpty());
        kcp.update(110);
        List<Seg> resent = wire.segments(Kcp.CMD_PUSH, 0);
        assertEquals(1, resent.size());
        assertEquals(110, resent.get(0).ts());
        // an RTT sample across the wrap: ACK echoes ts = start + 10 (= -90), received at 140: rtt 230
        kcp.setCurrent(140);
        Wire.input(kcp, Seg.ack(0, start + 10, 1, 128));
        assertEquals(230, kcp.stats().srtt());
        assertEquals(0, kcp.waitSnd());
    }

    @Test
    void rttEstimatorFollowsIkcpIntegerArithmetic() {
        kcp.update(0);
        sample(1000, 100);
        assertEquals(List.of(100, 50, 300), List.of(kcp.stats().srtt(), kcp.stats().rttVar(), kcp.stats().rto()));
        sample(2000, 60);
        // rttval = (3*50 + 40)/4 = 47, srtt = (7*100 + 60)/8 = 95, rto = 95 + max(100, 188)
        assertEquals(List.of(95, 47, 283), List.of(kcp.stats().srtt(), kcp.stats().rttVar(), kcp.stats().rto()));
        sample(3000, 20);
        // rttval = (141 + 75)/4 = 54, srtt = (665 + 20)/8 = 85, rto = 85 + 216
        assertEquals(List.of(85, 54, 301), List.of(kcp.stats().srtt(), kcp.stats().rttVar(), kcp.stats().rto()));
    }

    @Test
    void rtoIsClampedToMinRtoAndSixtySeconds() {
        kcp.update(0);
        kcp.setMinRto(400);
        sample(1000, 10);
        assertEquals(400, kcp.stats().rto());
        Kcp slow = new Kcp(Wire.CONV, new Wire());
        slow.setCurrent(100000);
        Wire.input(slow, Seg.ack(0, 100000 - 50000, 0, 128));
        assertEquals(50000, slow.stats().srtt());
        assertEquals(60000, slow.stats().rto());
    }

    @Test
    void ackFromTheFutureGivesNoSample() {
        kcp.setCurrent(1000);
        Wire.input(kcp, Seg.ack(0, 1001, 0, 128));
        assertEquals(0, kcp.stats().srtt());
        assertEquals(200, kcp.stats().rto());
    }

    @Test
    void everyAckInADatagramIsASample() {
        kcp.setCurrent(1000);
        Wire.input(kcp, Seg.ack(0, 900, 0, 128), Seg.ack(1, 960, 0, 128));
        // 100, then 40: srtt = (700 + 40) / 8
        assertEquals(92, kcp.stats().srtt());
    }

    private void sample(int now, int rtt) {
        kcp.setCurrent(now);
        assertEquals(0, Wire.input(kcp, Seg.ack(12345, now - rtt, 0, 128)));
    }
}
