package io.kcplab.protocol.kcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kcplab.protocol.kcp.Wire.Seg;
import java.util.List;
import org.junit.jupiter.api.Test;

/** IKCP profile: every return code of ikcp_send/recv/input/setmtu, and argument validation. */
class KcpReturnCodesTest {
    private final Wire wire = new Wire();
    private final Kcp kcp = new Kcp(Wire.CONV, wire);

    @Test
    void sendNegativeLengthIsMinusOne() {
        assertEquals(-1, kcp.send(new byte[10], 0, -1));
    }

    @Test
    void sendFragmentLimitIs127Segments() {
        int mss = kcp.mss();
        assertEquals(1376, mss);
        assertEquals(0, kcp.send(new byte[127 * mss], 0, 127 * mss));
        assertEquals(127, kcp.stats().sendQueueSize());
        assertEquals(-2, kcp.send(new byte[127 * mss + 1], 0, 127 * mss + 1));
        assertEquals(127, kcp.stats().sendQueueSize(), "a rejected message queues nothing");
    }

    @Test
    void sendEmptyMessageQueuesOneEmptyPush() {
        assertEquals(0, kcp.send(new byte[0], 0, 0));
        assertEquals(1, kcp.waitSnd());
        kcp.update(0);
        assertTrue(wire.datagrams.isEmpty(), "ikcp's cwnd starts at 0: the first flush sends no data");
        kcp.update(100);
        List<Seg> segs = wire.segments();
        assertEquals(1, segs.size());
        assertEquals(Kcp.CMD_PUSH, segs.get(0).cmd());
        assertEquals(0, segs.get(0).len());
    }

    @Test
    void streamModeEmptySendQueuesNothing() {
        kcp.setStreamMode(true);
        assertEquals(0, kcp.send(new byte[0], 0, 0));
        assertEquals(0, kcp.waitSnd());
    }

    @Test
    void streamModeAppendStaysDoneWhenTheRestIsRejected() {
        kcp.setStreamMode(true);
        int mss = kcp.mss();
        assertEquals(0, kcp.send(new byte[10], 0, 10));
        // (mss - 10) bytes are appended to the queued segment, the remaining 128*mss need 128 segments: -2
        int len = (mss - 10) + 128 * mss;
        assertEquals(-2, kcp.send(new byte[len], 0, len));
        assertEquals(1, kcp.stats().sendQueueSize());
        kcp.setNoDelay(-1, -1, -1, 1);
        kcp.update(0);
        assertEquals(mss, wire.segments().get(0).len(), "ikcp 1.7 keeps the partial append (#373)");
    }

