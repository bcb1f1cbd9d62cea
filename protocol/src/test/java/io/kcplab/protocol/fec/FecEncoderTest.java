package io.kcplab.protocol.fec;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

class FecEncoderTest {

    static final HexFormat HEX = HexFormat.of();
    static final int EXAMPLES = Integer.getInteger("kcplab.qt.examples", 200);

    /** One datagram as the encoder leaves it, plus the parity packets it completed (copies). */
    record Encoded(byte[] data, List<byte[]> parity) {
    }

    /** A datagram of {@code h + 8 + kcp.length} bytes; the header area is scribbled so the encoder must write it. */
    static byte[] datagram(int h, byte[] kcp) {
        byte[] p = new byte[h + 8 + kcp.length];
        Arrays.fill(p, 0, h + 8, (byte) 0x5A);
        System.arraycopy(kcp, 0, p, h + 8, kcp.length);
        return p;
    }

    static Encoded encode(FecEncoder enc, byte[] pkt) {
        int ready = enc.encode(pkt, pkt.length);
        List<byte[]> parity = new ArrayList<>();
        for (int j = 0; j < ready; j++) {
            parity.add(Arrays.copyOf(enc.parityPacket(j), enc.parityLength()));
        }
        return new Encoded(pkt, parity);
    }

    /** Unit tests use the reference codec so they do not depend on the fast codec's state. */
    static FecEncoder enc(int ds, int ps, int h) {
        return new FecEncoder(ds, ps, h, new ReferenceCodec(ds, ps));
    }

    static byte[] hex(String s) {
        return HEX.parseHex(s.replace(" ", ""));
    }

    @Test
    void appendixBVector() {
        FecEncoder enc = enc(3, 2, 0);
        Encoded d0 = encode(enc, datagram(0, hex("a0a1a2a3a4")));
        Encoded d1 = encode(enc, datagram(0, hex("b0b1b2b3b4b5b6b7b8")));
        Encoded d2 = encode(enc, datagram(0, hex("c0c1c2")));
        assertEquals("00000000f1000700a0a1a2a3a4", HEX.formatHex(d0.data()));
        assertEquals("01000000f1000b00b0b1b2b3b4b5b6b7b8", HEX.formatHex(d1.data()));
        assertEquals("02000000f1000500c0c1c2", HEX.formatHex(d2.data()));
        assertEquals(0, d0.parity().size());
        assertEquals(0, d1.parity().size());
        assertEquals(2, d2.parity().size());
        assertEquals(17, enc.parityLength());
        assertEquals("03000000f2000900d0d1d21010b5b6b7b8", HEX.formatHex(d2.parity().get(0)));
        assertEquals("04000000f2006b007d7c7fcedbc1d9d1a9", HEX.formatHex(d2.parity().get(1)));
        assertEquals(5, enc.nextSeqid());
    }

    @Test
    void cryptoHeaderOffsetShiftsEverythingBy20AndLeavesItAlone() {
        FecEncoder enc = enc(3, 2, 20);
        Encoded d0 = encode(enc, datagram(20, hex("a0a1a2a3a4")));
        encode(enc, datagram(20, hex("b0b1b2b3b4b5b6b7b8")));
        Encoded d2 = encode(enc, datagram(20, hex("c0c1c2")));
        assertEquals("5a".repeat(20) + "00000000f1000700a0a1a2a3a4", HEX.formatHex(d0.data()));
        assertEquals(37, enc.parityLength());
        assertEquals("03000000f2000900d0d1d21010b5b6b7b8",
                HEX.formatHex(Arrays.copyOfRange(d2.parity().get(0), 20, 37)));
        assertEquals("04000000f2006b007d7c7fcedbc1d9d1a9",
                HEX.formatHex(Arrays.copyOfRange(d2.parity().get(1), 20, 37)));
    }

