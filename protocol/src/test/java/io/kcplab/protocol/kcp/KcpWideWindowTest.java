package io.kcplab.protocol.kcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The send and receive buffers are sequence-number rings that grow with the window: wide windows under loss
 * deliver everything in order, windows are limited to the wire's 16 bits, and a peer's segment at the far edge of
 * a 65535-segment receive window is held without trouble.
 */
class KcpWideWindowTest {

    @ParameterizedTest
    @EnumSource(KcpProfile.class)
    void wideWindowsUnderLossDeliverEverySegmentInOrder(KcpProfile profile) {
        final int window = 8192;
        final int messages = 40_000;
        ArrayDeque<byte[]> toReceiver = new ArrayDeque<>();
        ArrayDeque<byte[]> toSender = new ArrayDeque<>();
        long[] rng = {0x5EEDL};
        Kcp sender = new Kcp(7, (buf, off, len) -> offer(toReceiver, buf, off, len, rng), profile);
        Kcp receiver = new Kcp(7, (buf, off, len) -> offer(toSender, buf, off, len, rng), profile);
        for (Kcp k : new Kcp[] {sender, receiver}) {
            k.setMtu(200);
            k.setWindowSize(window, window);
            k.setNoDelay(1, 10, 2, 1);
        }
        byte[] message = new byte[sender.mss()];
        byte[] got = new byte[sender.mss()];
        int sent = 0;
        int received = 0;
        for (int now = 0; now < 600_000 && received < messages; now++) {
            while (sent < messages && sender.waitSnd() < 2 * window) {
                ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN).putInt(0, sent++);
                assertEquals(0, sender.send(message, 0, message.length));
            }
            receiver.setCurrent(now);
            drain(toReceiver, receiver);
            int n;
            while ((n = receiver.recv(got, 0, got.length)) > 0) {
                assertEquals(message.length, n);
                assertEquals(received, ByteBuffer.wrap(got).order(ByteOrder.LITTLE_ENDIAN).getInt(0),
                        "message order at " + received);
                received++;
            }
            sender.setCurrent(now);
            drain(toSender, sender);
            sender.update(now);
            receiver.update(now);
        }
        assertEquals(messages, received, profile + ": every message delivered");
        assertTrue(sender.stats().timeoutRetransmissions() + sender.stats().fastRetransmissions() + sender.stats().earlyRetransmissions() > 0,
                "the loss was real");
    }

    @Test
    void windowsAreLimitedToSixteenBits() {
        Kcp kcp = new Kcp(1, (buf, off, len) -> { });
        assertDoesNotThrow(() -> kcp.setWindowSize(Kcp.MAX_WINDOW, Kcp.MAX_WINDOW));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> kcp.setWindowSize(65536, 128));
        assertTrue(e.getMessage().contains("65535"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> kcp.setWindowSize(32, 1 << 30));
        assertEquals(Kcp.MAX_WINDOW, kcp.sendWindow(), "a rejected call changes nothing");
    }

    @ParameterizedTest
    @EnumSource(KcpProfile.class)
    void segmentsAtTheFarEdgeOfTheWidestWindowAreKeptAndDelivered(KcpProfile profile) {
        Kcp receiver = new Kcp(3, (buf, off, len) -> { }, profile);
        receiver.setWindowSize(32, Kcp.MAX_WINDOW);
        receiver.update(0);
        int edge = Kcp.MAX_WINDOW - 1;
        assertEquals(0, receiver.input(push(3, edge, 11), 0, Kcp.OVERHEAD + 1));
        assertEquals(0, receiver.input(push(3, edge + 1, 12), 0, Kcp.OVERHEAD + 1)); // beyond the window: dropped
        assertEquals(1, receiver.stats().receiveBufferSize());
        for (int sn = 0; sn < edge; sn++) {
            receiver.input(push(3, sn, (byte) sn), 0, Kcp.OVERHEAD + 1);
            byte[] one = new byte[1];
            assertEquals(1, receiver.recv(one, 0, 1));
            assertEquals((byte) sn, one[0]);
        }
        byte[] last = new byte[1];
        assertEquals(1, receiver.recv(last, 0, 1));
        assertArrayEquals(new byte[] {11}, last);
        assertEquals(0, receiver.stats().receiveBufferSize());
    }

    private static byte[] push(int conv, int sn, int payload) {
        ByteBuffer b = ByteBuffer.allocate(Kcp.OVERHEAD + 1).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(conv).put((byte) Kcp.CMD_PUSH).put((byte) 0).putShort((short) 128).putInt(0).putInt(sn).putInt(0)
                .putInt(1).put((byte) payload);
        return b.array();
    }

    private static void offer(ArrayDeque<byte[]> link, byte[] buf, int off, int len, long[] rng) {
        long x = rng[0];
        x ^= x << 13;
        x ^= x >>> 7;
        x ^= x << 17;
        rng[0] = x;
        if (Long.remainderUnsigned(x, 100) < 3) {
            return; // 3 % loss
        }
        byte[] copy = new byte[len];
        System.arraycopy(buf, off, copy, 0, len);
        link.add(copy);
    }

    private static void drain(ArrayDeque<byte[]> link, Kcp to) {
        for (int n = link.size(); n > 0; n--) {
            byte[] d = link.poll();
            to.input(d, 0, d.length);
        }
    }
}
