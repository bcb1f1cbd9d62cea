package io.kcplab.transport.smux;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.compression.SnappyFrameDecoder;
import io.netty.handler.codec.compression.SnappyFrameEncoder;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SnappyFramingTest {

    static final byte[] TEXT = EchoCheck.data(1, 32776);

    @Test
    void streamStartsWithTheIdentifierThenOneChunkPerWrite() {
        SnappyFraming f = new SnappyFraming();
        byte[] first = f.encode(TEXT, 0, TEXT.length);
        assertEquals("ff060000734e61507059", HexFormat.of().formatHex(first, 0, 10));
        assertEquals(0x00, first[10], "half text: a compressed chunk");
        byte[] second = f.encode(TEXT, 0, 100);
        assertTrue(second[0] == 0x00 || second[0] == 0x01, "no second identifier");
        int len = (second[1] & 0xFF) | (second[2] & 0xFF) << 8 | (second[3] & 0xFF) << 16;
        assertEquals(second.length - 4, len);
        assertEquals(2, f.chunks());
    }

    @Test
    void incompressibleDataGoesRaw() {
        byte[] rnd = new byte[20000];
        new Random(3).nextBytes(rnd);
        SnappyFraming f = new SnappyFraming();
        byte[] out = f.encode(rnd, 0, rnd.length);
        assertEquals(0x01, out[10]);
        assertEquals(10 + 8 + rnd.length, out.length);
        assertEquals(1, f.rawChunks());
        SnappyDeframer d = new SnappyDeframer();
        d.feed(out, 0, out.length);
        assertArrayEquals(rnd, d.next());
    }

    @Test
    void roundTripFedInPieces() {
        SnappyFraming f = new SnappyFraming();
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        byte[][] msgs = {TEXT, new byte[0], {1}, Arrays.copyOf(TEXT, 17), EchoCheck.data(9, 8)};
        for (byte[] m : msgs) {
            wire.writeBytes(f.encode(m, 0, m.length));
        }
        byte[] w = wire.toByteArray();
        SnappyDeframer d = new SnappyDeframer();
        int k = 0;
        for (int i = 0; i < w.length; i += 7) {
            d.feed(w, i, Math.min(7, w.length - i));
            byte[] got;
            while ((got = d.next()) != null) {
                assertArrayEquals(msgs[k++], got);
            }
        }
        assertEquals(msgs.length, k);
        assertNull(d.failure());
    }

    /** Netty's own framed codec (checksums verified) reads what we write, and we read what it writes. */
    @Test
    void interoperatesWithNettysFramedCodec() {
        SnappyFraming f = new SnappyFraming();
        byte[] w1 = f.encode(TEXT, 0, TEXT.length);
        byte[] rnd = new byte[5000];
        new Random(5).nextBytes(rnd);
        byte[] w2 = f.encode(rnd, 0, rnd.length);
        EmbeddedChannel dec = new EmbeddedChannel(new SnappyFrameDecoder(true));
        dec.writeInbound(Unpooled.wrappedBuffer(w1, w2));
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        ByteBuf b;
        while ((b = dec.readInbound()) != null) {
            byte[] x = new byte[b.readableBytes()];
            b.readBytes(x);
            b.release();
            got.writeBytes(x);
        }
        byte[] expected = new byte[TEXT.length + rnd.length];
        System.arraycopy(TEXT, 0, expected, 0, TEXT.length);
        System.arraycopy(rnd, 0, expected, TEXT.length, rnd.length);
        assertArrayEquals(expected, got.toByteArray());

        EmbeddedChannel enc = new EmbeddedChannel(new SnappyFrameEncoder());
        enc.writeOutbound(Unpooled.wrappedBuffer(TEXT));
        SnappyDeframer d = new SnappyDeframer();
        while ((b = enc.readOutbound()) != null) {
            byte[] x = new byte[b.readableBytes()];
            b.readBytes(x);
            b.release();
            d.feed(x, 0, x.length);
        }
        ByteArrayOutputStream back = new ByteArrayOutputStream();
        byte[] c;
        while ((c = d.next()) != null) {
            back.writeBytes(c);
        }
        assertNull(d.failure());
        assertArrayEquals(TEXT, back.toByteArray());
    }

    @Test
    void corruptionGivesAReason() {
        byte[] good = new SnappyFraming().encode(TEXT, 0, 1000);
        byte[] badCrc = good.clone();
        badCrc[14] ^= 1;
        assertFails(badCrc, "checksum mismatch");
        byte[] badBody = good.clone();
        badBody[good.length - 3] ^= 0x55;
        assertFails(badBody, "");
        assertFails(Arrays.copyOfRange(good, 10, good.length), "does not start with snappy's stream identifier");
        byte[] reserved = good.clone();
        reserved[10] = 0x02;
        assertFails(reserved, "reserved unskippable chunk type 0x2");
        byte[] huge = HexFormat.of().parseHex("ff060000734e61507059" + "00ffffff");
        assertFails(huge, "claims 16777215 bytes");
        byte[] badId = good.clone();
        badId[5] = 'X';
        assertFails(badId, "bad stream identifier");
    }

    @Test
    void skippableChunksAreSkipped() {
        byte[] good = new SnappyFraming().encode(TEXT, 0, 1000);
        byte[] padded = new byte[good.length + 7];
        System.arraycopy(good, 0, padded, 0, 10);
        byte[] pad = {(byte) 0xfe, 3, 0, 0, 0, 0, 0};
        System.arraycopy(pad, 0, padded, 10, 7);
        System.arraycopy(good, 10, padded, 17, good.length - 10);
        SnappyDeframer d = new SnappyDeframer();
        d.feed(padded, 0, padded.length);
        assertArrayEquals(Arrays.copyOf(TEXT, 1000), d.next());
    }

    private static void assertFails(byte[] wire, String reason) {
        SnappyDeframer d = new SnappyDeframer();
        d.feed(wire, 0, wire.length);
        assertNull(d.next());
        assertTrue(d.failed(), "should fail");
        assertTrue(d.failure().startsWith("snappy: ") && d.failure().contains(reason), d.failure());
    }

    @Test
    void randomInputNeverThrows() {
        Random r = new Random(11);
        byte[] good = new SnappyFraming().encode(TEXT, 0, 3000);
        for (int round = 0; round < 5000; round++) {
            byte[] w = good.clone();
            for (int i = 0; i < 1 + r.nextInt(4); i++) {
                w[10 + r.nextInt(w.length - 10)] = (byte) r.nextInt(256);
            }
            SnappyDeframer d = new SnappyDeframer();
            d.feed(w, 0, w.length);
            byte[] got = d.next();
            if (got != null) {
                assertArrayEquals(Arrays.copyOf(TEXT, 3000), got, "a damaged chunk must not pass its CRC");
            }
        }
    }
}