    @Test
    void partialGroupsProduceNoParityAndSeqidsKeepCounting() {
        FecEncoder enc = enc(10, 3, 0);
        for (int i = 0; i < 9; i++) {
            assertEquals(0, enc.encode(datagram(0, new byte[30 + i]), 38 + i));
        }
        assertEquals(9, enc.nextSeqid());
        assertEquals(0, enc.parityLength());
        assertEquals(3, enc.encode(datagram(0, new byte[5]), 13));
        assertEquals(13, enc.nextSeqid());
    }

    @Test
    void parityLengthIsTheLongestDataPacketOfTheGroup() {
        FecEncoder enc = enc(4, 2, 20);
        int[] lens = {100, 1400, 28, 700, /* next group */ 30, 31, 29, 28};
        int[] expected = {0, 0, 0, 1400, 0, 0, 0, 31};
        for (int i = 0; i < lens.length; i++) {
            byte[] p = new byte[lens[i]];
            int ready = enc.encode(p, lens[i]);
            if (expected[i] != 0) {
                assertEquals(2, ready);
                assertEquals(expected[i], enc.parityLength());
            } else {
                assertEquals(0, ready);
            }
        }
    }

    @Test
    void seqidsWrapOnlyAtPawsAfterTheLastParity() {
        // 10/3: paws = floor(0xFFFFFFFF / 13) * 13 = 4294967287
        checkWrap(10, 3, 4294967287L);
        // 2/1: paws = 0xFFFFFFFF exactly; 1/1: 0xFFFFFFFE
        checkWrap(2, 1, 0xFFFF_FFFFL);
        checkWrap(1, 1, 0xFFFF_FFFEL);
    }

    private static void checkWrap(int ds, int ps, long paws) {
        int n = ds + ps;
        FecEncoder enc = enc(ds, ps, 0);
        enc.startAtSeqid((int) (paws - n));
        long expectSeq = paws - n;
        for (int i = 0; i < ds; i++) {
            byte[] p = datagram(0, new byte[]{(byte) i});
            int ready = enc.encode(p, p.length);
            assertEquals(expectSeq++, le32(p, 0));
            if (i == ds - 1) {
                assertEquals(ps, ready);
                for (int j = 0; j < ps; j++) {
                    assertEquals(expectSeq++, le32(enc.parityPacket(j), 0));
                    assertEquals(0xF2, enc.parityPacket(j)[4] & 0xFF);
                }
            }
        }
        assertEquals(paws, expectSeq);
        assertEquals(0, enc.nextSeqid(), "next group starts at 0 after paws");
        byte[] p = datagram(0, new byte[3]);
        enc.encode(p, p.length);
        assertEquals(0, le32(p, 0));
    }

    static long le32(byte[] b, int off) {
        return (b[off] & 0xFFL) | (b[off + 1] & 0xFFL) << 8 | (b[off + 2] & 0xFFL) << 16 | (b[off + 3] & 0xFFL) << 24;
    }

