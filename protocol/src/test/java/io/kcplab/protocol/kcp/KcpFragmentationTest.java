package io.kcplab.protocol.kcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kcplab.protocol.kcp.Wire.Seg;
import java.util.List;
import org.junit.jupiter.api.Test;

/** IKCP profile: fragmentation, reassembly, stream-mode merging and datagram packing. */
class KcpFragmentationTest {
    private final Wire aWire = new Wire();
    private final Wire bWire = new Wire();
    private final Kcp a = new Kcp(Wire.CONV, aWire);
    private final Kcp b = new Kcp(Wire.CONV, bWire);

    @Test
    void messageIsCutIntoMssFragmentsWithDescendingFrg() {
        a.setNoDelay(-1, -1, -1, 1);
        byte[] msg = Wire.pattern(3000, 7);
        assertEquals(0, a.send(msg, 0, msg.length));
        assertEquals(3, a.stats().sendQueueSize());
        a.update(0);
        List<Seg> segs = aWire.segments();
        assertEquals(List.of(2, 1, 0), segs.stream().map(Seg::frg).toList());
        assertEquals(List.of(1376, 1376, 248), segs.stream().map(Seg::len).toList());
        assertEquals(List.of(0, 1, 2), segs.stream().map(Seg::sn).toList());
        // 24+1376 fills the 1400-byte MTU: one segment per datagram
        assertEquals(List.of(1400, 1400, 272), aWire.datagrams.stream().map(d -> d.length).toList());

        Wire.deliver(aWire, b);
        assertEquals(3000, b.peekSize());
        byte[] out = new byte[3000];
        assertEquals(3000, b.recv(out, 0, out.length));
        assertArrayEquals(msg, out);
    }

    @Test
    void reassemblyWaitsForTheMissingFragmentDeliveredOutOfOrder() {
        byte[] p0 = Wire.pattern(10, 1);
        byte[] p1 = Wire.pattern(20, 2);
        byte[] p2 = Wire.pattern(30, 3);
        Wire.input(b, Seg.push(2, 0, 0, 0, p2));
        Wire.input(b, Seg.push(0, 2, 0, 0, p0));
        assertEquals(1, b.stats().receiveQueueSize());
        assertEquals(1, b.stats().receiveBufferSize());
        assertEquals(-2, b.recv(new byte[100], 0, 100));
        Wire.input(b, Seg.push(1, 1, 0, 0, p1));
        assertEquals(3, b.stats().rcvNxt());
        byte[] out = new byte[60];
        assertEquals(60, b.recv(out, 0, 60));
        assertEquals(p0[9], out[9]);
        assertEquals(p1[0], out[10]);
        assertEquals(p2[29], out[59]);
    }

    @Test
    void streamModeMergesIntoTheLastQueuedSegment() {
        a.setStreamMode(true);
        b.setStreamMode(true);
        a.setNoDelay(-1, -1, -1, 1);
        a.send(Wire.pattern(100, 0), 0, 100);
        a.send(Wire.pattern(200, 100), 0, 200);
        assertEquals(1, a.stats().sendQueueSize());
        a.send(Wire.pattern(2000, 300), 0, 2000);
        assertEquals(2, a.stats().sendQueueSize());
        a.update(0);
        List<Seg> segs = aWire.segments();
        assertEquals(List.of(1376, 924), segs.stream().map(Seg::len).toList());
        assertEquals(List.of(0, 0), segs.stream().map(Seg::frg).toList());
        Wire.deliver(aWire, b);
        byte[] out = new byte[2300];
        int n = b.recv(out, 0, out.length);
        assertEquals(1376, n, "stream receivers read one segment per recv");
        assertEquals(924, b.recv(out, n, out.length - n));
        byte[] expected = new byte[2300];
        System.arraycopy(Wire.pattern(100, 0), 0, expected, 0, 100);
        System.arraycopy(Wire.pattern(200, 100), 0, expected, 100, 200);
        System.arraycopy(Wire.pattern(2000, 300), 0, expected, 300, 2000);
        assertArrayEquals(expected, out);
    }

    @Test
    void acksArePackedUpToTheMtu() {
        b.setWindowSize(0, 256);
        b.update(0);
        bWire.clear();
        for (int sn = 0; sn < 60; sn++) {
            Wire.input(b, Seg.push(sn, 0, sn, 0, new byte[0]));
        }
        b.update(100);
        // 58 * 24 = 1392 <= 1400, a 59th would exceed the MTU
        assertEquals(List.of(58 * 24, 2 * 24), bWire.datagrams.stream().map(d -> d.length).toList());
        List<Seg> acks = bWire.segments(Kcp.CMD_ACK, 0);
        assertEquals(60, acks.size());
        assertEquals(59, acks.get(59).sn());
        assertEquals(59, acks.get(59).ts(), "an ACK echoes the ts of the PUSH it acknowledges");
        assertEquals(60, acks.get(0).una());
    }

    @Test
    void duplicatesAndOldSegmentsAreAckedButNotDeliveredTwice() {
        b.update(0);
        bWire.clear();
        Wire.input(b, Seg.push(0, 0, 5, 0, new byte[4]));
        Wire.input(b, Seg.push(0, 0, 6, 0, new byte[4]));
        assertEquals(1, b.stats().receiveQueueSize());
        // beyond the receive window: ignored, not acked
        Wire.input(b, Seg.push(1 + 128, 0, 7, 0, new byte[4]));
        b.update(100);
        List<Seg> acks = bWire.segments(Kcp.CMD_ACK, 0);
        assertEquals(2, acks.size());
        assertEquals(5, acks.get(0).ts());
        assertEquals(6, acks.get(1).ts());
    }

    @Test
    void smallerMtuRepacksAndFragmentsAtTheNewMss() {
        a.setNoDelay(-1, -1, -1, 1);
        assertEquals(0, a.setMtu(100));
        assertEquals(76, a.mss());
        a.send(new byte[200], 0, 200);
        a.update(0);
        assertEquals(List.of(100, 100, 72), aWire.datagrams.stream().map(d -> d.length).toList());
    }
}
