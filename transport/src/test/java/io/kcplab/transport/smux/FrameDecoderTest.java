package io.kcplab.transport.smux;

import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameDecoderTest {

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    @Test
    void headerLayoutIsVerCmdLengthSid() {
        Frame psh = new Frame(1, Frame.PSH, 3, new byte[] {10, 20, 30, 40, 50});
        assertArrayEquals(hex("01 02 0500 03000000 0a141e2832"), psh.encode());
        // the keepalive seen on kcptun's wire
        assertArrayEquals(hex("01 03 0000 00000000"), Frame.control(1, Frame.NOP, 0).encode());
        Frame upd = Frame.update(2, 5, 100, 2097152);
        assertArrayEquals(hex("02 04 0800 05000000 64000000 00002000"), upd.encode());
        assertEquals(100, upd.consumed());
        assertEquals(2097152, upd.window());
    }

    @Test
    void decodesEveryCommandFedOneByteAtATime() {
        Frame[] frames = {Frame.control(2, Frame.SYN, 3), new Frame(2, Frame.PSH, 3, new byte[32768]),
            Frame.update(2, 3, -1, 262144), Frame.control(2, Frame.NOP, 0), Frame.control(2, Frame.FIN, 3),
            new Frame(2, Frame.PSH, 0xFFFFFFFF, new byte[] {1})};
        FrameDecoder d = new FrameDecoder(2, Frame.MAX_FRAME_SIZE);
        int seen = 0;
        for (Frame f : frames) {
            byte[] w = f.encode();
            for (int i = 0; i < w.length; i++) {
                d.feed(w, i, 1);
                Frame got = d.next();
                if (i < w.length - 1) {
                    assertNull(got);
                } else {
                    assertEquals(f, got);
                    seen++;
                }
            }
        }
        assertEquals(frames.length, seen);
        assertEquals(4294967295L, frames[5].sidUnsigned());
        assertEquals(0, d.buffered());
    }

    @Test
    void manyFramesInOneFeed() {
        byte[] a = new Frame(1, Frame.PSH, 7, new byte[] {1, 2}).encode();
        byte[] b = Frame.control(1, Frame.FIN, 7).encode();
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        FrameDecoder d = new FrameDecoder(1, Frame.MAX_FRAME_SIZE);
        d.feed(both, 0, both.length);
        assertEquals(Frame.PSH, d.next().cmd());
        assertEquals(Frame.FIN, d.next().cmd());
        assertNull(d.next());
        assertEquals(2, d.frames());
    }

    @Test
    void invalidInputGivesAReasonNotAnException() {
        assertInvalid(1, "02 03 0000 00000000", "frame version 2, this session speaks smux v1");
        assertInvalid(2, "02 05 0000 03000000", "unknown command 5");
        assertInvalid(1, "01 ff 0000 03000000", "unknown command 255");
        assertInvalid(1, "01 02 0180 03000000", "PSH of 32769 bytes on stream 3 exceeds the maximum frame size");
        assertInvalid(1, "01 00 0100 03000000 00", "SYN frame with a 1-byte payload");
        assertInvalid(2, "02 04 0700 03000000 00000000000000", "UPD frame with a 7-byte payload");
    }

    private static void assertInvalid(int version, String wire, String reason) {
        FrameDecoder d = new FrameDecoder(version, Frame.MAX_FRAME_SIZE);
        byte[] b = hex(wire);
        d.feed(b, 0, b.length);
        assertNull(d.next());
        assertTrue(d.failed());
        assertTrue(d.failure().startsWith("invalid protocol: "), d.failure());
        assertTrue(d.failure().contains(reason), d.failure());
        assertEquals(1, d.invalidFrames());
        d.feed(b, 0, b.length);
        assertNull(d.next(), "stays failed");
    }

    @Test
    void randomBytesNeverThrow() {
        Random r = new Random(7);
        for (int round = 0; round < 20_000; round++) {
            FrameDecoder d = new FrameDecoder(1 + r.nextInt(2), 1 + r.nextInt(65535));
            byte[] b = new byte[r.nextInt(64)];
            r.nextBytes(b);
            if (b.length > 1 && r.nextBoolean()) {
                b[1] = (byte) r.nextInt(6);
            }
            d.feed(b, 0, b.length);
            while (d.next() != null) {
                // drain
            }
        }
    }
}
