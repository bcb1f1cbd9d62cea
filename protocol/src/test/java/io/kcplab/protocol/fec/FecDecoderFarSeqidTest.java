package io.kcplab.protocol.fec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The FEC receive window under seqids a peer chooses freely: far jumps (2^31 and more apart, where signed seqid
 * order stops being total), wrap-around, duplicates and shards of every size up to the MTU, interleaved with a
 * clean 10/3 stream that loses one packet in 13. Nothing may throw, the window stays bounded and every rebuilt
 * shard lies within its buffer; a clean stream alone is rebuilt byte for byte.
 */
class FecDecoderFarSeqidTest {

    /** Default seed CI uses; replay another with -Dkcplab.fec.farseqid.seed=N. */
    private static final long SEED = Long.getLong("kcplab.fec.farseqid.seed", 0x14L);
    private static final int DS = 10;
    private static final int PS = 3;

    static byte[] fecPacket(int seqid, int type, int len) {
        byte[] p = new byte[len];
        p[0] = (byte) seqid;
        p[1] = (byte) (seqid >>> 8);
        p[2] = (byte) (seqid >>> 16);
        p[3] = (byte) (seqid >>> 24);
        p[4] = (byte) type;
        if (type == FecEncoder.TYPE_DATA && len >= 8) {
            int size = len - 6;
            p[6] = (byte) size;
            p[7] = (byte) (size >>> 8);
        }
        return p;
    }

    /** The sequence, which used to throw out of Arrays.fill in reconstruct. */
    static List<byte[]> crashSequence() {
        List<byte[]> seq = new ArrayList<>();
        seq.add(fecPacket(0, FecEncoder.TYPE_DATA, 24));
        for (int s = 0x7ffffffe; s != 0x80000007; s++) {
            seq.add(fecPacket(s, FecEncoder.TYPE_DATA, 24));
        }
        seq.add(fecPacket(0xfffffc17, FecEncoder.TYPE_DATA, 100)); // the outsider, longer than the group's shards
        seq.add(fecPacket(0x80000007, FecEncoder.TYPE_DATA, 24));  // completes the far group
        for (int s = 2; s <= 9; s++) {
            seq.add(fecPacket(s, FecEncoder.TYPE_DATA, 24));
        }
        seq.add(fecPacket(10, FecEncoder.TYPE_PARITY, 24));
        return seq;
    }

    @Test
    void theReportedSequenceIsDroppedAndTheWindowStaysBounded() {
        FecDecoder d = new FecDecoder(DS, PS);
        for (byte[] p : crashSequence()) {
            d.decode(p, 0, p.length, 0, (b, off, len) -> { });
            assertTrue(d.windowSize() <= d.rxlimit() + 1, "window bounded: " + d.windowSize());
        }
    }

    @Test
    void forgedSeqidsAcrossTheWholeSpaceNeverBreakACleanStream() {
        SplittableRandom rnd = new SplittableRandom(SEED);
        for (int round = 0; round < 40; round++) {
            long seed = rnd.nextLong();
            try {
                runOnce(seed);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("replay with -Dkcplab.fec.farseqid.seed (round seed " + seed + ", base "
                        + SEED + "): " + e, e);
            }
        }
    }

    private static void runOnce(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        // The encoder's seqids wrap at the largest multiple of 13 below 2^32 (kcp-go's paws), never at 2^32; some
        // streams start just before that wrap.
        long paws = (0xFFFF_FFFFL / (DS + PS)) * (DS + PS);
        int groups = 100;
        long startU = rnd.nextBoolean() ? paws - (DS + PS) * (long) rnd.nextInt(1, 20)
                : (rnd.nextLong(0, paws) / (DS + PS)) * (DS + PS);
        FecEncoder enc = new FecEncoder(DS, PS, 0);
        List<byte[]> clean = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            for (int i = 0; i < DS; i++) {
                byte[] kcp = new byte[rnd.nextInt(24, 1300)];
                rnd.nextBytes(kcp);
                byte[] p = FecEncoderTest.datagram(0, kcp);
                int ready = enc.encode(p, p.length);
                clean.add(p);
                for (int j = 0; j < ready; j++) {
                    clean.add(Arrays.copyOf(enc.parityPacket(j), enc.parityLength()));
                }
            }
        }
        for (byte[] p : clean) {
            int s = (int) ((startU + (le32(p) & 0xFFFF_FFFFL)) % paws);
            p[0] = (byte) s;
            p[1] = (byte) (s >>> 8);
            p[2] = (byte) (s >>> 16);
            p[3] = (byte) (s >>> 24);
        }
        boolean[] lost = new boolean[clean.size()];
        for (int i = 0; i < lost.length; i++) {
            lost[i] = rnd.nextInt(13) == 0;
        }

