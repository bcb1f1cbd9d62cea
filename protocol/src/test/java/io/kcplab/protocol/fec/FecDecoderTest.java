package io.kcplab.protocol.fec;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static io.kcplab.protocol.fec.FecEncoderTest.EXAMPLES;
import static io.kcplab.protocol.fec.FecEncoderTest.hex;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

class FecDecoderTest {

    private static final HexFormat HEX = HexFormat.of();

    static FecDecoder dec(int ds, int ps) {
        return new FecDecoder(ds, ps, ReferenceCodec::new);
    }

    /** Collects what the sink receives, as hex of [size | KCP]. */
    static final class Collect implements RecoveredShardSink {
        final List<String> shards = new ArrayList<>();

        @Override
        public void recovered(byte[] shard, int off, int len) {
            shards.add(HEX.formatHex(shard, off, off + len));
        }
    }

    static void feed(FecDecoder d, byte[] p, int now, RecoveredShardSink sink) {
        d.decode(p, 0, p.length, now, sink);
    }

    /** A stream of complete groups from a kcp-style encoder (H = 0), random KCP lengths; element = packet. */
    static List<byte[]> stream(FecEncoder enc, SplittableRandom rnd, int groups, int maxKcp) {
        List<byte[]> out = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            for (int i = 0; i < enc.dataShards(); i++) {
                byte[] kcp = new byte[rnd.nextInt(0, maxKcp + 1)];
                rnd.nextBytes(kcp);
                byte[] p = FecEncoderTest.datagram(0, kcp);
                int ready = enc.encode(p, p.length);
                out.add(p);
                for (int j = 0; j < ready; j++) {
                    out.add(Arrays.copyOf(enc.parityPacket(j), enc.parityLength()));
                }
            }
        }
        return out;
    }

    static String shardOf(byte[] dataPacket) {
        return HEX.formatHex(dataPacket, 6, dataPacket.length);
    }

    @Test
    void appendixBRecovery() {
        FecDecoder d = dec(3, 2);
        Collect c = new Collect();
        feed(d, hex("00000000 f100 0700 a0a1a2a3a4"), 0, c);
        feed(d, hex("02000000 f100 0500 c0c1c2"), 0, c);
        assertEquals(List.of(), c.shards);
        feed(d, hex("03000000 f200 0900d0d1d21010b5b6b7b8"), 0, c);
        assertEquals(List.of("0b00b0b1b2b3b4b5b6b7b8"), c.shards);
        assertEquals(1, d.recovered());
        assertEquals(1, d.parityShards());
        assertEquals(0, d.windowSize(), "the completed group leaves the window");
        feed(d, hex("04000000 f200 6b007d7c7fcedbc1d9d1a9"), 0, c);
        assertEquals(1, c.shards.size(), "late parity of a finished group recovers nothing");
        assertEquals(1, d.windowSize(), "late parity waits in the window, as in kcp-go");
    }

    @Test
    void duplicatesAreIgnored() {
        FecDecoder d = dec(3, 2);
        Collect c = new Collect();
        byte[] p0 = hex("00000000 f100 0700 a0a1a2a3a4");
        feed(d, p0, 0, c);
        feed(d, p0, 1, c);
        feed(d, p0.clone(), 2, c);
        assertEquals(2, d.duplicates());
        assertEquals(1, d.windowSize());
        byte[] par = hex("03000000 f200 0900d0d1d21010b5b6b7b8");
        feed(d, par, 3, c);
        feed(d, par, 3, c);
        assertEquals(3, d.duplicates());
        assertEquals(2, d.parityShards(), "FECParityShards counts every parity packet received");
        assertEquals(List.of(), c.shards, "two distinct shards of 3 recover nothing");
    }

    /** Property: any ds of the n shards, in any order, rebuild exactly the missing data shards. */
    @Test
    void anyDsOfNShardsRecoverTheMissingDataShards() {
        qt().withExamples(EXAMPLES)
                .forAll(integers().between(1, 16), integers().between(1, 8), longs().all())
                .checkAssert((ds, ps, seed) -> {
                    SplittableRandom rnd = new SplittableRandom(seed);
                    int n = ds + ps;
                    FecEncoder enc = FecEncoderTest.enc(ds, ps, 0);
                    List<byte[]> group = stream(enc, rnd, 1, 300);
                    int[] order = shuffled(rnd, n);
                    int[] chosen = Arrays.copyOf(order, ds);
                    boolean[] delivered = new boolean[n];
                    FecDecoder d = dec(ds, ps);
                    Collect c = new Collect();
                    for (int k : chosen) {
                        delivered[k] = true;
                        feed(d, group.get(k), 0, c);
                    }
                    List<String> expected = new ArrayList<>();
                    for (int k = 0; k < ds; k++) {
                        if (!delivered[k]) {
                            expected.add(shardOf(group.get(k)));
                        }
                    }
                    assertEquals(expected, c.shards, "ds=" + ds + " ps=" + ps + " chosen=" + Arrays.toString(chosen));
                    assertEquals(0, d.windowSize());
                    assertEquals(0, d.errors());
                });
    }

    static int[] shuffled(SplittableRandom rnd, int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }

    /** A long lossy stream that crosses the seqid wrap at paws: every lost data shard comes back once. */
    @Test
    void recoversAcrossTheSeqidWrap() {
        int ds = 10;
        int ps = 3;
        FecEncoder enc = FecEncoderTest.enc(ds, ps, 0);
        enc.startAtSeqid((int) (4294967287L - 13 * 5));
        SplittableRandom rnd = new SplittableRandom(7);
        List<byte[]> s = stream(enc, rnd, 12, 200);
        FecDecoder d = dec(ds, ps);
        Collect c = new Collect();
        List<String> lost = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            int slot = i % 13;
            boolean drop = slot == (i / 13) % 10 || slot == 11; // one data + one parity shard per group
            if (drop) {
                if (slot < ds) {
                    lost.add(shardOf(s.get(i)));
                }
            } else {
                feed(d, s.get(i), i, c);
            }
        }
        assertEquals(lost, c.shards);
        assertEquals(12, d.recovered());
        assertEquals(0, enc.nextSeqid() - 13 * 7, "the stream did wrap to 0");
    }

    @Test
    void entriesExpireAfterSixtySeconds() {
        FecDecoder d = dec(3, 2);
        Collect c = new Collect();
        int t0 = Integer.MAX_VALUE - 100; // the clock wraps in between: differences are signed 32-bit
        feed(d, hex("00000000 f100 0700 a0a1a2a3a4"), t0, c);
        feed(d, hex("05000000 f100 0700 a0a1a2a3a4"), t0 + 60_000, c);
        assertEquals(2, d.windowSize(), "60 000 ms is not yet expired");
        feed(d, hex("0a000000 f100 0700 a0a1a2a3a4"), t0 + 60_001, c);
        assertEquals(1, d.expired());
        assertEquals(2, d.windowSize());
        // a late shard of the expired group cannot recover it any more
        feed(d, hex("01000000 f100 0b00 b0b1b2b3b4b5b6b7b8"), t0 + 60_002, c);
        feed(d, hex("03000000 f200 0900d0d1d21010b5b6b7b8"), t0 + 60_002, c);
        assertEquals(List.of(), c.shards);
    }

    @Test
    void rxlimitEvictsTheOldestAndCountsUnrecoveredDataAsShortShards() {
        FecDecoder d = dec(3, 2); // rxlimit = 15
        assertEquals(15, d.rxlimit());
        Collect c = new Collect();
        for (int g = 0; g < 20; g++) {
            byte[] p = FecEncoderTest.datagram(0, new byte[]{(byte) g});
            // one data shard of every group; every other group also its first parity
            FecEncoder.writeHeader(p, 0, g * 5, FecEncoder.TYPE_DATA);
            feed(d, p, 0, c);
            if (g % 2 == 0) {
                byte[] par = p.clone();
                FecEncoder.writeHeader(par, 0, g * 5 + 3, FecEncoder.TYPE_PARITY);
                feed(d, par, 0, c);
            }
        }
        assertEquals(15, d.windowSize());
        // 30 packets in, 15 kept: the 15 evicted were data0, par0, data1, data2, par2, ..., in seqid order
        assertEquals(10, d.shortShards(), "evicted data shards");
        assertEquals(List.of(), c.shards);
    }

    @Test
    void malformedInputIsCountedAndDroppedNeverThrown() {
        FecDecoder d = dec(3, 2);
        Collect c = new Collect();
        feed(d, new byte[7], 0, c);                               // too short
        feed(d, hex("00000000 5100 0700 a0a1a2a3a4"), 0, c);    // a raw KCP cmd, not FEC
        feed(d, hex("00000000 f300 0700 a0a1a2a3a4"), 0, c);    // unknown type
        feed(d, new byte[1501], 0, c);                            // longer than any kcp-go datagram
        d.decode(null, 0, 10, 0, c);
        d.decode(new byte[20], 15, 10, 0, c);                     // range outside the array
        d.decode(new byte[20], -1, 10, 0, c);
        assertEquals(7, d.malformed());
        assertEquals(0, d.windowSize());

        // forged parity: garbage in a parity slot completes a group; the rebuilt shard is checked, not trusted
        feed(d, hex("00000000 f100 0700 a0a1a2a3a4"), 0, c);
        feed(d, hex("02000000 f100 0500 c0c1c2"), 0, c);
        feed(d, hex("03000000 f200 ffff ffffffffffffffffffffffffff"), 0, c);
        assertEquals(1, d.errors() + d.recovered());
        assertTrue(d.errors() == 1 || c.shards.size() == 1);
    }

    /** Property: random garbage (valid types, random seqids and lengths, forged parity) never throws. */
    @Test
    void randomGarbageNeverThrowsAndMemoryStaysBounded() {
        qt().withExamples(EXAMPLES / 4)
                .forAll(integers().between(1, 12), integers().between(1, 6), longs().all())
                .checkAssert((ds, ps, seed) -> {
                    SplittableRandom rnd = new SplittableRandom(seed);
                    FecDecoder d = dec(ds, ps);
                    RecoveredShardSink sink = (b, off, len) -> assertTrue(len >= 2 && off + len <= b.length);
                    int base = rnd.nextInt();
                    for (int i = 0; i < 3000; i++) {
                        byte[] p = new byte[rnd.nextInt(0, 1600)];
                        rnd.nextBytes(p);
                        if (p.length >= 6) {
                            int seq = base + rnd.nextInt(0, 200);
                            FecEncoder.writeHeader(p, 0, seq,
                                    rnd.nextBoolean() ? FecEncoder.TYPE_DATA : FecEncoder.TYPE_PARITY);
                        }
                        assertDoesNotThrow(() -> d.decode(p, 0, p.length, 0, sink), "seed " + seed);
                        assertTrue(d.windowSize() <= FecDecoder.RX_MULTI * 256 + 1);
                    }
                });
    }

    /** kcp-go quirk kept: with one data shard, a parity shard alone is a full group, so each one "recovers". */
    @Test
    void withOneDataShardEveryParityRebuildsTheGroupAgain() {
        FecEncoder enc = FecEncoderTest.enc(1, 2, 0);
        List<byte[]> s = stream(enc, new SplittableRandom(5), 1, 30);
        FecDecoder d = dec(1, 2);
        Collect c = new Collect();
        feed(d, s.get(1), 0, c); // data shard lost
        feed(d, s.get(2), 0, c);
        assertEquals(List.of(shardOf(s.get(0)), shardOf(s.get(0))), c.shards);
    }

    @Test
    void aCodecIsMadeLazilyOncePerShape() {
        AtomicInteger made = new AtomicInteger();
        FecDecoder d = new FecDecoder(1, 1, (ds, ps) -> {
            made.incrementAndGet();
            return new ReferenceCodec(ds, ps);
        });
        assertEquals(1, made.get());
        SplittableRandom rnd = new SplittableRandom(3);
        RecoveredShardSink none = (b, off, len) -> { };
        for (byte[] p : stream(FecEncoderTest.enc(4, 2, 0), rnd, 4, 50)) {
            feed(d, p, 0, none);
        }
        assertEquals(4, d.currentDataShards());
        assertEquals(2, d.currentParityShards());
        assertEquals(2, made.get());
        assertEquals(1, d.retunes());
    }

    @Test
    void steadyStateLosslessDecodingAllocatesNothing() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        FecEncoder enc = new FecEncoder(10, 3, 0, new FecEncoderTest.XorTestCodec(10, 3));
        List<byte[]> s = stream(enc, new SplittableRandom(1), 50, 1380);
        FecDecoder d = new FecDecoder(10, 3, FecEncoderTest.XorTestCodec::new);
        RecoveredShardSink sink = (b, off, len) -> { };
        int now = 0;
        for (int round = 0; round < 20; round++) {
            for (byte[] p : s) {
                d.decode(p, 0, p.length, now++, sink); // seqids repeat per round, but stay within one window
            }
            d.release();
        }
        long before = mx.getCurrentThreadAllocatedBytes();
        for (int round = 0; round < 20; round++) {
            for (byte[] p : s) {
                d.decode(p, 0, p.length, now++, sink);
            }
            d.release();
        }
        long allocated = mx.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 4096, "decoder allocated " + allocated + " bytes in steady state");
    }
}
