package io.kcplab.protocol.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.kcplab.protocol.fec.FecEncoder;
import io.kcplab.protocol.wire.WireFixtures.Config;
import io.kcplab.protocol.wire.WireFixtures.Forger;
import io.kcplab.protocol.wire.WireFixtures.Received;
import io.kcplab.protocol.wire.WireFixtures.Wire;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Properties of the datagram pipeline. QuickTheories prints the seed of a failure; replay it with
 * {@code -DQT_SEED=...}. Budgets: {@code -Dkcplab.wire.roundTrips} (examples, default 300) and
 * {@code -Dkcplab.wire.fuzzDatagrams} (garbage datagrams per run, default 100 000).
 */
class PacketCodecPropertiesTest {

    private static final List<Config> CONFIGS = WireFixtures.allConfigs();

    /**
     * Random KCP datagrams through encode, random loss of wire datagrams, decode: every data packet that arrived
     * is delivered as regular input, in order, byte for byte; every lost data packet whose FEC group still had
     * {@code ds} shards arriving is rebuilt and delivered as non-regular input, in shard order; nothing else.
     */
    @Test
    void roundTripThroughLossReproducesKcpBytesAndRecoversWhatFecCan() {
        int examples = Integer.getInteger("kcplab.wire.roundTrips", 300);
        qt().withExamples(examples)
                .forAll(integers().between(0, CONFIGS.size() - 1), longs().all(), integers().between(0, 35))
                .checkAssert((ci, seed, lossPercent) -> roundTrip(CONFIGS.get(ci), seed, lossPercent));
        // and every configuration at least once, with a fixed seed
        for (Config c : CONFIGS) {
            roundTrip(c, c.toString().hashCode(), 20);
        }
    }

    private static void roundTrip(Config c, long seed, int lossPercent) {
        SplittableRandom rnd = new SplittableRandom(seed);
        PacketCodec tx = c.codec(rnd.nextLong());
        PacketCodec rx = c.codec(rnd.nextLong());
        int packets = 1 + rnd.nextInt(60);
        int maxKcp = PacketCodec.MTU_LIMIT - tx.headerSize();

        List<byte[]> expectedRegular = new ArrayList<>();
        List<byte[]> expectedRecovered = new ArrayList<>();
        Received got = new Received();
        Wire wire = new Wire();
        for (int i = 0; i < packets; i++) {
            byte[] kcp = WireFixtures.kcpDatagram(rnd, 24 + rnd.nextInt(maxKcp - 23));
            wire.datagrams.clear();
            tx.encode(WireFixtures.framed(tx, kcp), tx.headerSize() + kcp.length, wire);
            assertEquals(c.ds > 0 && (i + 1) % c.ds == 0 ? 1 + c.ps : 1, wire.datagrams.size(), c.toString());
            for (int d = 0; d < wire.datagrams.size(); d++) {
                byte[] dg = wire.datagrams.get(d);
                assertTrue(dg.length <= PacketCodec.MTU_LIMIT);
                boolean arrives = rnd.nextInt(100) >= lossPercent;
                if (d == 0 && arrives) {
                    expectedRegular.add(kcp);
                }
                if (arrives) {
                    rx.decode(dg, 0, dg.length, i * 10, got);
                }
            }
        }
        // which lost data FEC must rebuild: replay the same generator and apply kcp-go's rule per group
        predictRecovered(c, seed, lossPercent, expectedRecovered);

        assertEquals(expectedRegular.size(), got.regular.size(), c + " regular count");
        for (int i = 0; i < expectedRegular.size(); i++) {
            assertArrayEquals(expectedRegular.get(i), got.regular.get(i), c + " regular #" + i);
        }
        assertEquals(expectedRecovered.size(), got.recovered.size(), c + " recovered count");
        for (int i = 0; i < expectedRecovered.size(); i++) {
            assertArrayEquals(expectedRecovered.get(i), got.recovered.get(i), c + " recovered #" + i);
        }
        Counters k = rx.counters();
        assertEquals(k.inDatagrams(), k.inPkts(), c + ": nothing dropped on a clean link " + k);
        assertEquals(expectedRecovered.size(), k.fecRecovered());
        assertEquals(0, k.fecErrs());
        assertEquals(tx.counters().outPkts(), expectedOut(c, packets));
    }

    private static long expectedOut(Config c, int packets) {
        return c.ds == 0 ? packets : packets + (long) (packets / c.ds) * c.ps;
    }