    @Test
    void sendRejectsBadRanges() {
        assertThrows(IllegalArgumentException.class, () -> kcp.send(null, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> kcp.send(new byte[4], 2, 3));
        assertThrows(IllegalArgumentException.class, () -> kcp.send(new byte[4], -1, 1));
    }

    @Test
    void recvEmptyIsMinusOne() {
        assertEquals(-1, kcp.recv(new byte[100], 0, 100));
        assertEquals(-1, kcp.peekSize());
    }

    @Test
    void recvIncompleteMessageIsMinusTwo() {
        // first fragment of a two-fragment message only
        assertEquals(0, Wire.input(kcp, Seg.push(0, 1, 0, 0, new byte[5])));
        assertEquals(1, kcp.stats().receiveQueueSize());
        assertEquals(-1, kcp.peekSize());
        assertEquals(-2, kcp.recv(new byte[100], 0, 100));
        assertEquals(0, Wire.input(kcp, Seg.push(1, 0, 0, 0, new byte[7])));
        assertEquals(12, kcp.peekSize());
        assertEquals(12, kcp.recv(new byte[100], 0, 100));
    }

    @Test
    void recvBufferTooSmallIsMinusThreeAndKeepsTheMessage() {
        Wire.input(kcp, Seg.push(0, 0, 0, 0, Wire.pattern(50, 1)));
        assertEquals(-3, kcp.recv(new byte[49], 0, 49));
        byte[] out = new byte[60];
        assertEquals(50, kcp.recv(out, 5, 55));
        assertEquals(Wire.pattern(50, 1)[49], out[54]);
        assertThrows(IllegalArgumentException.class, () -> kcp.recv(new byte[10], 0, -1));
    }

    @Test
    void inputShorterThanHeaderIsMinusOne() {
        assertEquals(-1, kcp.input(new byte[23], 0, 23));
        assertThrows(IllegalArgumentException.class, () -> kcp.input(null, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> kcp.input(new byte[30], 10, 24));
    }

    @Test
    void inputConvMismatchIsMinusOneAfterApplyingEarlierSegments() {
        Seg good = Seg.push(0, 0, 0, 0, new byte[3]);
        Seg foreign = new Seg(Wire.CONV + 1, Kcp.CMD_PUSH, 0, 128, 0, 1, 0, 0, new byte[0]);
        byte[] d = Wire.encode(good, foreign);
        assertEquals(-1, kcp.input(d, 0, d.length));
        assertEquals(1, kcp.stats().rcvNxt(), "the segment before the bad one stays applied");
        assertEquals(3, kcp.peekSize());
    }

    @Test
    void inputTruncatedPayloadIsMinusTwo() {
        byte[] d = Wire.encode(Seg.push(0, 0, 0, 0, new byte[10]));
        assertEquals(-2, kcp.input(d, 0, d.length - 1));
        assertEquals(0, kcp.stats().rcvNxt());
        // a length field >= 2^31 is -2 as well
        byte[] neg = Wire.encode(new Seg(Wire.CONV, Kcp.CMD_PUSH, 0, 128, 0, 0, 0, -5, new byte[0]));
        assertEquals(-2, kcp.input(neg, 0, neg.length));
    }

    @Test
    void inputUnknownCommandIsMinusThreeAndSkipsCwndGrowth() {
        kcp.setNoDelay(-1, -1, -1, 1); // no cwnd limit so that two segments go out
        kcp.send(new byte[10], 0, 10);
        kcp.send(new byte[10], 0, 10);
        kcp.update(0);
        assertEquals(1, kcp.stats().cwnd());
        // ACK sn=0 (una advances to 1) followed by an unknown command
        byte[] d = Wire.encode(Seg.ack(0, 0, 0, 128), Seg.cmd(99, 128));
        assertEquals(-3, kcp.input(d, 0, d.length));
        assertEquals(1, kcp.stats().sndUna(), "the ACK before the bad segment was applied");
        assertEquals(1, kcp.stats().cwnd(), "cwnd growth runs after the loop and is skipped on error");
        // the same ACK pattern without the bad segment grows cwnd
        assertEquals(0, Wire.input(kcp, Seg.ack(1, 0, 0, 128)));
        assertEquals(2, kcp.stats().sndUna());
        assertEquals(2, kcp.stats().cwnd());
    }

    @Test
    void setMtuCodes() {
        assertEquals(-1, kcp.setMtu(49));
        assertEquals(0, kcp.setMtu(50));
        assertEquals(26, kcp.mss());
        assertEquals(-2, kcp.setMtu(Kcp.MAX_MTU + 1));
        assertEquals(50, kcp.mtu());
    }

    @Test
    void windowSizeKeepsIkcpFloorOf128() {
        kcp.setWindowSize(64, 16);
        assertEquals(64, kcp.sendWindow());
        assertEquals(128, kcp.receiveWindow());
        kcp.setWindowSize(0, 300);
        assertEquals(64, kcp.sendWindow());
        assertEquals(300, kcp.receiveWindow());
    }

    @Test
    void noDelayResetsMinRtoAndClampsInterval() {
        kcp.setMinRto(10);
        kcp.setNoDelay(1, 1, 2, 1);
        assertEquals(30, kcp.minRto());
        assertEquals(10, kcp.interval());
        kcp.setNoDelay(0, 99999, -1, -1);
        assertEquals(100, kcp.minRto());
        assertEquals(5000, kcp.interval());
        kcp.setNoDelay(-1, -1, -1, -1);
        assertEquals(100, kcp.minRto());
    }

    @Test
    void initialStateMatchesIkcpCreate() {
        assertEquals(0, kcp.stats().sndUna());
        assertEquals(0, kcp.stats().sndNxt());
        assertEquals(0, kcp.stats().rcvNxt());
        assertEquals(0, kcp.stats().cwnd());
        assertEquals(2, kcp.stats().ssthresh());
        assertEquals(200, kcp.stats().rto());
        assertEquals(100, kcp.minRto());
        assertEquals(100, kcp.interval());
        assertEquals(100, kcp.stats().tsFlush());
        assertEquals(1400, kcp.mtu());
        assertEquals(32, kcp.sendWindow());
        assertEquals(128, kcp.receiveWindow());
        assertEquals(128, kcp.stats().remoteWindow());
        assertEquals(0, kcp.state());
        assertTrue(!kcp.isDeadLink());
    }
}