        FecDecoder d = new FecDecoder(DS, PS);
        List<Integer> forgedSeqids = new ArrayList<>();
        boolean[] forging = {true};
        RecoveredShardSink check = (shard, off, len) -> {
            // a rebuilt shard always lies inside the decoder's own buffer and carries a plausible size field
            assertTrue(off >= 0 && len >= 2 && off + len <= shard.length, "rebuilt shard within its buffer");
        };
        int now = rnd.nextInt();
        int half = 300;                               // forgeries flow with the first 300 clean packets
        for (int i = 0; i < clean.size(); i++) {
            if (i == half) {
                lost[i] = false;
                forging[0] = false;
                now += FecDecoder.EXPIRE_MS + 1_001; // the forgeries stop; everything parked expires
            }
            if (forging[0]) {
                for (int k = rnd.nextInt(0, 4); k > 0; k--) {
                    byte[] f = forgery(rnd, forgedSeqids, (int) startU);
                    d.decode(f, 0, f.length, now, check);
                }
            }
            if (!lost[i]) {
                byte[] p = clean.get(i);
                d.decode(p, 0, p.length, now, check);
                if (i == half) {
                    assertTrue(d.windowSize() <= 1, "every parked entry expired, wherever it sat in the window");
                }
            }
            assertTrue(d.windowSize() <= 3 * 256 + 1, "window bounded: " + d.windowSize());
            now += rnd.nextInt(0, 5);
        }
        // Recovery after the forgeries is not asserted: without a cipher anyone can send type/slot mismatches that
        // retune the decoder (kcp-go's autotune has no authentication), and relearning the shape can take many
        // groups when losses leave holes in autotune's ring. KCP retransmits what FEC does not rebuild; the
        // connection-level test shows the stream arriving intact (ConnectionFecCrashTest).
    }

    /** A packet with a seqid anywhere: random, near the clean stream, 2^31 away, a repeat, or near the wrap. */
    private static byte[] forgery(SplittableRandom rnd, List<Integer> used, int start) {
        int seqid;
        switch (rnd.nextInt(6)) {
            case 5 -> { // near group edges 0, 2^31 and 2^32, where signed order breaks (how the crash was found)
                int[] anchors = {0, 0x7ffffff0, 0x80000000, 0xfffffc10};
                seqid = anchors[rnd.nextInt(anchors.length)] + rnd.nextInt(30);
            }
            case 0 -> seqid = rnd.nextInt();
            case 1 -> seqid = start + rnd.nextInt(-50, 1000);
            case 2 -> seqid = start + Integer.MIN_VALUE + rnd.nextInt(-30, 30);
            case 3 -> seqid = used.isEmpty() ? rnd.nextInt() : used.get(rnd.nextInt(used.size()));
            default -> seqid = rnd.nextInt(-40, 40);
        }
        used.add(seqid);
        if (used.size() > 64) {
            used.remove(0);
        }
        int type = rnd.nextBoolean() ? FecEncoder.TYPE_DATA : FecEncoder.TYPE_PARITY;
        int len = rnd.nextInt(3) == 0 ? rnd.nextInt(8, FecEncoder.MTU_LIMIT + 1) : 24 + 76 * rnd.nextInt(2);
        byte[] p = fecPacket(seqid, type, len);
        for (int i = 8; i < p.length; i += 1 + rnd.nextInt(64)) {
            p[i] = (byte) rnd.nextInt();
        }
        if (type == FecEncoder.TYPE_DATA && rnd.nextInt(4) == 0) {
            int size = rnd.nextInt(0, 65536); // a size field that lies
            p[6] = (byte) size;
            p[7] = (byte) (size >>> 8);
        }
        return p;
    }

    private static int le32(byte[] p) {
        return (p[0] & 0xff) | (p[1] & 0xff) << 8 | (p[2] & 0xff) << 16 | (p[3] & 0xff) << 24;
    }

    @Test
    void cleanStreamRebuildsExactlyWhatWasLost() {
        // sanity for the property's oracle: without forgeries every rebuilt shard is an original, byte for byte
        SplittableRandom rnd = new SplittableRandom(SEED);
        FecEncoder enc = new FecEncoder(DS, PS, 0);
        FecDecoder d = new FecDecoder(DS, PS);
        List<byte[]> lost = new ArrayList<>();
        List<byte[]> rebuilt = new ArrayList<>();
        for (int g = 0; g < 50; g++) {
            List<byte[]> group = new ArrayList<>();
            for (int i = 0; i < DS; i++) {
                byte[] kcp = new byte[rnd.nextInt(24, 1300)];
                rnd.nextBytes(kcp);
                byte[] p = FecEncoderTest.datagram(0, kcp);
                int ready = enc.encode(p, p.length);
                group.add(p);
                for (int j = 0; j < ready; j++) {
                    group.add(Arrays.copyOf(enc.parityPacket(j), enc.parityLength()));
                }
            }
            int drop = rnd.nextInt(DS);
            for (int i = 0; i < group.size(); i++) {
                byte[] p = group.get(i);
                if (i == drop) {
                    lost.add(Arrays.copyOfRange(p, 6, p.length));
                    continue;
                }
                d.decode(p, 0, p.length, g, (b, off, len) -> rebuilt.add(Arrays.copyOfRange(b, off, off + len)));
            }
        }
        assertEquals(lost.size(), rebuilt.size());
        for (int i = 0; i < lost.size(); i++) {
            assertArrayEquals(lost.get(i), rebuilt.get(i));
        }
    }
}
