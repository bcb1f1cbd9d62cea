package io.kcplab.protocol.kcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kcplab.protocol.kcp.Wire.Seg;
import java.util.List;
import org.junit.jupiter.api.Test;

/** IKCP profile: zero-window probing (WASK/WINS), fast recover, and dead_link. */
class KcpProbeAndDeadLinkTest {
    private final Wire wire = new Wire();
    private final Kcp kcp = new Kcp(Wire.CONV, wire);

    @Test
    void firstWaskGoesOutSevenSecondsAfterTheWindowClosedThenBacksOff() {
        kcp.update(0);
        Wire.input(kcp, Seg.cmd(Kcp.CMD_WINS, 0));
        assertEquals(0, kcp.stats().remoteWindow());
        int firstWask = -1;
        int secondWask = -1;
        for (int t = 100; t <= 20000; t += 100) {
            wire.clear();
            kcp.update(t);
            if (t == 100) {
                assertEquals(7000, kcp.stats().probeWait());
                assertEquals(7100, kcp.stats().tsProbe());
            }
            if (!wire.segments(Kcp.CMD_WASK, 0).isEmpty()) {
                if (firstWask < 0) {
                    firstWask = t;
                    assertEquals(10500, kcp.stats().probeWait());
                } else if (secondWask < 0) {
                    secondWask = t;
                    assertEquals(15750, kcp.stats().probeWait());
                }
            }
        }
        assertEquals(7100, firstWask);
        assertEquals(7100 + 10500, secondWask);
        // a window opening resets the timer
        Wire.input(kcp, Seg.cmd(Kcp.CMD_WINS, 5));
        kcp.update(20100);
        assertEquals(0, kcp.stats().probeWait());
        assertEquals(0, kcp.stats().tsProbe());
    }

    @Test
    void waskReusesSnAndTsOfTheLastAckInTheSameFlush() {
        kcp.update(0);
        Wire.input(kcp, Seg.cmd(Kcp.CMD_WINS, 0));
        kcp.update(100); // arms the probe timer
        wire.clear();
        kcp.setCurrent(7100);
        // the peer's PUSHes still advertise a zero window
        Wire.input(kcp, new Seg(Wire.CONV, Kcp.CMD_PUSH, 0, 0, 4321, 0, 0, 1, new byte[1]));
        Wire.input(kcp, new Seg(Wire.CONV, Kcp.CMD_PUSH, 0, 0, 8765, 1, 0, 1, new byte[1]));
        kcp.update(7100);
        List<Seg> segs = wire.segments();
        assertEquals(List.of(Kcp.CMD_ACK, Kcp.CMD_ACK, Kcp.CMD_WASK), segs.stream().map(Seg::cmd).toList());
        assertEquals(1, segs.get(2).sn());
        assertEquals(8765, segs.get(2).ts());
    }

    @Test
    void waskIsAnsweredWithWinsCarryingTheFreeWindow() {
        kcp.update(0);
        wire.clear();
        Wire.input(kcp, Seg.push(0, 0, 0, 0, new byte[1]), Seg.cmd(Kcp.CMD_WASK, 128));
        assertEquals(2, kcp.stats().probe());
        kcp.update(100);
        List<Seg> wins = wire.segments(Kcp.CMD_WINS, 0);
        assertEquals(1, wins.size());
        assertEquals(127, wins.get(0).wnd(), "128 minus the one queued message");
        assertEquals(0, kcp.stats().probe());
    }

    @Test
    void recvFromAFullQueueTellsTheWindow() {
        kcp.update(0);
        for (int sn = 0; sn < 128; sn++) {
            Wire.input(kcp, Seg.push(sn, 0, 0, 0, new byte[1]));
        }
        assertEquals(128, kcp.stats().receiveQueueSize());
        kcp.update(100);
        wire.clear();
        assertEquals(1, kcp.recv(new byte[1], 0, 1));
        assertEquals(2, kcp.stats().probe());
        kcp.update(200);
        List<Seg> wins = wire.segments(Kcp.CMD_WINS, 0);
        assertEquals(1, wins.size());
        assertEquals(1, wins.get(0).wnd());
    }

    @Test
    void deadLinkAfterTwentyTransmissionsIsStickyAndKeepsSending() {
        kcp.setNoDelay(1, 10, 0, 1);
        kcp.send(new byte[1], 0, 1);
        kcp.update(0);
        int t = 0;
        int transmissions = wire.segments(Kcp.CMD_PUSH, 0).size();
        while (transmissions < 19) {
            t += 10;
            wire.clear();
            kcp.update(t);
            transmissions += wire.segments(Kcp.CMD_PUSH, 0).size();
        }
        assertFalse(kcp.isDeadLink());
        assertEquals(18, kcp.stats().xmit());
        while (transmissions < 20) {
            t += 10;
            wire.clear();
            kcp.update(t);
            transmissions += wire.segments(Kcp.CMD_PUSH, 0).size();
        }
        assertTrue(kcp.isDeadLink());
        assertEquals(-1, kcp.state());
        assertEquals(19, kcp.stats().timeoutRetransmissions());
        // nothing else happens: the engine still retransmits
        int more = 0;
        for (int i = 0; i < 1_000_000 && more == 0; i++) {
            t += 10;
            wire.clear();
            kcp.update(t);
            more = wire.segments(Kcp.CMD_PUSH, 0).size();
        }
        assertEquals(1, more);
        assertEquals(-1, kcp.state());
    }

    @Test
    void rtoBacksOffByProfileOfNodelay() {
        // nodelay=0: first resend at rto + rto/8, then rto += max(rto, rx_rto)
        assertEquals(List.of(225, 625, 1425), resendTimes(0));
        // nodelay=1: no rtomin, rto *= 1.5 (rx_rto stays 200; minrto 30 does not matter without samples)
        assertEquals(List.of(200, 500, 950), resendTimes(1));
        // nodelay=2: rto += rx_rto / 2
        assertEquals(List.of(200, 500, 900), resendTimes(2));
    }

    private static List<Integer> resendTimes(int nodelay) {
        Wire w = new Wire();
        Kcp k = new Kcp(Wire.CONV, w);
        k.setNoDelay(nodelay, 10, 0, 1);
        k.send(new byte[1], 0, 1);
        k.update(0);
        w.clear();
        java.util.ArrayList<Integer> times = new java.util.ArrayList<>();
        for (int t = 1; times.size() < 3; t++) {
            k.setCurrent(t);
            k.flush(); // flush every ms to see the exact resend time
            if (!w.datagrams.isEmpty()) {
                times.add(t);
                w.clear();
            }
        }
        return times;
    }
}