    /** Replays the generator of {@link #roundTrip} and applies the kcp-go recovery rule group by group. */
    private static void predictRecovered(Config c, long seed, int lossPercent, List<byte[]> out) {
        if (c.ds == 0) {
            return;
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        PacketCodec tx = c.codec(rnd.nextLong());
        rnd.nextLong();
        int packets = 1 + rnd.nextInt(60);
        int maxKcp = PacketCodec.MTU_LIMIT - tx.headerSize();
        List<byte[]> lostData = new ArrayList<>();
        int arrived = 0;
        Wire wire = new Wire();
        for (int i = 0; i < packets; i++) {
            byte[] kcp = WireFixtures.kcpDatagram(rnd, 24 + rnd.nextInt(maxKcp - 23));
            wire.datagrams.clear();
            tx.encode(WireFixtures.framed(tx, kcp), tx.headerSize() + kcp.length, wire);
            for (int d = 0; d < wire.datagrams.size(); d++) {
                boolean arrives = rnd.nextInt(100) >= lossPercent;
                if (arrives) {
                    arrived++;
                } else if (d == 0) {
                    lostData.add(kcp);
                }
            }
            if (wire.datagrams.size() > 1) {
                if (!lostData.isEmpty() && arrived >= c.ds) {
                    out.addAll(lostData);
                }
                lostData.clear();
                arrived = 0;
            }
        }
    }

    /**
     * At least {@code kcplab.wire.fuzzDatagrams} hostile datagrams (random bytes, truncations, bit flips, size
     * fields past the end, unknown type markers, forged and short FEC packets, replays, oversize) interleaved with
     * a clean stream, across every profile, cipher and FEC shape: decode never throws, the counters add up, and
     * the clean stream's data still reaches KCP intact and in order.
     */
    @Test
    void hostileDatagramsAreCountedAndDroppedWithoutDisturbingTheCleanStream() {
        int total = Integer.getInteger("kcplab.wire.fuzzDatagrams", 100_000);
        int perExample = 400;
        int examples = Math.max(1, (total + perExample - 1) / perExample);
        AtomicLong fed = new AtomicLong();
        long[] seen = new long[7];
        qt().withExamples(examples).withGenerateAttempts(examples * 2)
                .forAll(integers().between(0, CONFIGS.size() - 1), longs().all())
                .checkAssert((ci, seed) -> fed.addAndGet(fuzz(CONFIGS.get(ci), seed, perExample, seen)));
        assertTrue(fed.get() >= total, "fed " + fed.get() + " hostile datagrams, wanted " + total);
        // every kind of drop and every FEC path was reached somewhere in the run
        String[] names = {"shortPackets", "oversizePackets", "inCsumErrors", "fecParityShards", "fecErrs",
            "fecRecovered (forged)", "kcp inputs"};
        for (int i = 0; i < seen.length; i++) {
            assertTrue(seen[i] > 0 || total < 10_000, names[i] + " never happened in " + fed.get() + " datagrams");
        }
    }

    private static long fuzz(Config c, long seed, int garbageCount, long[] seen) {
        SplittableRandom rnd = new SplittableRandom(seed);
        PacketCodec tx = c.codec(rnd.nextLong());
        PacketCodec rx = c.codec(rnd.nextLong());
        Forger forger = new Forger(c);
        int maxKcp = PacketCodec.MTU_LIMIT - tx.headerSize();

        List<byte[]> clean = new ArrayList<>();     // wire datagrams of the clean stream, in order
        List<byte[]> cleanKcp = new ArrayList<>();  // KCP bytes of its data packets, in order
        Wire wire = new Wire();
        for (int i = 0; i < 40; i++) {
            byte[] kcp = WireFixtures.kcpDatagram(rnd, 24 + rnd.nextInt(Math.min(maxKcp - 23, 400)));
            wire.datagrams.clear();
            tx.encode(WireFixtures.framed(tx, kcp), tx.headerSize() + kcp.length, wire);
            clean.addAll(wire.datagrams);
            cleanKcp.add(kcp);
        }

        Received got = new Received();
        long fedGarbage = 0;
        long fedTotal = 0;
        int next = 0;
        try {
            for (int g = 0; g < garbageCount; g++) {
                if (next < clean.size() && rnd.nextInt(garbageCount / clean.size() + 1) == 0) {
                    byte[] d = clean.get(next++);
                    rx.decode(d, 0, d.length, g, got);
                    fedTotal++;
                }
                byte[] bad = garbage(rnd, clean, forger);
                int off = rnd.nextInt(3);
                byte[] placed = new byte[off + bad.length + rnd.nextInt(3)];
                System.arraycopy(bad, 0, placed, off, bad.length);
                rx.decode(placed, off, bad.length, g, got);
                fedGarbage++;
                fedTotal++;
            }
            while (next < clean.size()) {
                byte[] d = clean.get(next++);
                rx.decode(d, 0, d.length, garbageCount, got);
                fedTotal++;
            }
        } catch (RuntimeException e) {
            throw new AssertionError(c + ": decode threw on hostile input", e);
        }

        Counters k = rx.counters();
        seen[0] += k.shortPackets();
        seen[1] += k.oversizePackets();
        seen[2] += k.inCsumErrors();
        seen[3] += k.fecParityShards();
        seen[4] += k.fecErrs();
        seen[5] += k.fecRecovered();
        seen[6] += got.regular.size();
        assertEquals(fedTotal, k.inDatagrams(), c.toString());
        assertEquals(k.inDatagrams(), k.inPkts() + k.dropped(), c + " " + k);
        assertEquals(k.inPkts() - k.fecParityShards(), got.regular.size(), c + " " + k);
        assertEquals(k.fecRecovered(), got.recovered.size(), c + " " + k);
        // the clean data is a subsequence of the regular inputs, byte for byte
        int j = 0;
        for (byte[] r : got.regular) {
            if (j < cleanKcp.size() && Arrays.equals(r, cleanKcp.get(j))) {
                j++;
            }
        }
        if (j != cleanKcp.size()) {
            fail(c + ": only " + j + " of " + cleanKcp.size() + " clean datagrams reached KCP intact; " + k);
        }
        return fedGarbage;
    }

    private static byte[] garbage(SplittableRandom rnd, List<byte[]> clean, Forger forger) {
        byte[] victim = clean.get(rnd.nextInt(clean.size()));
        switch (rnd.nextInt(10)) {
            case 0: { // random bytes
                byte[] b = new byte[rnd.nextInt(1600)];
                rnd.nextBytes(b);
                return b;
            }
            case 1: // truncation
                return Arrays.copyOf(victim, rnd.nextInt(victim.length));
            case 2: { // bit flips
                byte[] b = victim.clone();
                for (int n = 1 + rnd.nextInt(8); n > 0; n--) {
                    int bit = rnd.nextInt(b.length * 8);
                    b[bit >>> 3] ^= (byte) (1 << (bit & 7));
                }
                return b;
            }
            case 3: { // FEC data shard whose size field points past the packet
                byte[] body = fecBody(rnd, FecEncoder.TYPE_DATA, 8 + rnd.nextInt(200));
                int size = body.length - 6 + 1 + rnd.nextInt(60000);
                body[6] = (byte) size;
                body[7] = (byte) (size >>> 8);
                return forger.frame(body);
            }
            case 4: { // unknown type marker, any length (some below the 24-byte minimum)
                byte[] body = new byte[rnd.nextInt(100)];
                rnd.nextBytes(body);
                if (body.length > 5 && (body[4] & 0xff) >= 0xF1 && (body[4] & 0xff) <= 0xF2 && body[5] == 0) {
                    body[5] = 1;
                }
                return forger.frame(body);
            }
            case 5: // forged parity near the clean stream's seqids
                return forger.frame(fecBody(rnd, FecEncoder.TYPE_PARITY, 8 + rnd.nextInt(1400)));
            case 6: // forged data shard near the clean seqids (its junk becomes KCP input, like kcp-go)
                return forger.frame(fecBody(rnd, FecEncoder.TYPE_DATA, 24 + rnd.nextInt(400)));
            case 7: // short FEC packets
                return forger.frame(fecBody(rnd, rnd.nextBoolean() ? FecEncoder.TYPE_DATA : FecEncoder.TYPE_PARITY,
                        6 + rnd.nextInt(24)));
            case 8: // replay
                return victim.clone();
            default: { // oversize
                byte[] b = new byte[1501 + rnd.nextInt(600)];
                rnd.nextBytes(b);
                return b;
            }
        }
    }

    /** seqid (near 0..70, the clean stream's range), type, then random bytes; {@code len} >= 6. */
    private static byte[] fecBody(SplittableRandom rnd, int type, int len) {
        byte[] body = new byte[len];
        rnd.nextBytes(body);
        int seqid = rnd.nextInt(10) == 0 ? rnd.nextInt() : rnd.nextInt(70);
        body[0] = (byte) seqid;
        body[1] = (byte) (seqid >>> 8);
        body[2] = (byte) (seqid >>> 16);
        body[3] = (byte) (seqid >>> 24);
        body[4] = (byte) type;
        body[5] = 0;
        return body;
    }
}