    /** Property: headers, size fields, and parity = RS(reference codec) over zero-padded [size|kcp] regions. */
    @Test
    void everyGroupMatchesTheReferenceCodecOverZeroPaddedShards() {
        qt().withExamples(EXAMPLES / 4)
                .forAll(integers().between(1, 20), integers().between(1, 8), integers().between(0, 1),
                        longs().all())
                .checkAssert((ds, ps, crypto, seed) -> {
                    int h = crypto * 20;
                    SplittableRandom rnd = new SplittableRandom(seed);
                    FecEncoder enc = enc(ds, ps, h);
                    ErasureCodec ref = new ReferenceCodec(ds, ps);
                    int groups = 3;
                    for (int g = 0; g < groups; g++) {
                        byte[][] shards = new byte[ds + ps][1500];
                        int max = 0;
                        for (int i = 0; i < ds; i++) {
                            byte[] kcp = new byte[rnd.nextInt(0, 1500 - h - 8 + 1)];
                            rnd.nextBytes(kcp);
                            byte[] p = datagram(h, kcp);
                            int ready = enc.encode(p, p.length);
                            assertEquals((long) g * (ds + ps) + i, le32(p, h));
                            assertEquals(0xF1, (p[h + 4] & 0xFF) | (p[h + 5] & 0xFF) << 8);
                            assertEquals(kcp.length + 2, (p[h + 6] & 0xFF) | (p[h + 7] & 0xFF) << 8);
                            System.arraycopy(p, h + 6, shards[i], 0, p.length - h - 6);
                            max = Math.max(max, p.length);
                            assertEquals(i == ds - 1 ? ps : 0, ready);
                        }
                        ref.encodeParity(shards, 0, max - h - 6);
                        assertEquals(max, enc.parityLength());
                        for (int j = 0; j < ps; j++) {
                            byte[] par = enc.parityPacket(j);
                            assertEquals((long) g * (ds + ps) + ds + j, le32(par, h), "seed " + seed);
                            assertEquals(0xF2, (par[h + 4] & 0xFF) | (par[h + 5] & 0xFF) << 8);
                            assertArrayEquals(Arrays.copyOf(shards[ds + j], max - h - 6),
                                    Arrays.copyOfRange(par, h + 6, max), "parity " + j + " group " + g);
                        }
                    }
                });
    }

    @Test
    void rejectsBadArgumentsWithMessages() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FecEncoder(0, 3, 0));
        assertTrue(e.getMessage().contains("dataShards"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new FecEncoder(200, 57, 0));
        e = assertThrows(IllegalArgumentException.class, () -> new FecEncoder(3, 2, -1, new ReferenceCodec(3, 2)));
        assertTrue(e.getMessage().contains("headerOffset"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new FecEncoder(3, 2, 0, new ReferenceCodec(10, 3)));
        assertTrue(e.getMessage().contains("10/3"), e.getMessage());
        FecEncoder enc = enc(3, 2, 20);
        e = assertThrows(IllegalArgumentException.class, () -> enc.encode(new byte[27], 27));
        assertTrue(e.getMessage().contains("28.."), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> enc.encode(new byte[1501], 1501));
        assertThrows(IllegalArgumentException.class, () -> enc.encode(new byte[100], 101));
        assertEquals(0, enc.nextSeqid(), "a rejected packet does not consume a seqid");
    }

    @Test
    void steadyStateEncodingAllocatesNothing() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        FecEncoder enc = new FecEncoder(10, 3, 20, new XorTestCodec(10, 3));
        byte[] pkt = new byte[1400];
        for (int i = 0; i < 20_000; i++) {
            enc.encode(pkt, 100 + i % 1300);
        }
        long before = mx.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 20_000; i++) {
            enc.encode(pkt, 100 + i % 1300);
        }
        long allocated = mx.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 4096, "encoder allocated " + allocated + " bytes in steady state");
    }

    /** A non-allocating stand-in codec (every parity = XOR of the data), for allocation tests only. */
    static final class XorTestCodec implements ErasureCodec {
        private final int ds;
        private final int ps;

        XorTestCodec(int ds, int ps) {
            this.ds = ds;
            this.ps = ps;
        }

        @Override
        public int dataShards() {
            return ds;
        }

        @Override
        public int parityShards() {
            return ps;
        }

        @Override
        public void encodeParity(byte[][] shards, int offset, int byteCount) {
            for (int j = 0; j < ps; j++) {
                byte[] out = shards[ds + j];
                Arrays.fill(out, offset, offset + byteCount, (byte) 0);
                for (int i = 0; i < ds; i++) {
                    byte[] in = shards[i];
                    for (int b = offset; b < offset + byteCount; b++) {
                        out[b] ^= in[b];
                    }
                }
            }
        }

        @Override
        public void decodeMissing(byte[][] shards, boolean[] shardPresent, int offset, int byteCount) {
            throw new UnsupportedOperationException("allocation tests never lose shards");
        }
    }
}
