package io.kcplab.protocol.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.kcplab.protocol.SteadyStateAllocation;
import io.kcplab.protocol.fec.ErasureCodec;
import io.kcplab.protocol.fec.ReferenceCodec;
import io.kcplab.protocol.fec.GaloisCodec;
import io.kcplab.protocol.wire.WireFixtures.Config;
import io.kcplab.protocol.wire.WireFixtures.Received;
import io.kcplab.protocol.wire.WireFixtures.Wire;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The deferred send path ({@link PacketCodec#encodeDeferred} + {@link PacketCodec#flush}): the same wire datagrams,
 * in the same order, as one {@link PacketCodec#encode} per datagram, whatever the batch boundaries. QuickTheories
 * prints the seed of a failure; replay it with {@code -DQT_SEED=...}. Budget: {@code -Dkcplab.wire.batchExamples}
 * (default 300).
 */
class PacketCodecBatchTest {

    private static final List<Config> CONFIGS = WireFixtures.allConfigs();

    /**
     * Random KCP datagrams, every cipher (and none), both profiles, FEC off / 3+2 / 10+3, random batch limits and
     * random flush points (with some immediate encodes mixed in): the deferred codec sends exactly the datagrams
     * the immediate codec sends, byte for byte and in order, given the same nonce seed.
     */
    @Test
    void deferredBatchesSendTheSameWireDatagramsInTheSameOrder() {
        int examples = Integer.getInteger("kcplab.wire.batchExamples", 300);
        qt().withExamples(examples)
                .forAll(integers().between(0, CONFIGS.size() - 1), longs().all(), integers().between(1, 40))
                .checkAssert((ci, seed, limit) -> sameWire(CONFIGS.get(ci), seed, limit));
        // every configuration at least once, with a fixed seed and the default limit
        for (Config c : CONFIGS) {
            sameWire(c, c.toString().hashCode(), PacketCodec.DEFAULT_SEND_BATCH);
        }
    }

    private static void sameWire(Config c, long seed, int limit) {
        SplittableRandom rnd = new SplittableRandom(seed);
        long nonceSeed = rnd.nextLong();
        PacketCodec immediate = c.codec(nonceSeed);
        PacketCodec deferred = builder(c, nonceSeed).sendBatchLimit(limit).build();
        Wire expected = new Wire();
        Wire got = new Wire();
        int packets = 1 + rnd.nextInt(120);
        int maxKcp = PacketCodec.MTU_LIMIT - immediate.headerSize();
        double flushChance = rnd.nextDouble(); // from a flush after every datagram to one at the very end
        // one buffer for the deferred side, as KCP reuses its own: the batch must hold copies
        byte[] kcpBuffer = new byte[PacketCodec.MTU_LIMIT];
        long queued = 0;
        for (int i = 0; i < packets; i++) {
            int kcpLen = rnd.nextInt(10) == 0 ? maxKcp : PacketCodec.KCP_OVERHEAD + rnd.nextInt(maxKcp - 23);
            byte[] kcp = WireFixtures.kcpDatagram(rnd, kcpLen);
            int len = immediate.headerSize() + kcpLen;
            int before = expected.datagrams.size();
            immediate.encode(WireFixtures.framed(immediate, kcp), len, expected);
            queued += expected.datagrams.size() - before;

            rnd.nextBytes(kcpBuffer); // stale bytes from "the previous datagram", headers included
            System.arraycopy(kcp, 0, kcpBuffer, deferred.headerSize(), kcpLen);
            if (rnd.nextInt(8) == 0) {
                deferred.encode(kcpBuffer, len, got); // sends what waits, then this one
                assertEquals(0, deferred.pendingDatagrams());
            } else {
                deferred.encodeDeferred(kcpBuffer, len, got);
                assertTrue(deferred.pendingDatagrams() <= limit, "batch exceeds its limit of " + limit);
            }
            // nothing is lost or sent twice: sent + waiting = what the immediate codec produced so far
            assertEquals(queued, got.datagrams.size() + deferred.pendingDatagrams());
            if (rnd.nextDouble() < flushChance) {
                deferred.flush(got);
                assertEquals(0, deferred.pendingDatagrams());
            }
        }
        deferred.flush(got);
        assertEquals(expected.datagrams.size(), got.datagrams.size(), c + ": wire datagram count");
        for (int i = 0; i < expected.datagrams.size(); i++) {
            assertArrayEquals(expected.datagrams.get(i), got.datagrams.get(i), c + ": wire datagram " + i);
        }
        assertEquals(immediate.counters().outPkts(), deferred.counters().outPkts());
        assertEquals(immediate.counters().outBytes(), deferred.counters().outBytes());
    }

    private static PacketCodec.Builder builder(Config c, long nonceSeed) {
        PacketCodec.Builder b = PacketCodec.builder().profile(c.profile).fec(c.ds, c.ps)
                .nonceSource(NonceSource.seeded(nonceSeed)).erasureCodec(ReferenceCodec::new);
        if (c.cipher != null) {
            b.cipher(c.cipher, WireFixtures.PASS);
        }
        return b;
    }

    /** A full batch leaves at once, through the sink given to the call that filled it; the rest waits. */
    @Test
    void aFullBatchIsSentEarlyAndTheRestWaitsForFlush() {
        PacketCodec codec = PacketCodec.builder().cipher("aes-128", WireFixtures.PASS).sendBatchLimit(4)
                .nonceSource(NonceSource.seeded(3)).build();
        Wire wire = new Wire();
        byte[] kcp = WireFixtures.kcpDatagram(new SplittableRandom(4), 100);
        for (int i = 1; i <= 4; i++) {
            codec.encodeDeferred(WireFixtures.framed(codec, kcp), codec.headerSize() + 100, wire);
            assertEquals(0, wire.datagrams.size());
            assertEquals(i, codec.pendingDatagrams());
        }
        codec.encodeDeferred(WireFixtures.framed(codec, kcp), codec.headerSize() + 100, wire);
        assertEquals(4, wire.datagrams.size());
        assertEquals(1, codec.pendingDatagrams());
        codec.flush(wire);
        assertEquals(5, wire.datagrams.size());
        assertEquals(0, codec.pendingDatagrams());
        codec.flush(wire); // nothing waiting: no-op
        assertEquals(5, wire.datagrams.size());
    }

    /** Parity packets of several groups completed inside one batch keep their own bytes (not the last group's). */
    @Test
    void parityOfEarlierGroupsSurvivesLaterGroupsInTheSameBatch() {
        Config c = new Config(WireProfile.KCP_GO, "aes-128", 2, 2);
        PacketCodec tx = builder(c, 5).sendBatchLimit(64).build();
        PacketCodec rx = c.codec(6);
        SplittableRandom rnd = new SplittableRandom(7);
        Wire wire = new Wire();
        byte[][] kcp = new byte[6][];
        for (int i = 0; i < kcp.length; i++) {
            kcp[i] = WireFixtures.kcpDatagram(rnd, 50 + 100 * i);
            tx.encodeDeferred(WireFixtures.framed(tx, kcp[i]), tx.headerSize() + kcp[i].length, wire);
        }
        tx.flush(wire);
        assertEquals(12, wire.datagrams.size(), "3 groups of 2 data + 2 parity");
        // deliver only the parity packets of each group: FEC must rebuild both data shards from them
        Received got = new Received();
        for (int g = 0; g < 3; g++) {
            for (int j = 2; j < 4; j++) {
                byte[] d = wire.datagrams.get(4 * g + j);
                rx.decode(d, 0, d.length, 0, got);
            }
        }
        assertEquals(6, got.recovered.size());
        for (int i = 0; i < kcp.length; i++) {
            assertArrayEquals(kcp[i], got.recovered.get(i), "rebuilt shard " + i);
        }
    }

    @Test
    void aSinkThatEncodesOnItsOwnCodecIsRefusedAndTheCodecStaysUsable() {
        PacketCodec codec = PacketCodec.builder().cipher("aes", WireFixtures.PASS)
                .nonceSource(NonceSource.seeded(8)).build();
        byte[] kcp = WireFixtures.kcpDatagram(new SplittableRandom(9), 60);
        int len = codec.headerSize() + 60;
        codec.encodeDeferred(WireFixtures.framed(codec, kcp), len, new Wire());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> codec.flush(
                (b, o, l) -> codec.encodeDeferred(WireFixtures.framed(codec, kcp), len, new Wire())));
        assertTrue(e.getMessage().contains("called back"), e.getMessage());
        assertEquals(0, codec.pendingDatagrams());
        Wire wire = new Wire();
        codec.encode(WireFixtures.framed(codec, kcp), len, wire);
        Received got = new Received();
        PacketCodec rx = PacketCodec.builder().cipher("aes", WireFixtures.PASS).nonceSource(NonceSource.seeded(1))
                .build();
        rx.decode(wire.datagrams.get(0), 0, wire.datagrams.get(0).length, 0, got);
        assertArrayEquals(kcp, got.regular.get(0));
    }

    @Test
    void badArgumentsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PacketCodec.builder().sendBatchLimit(0));
        assertTrue(e.getMessage().contains("sendBatchLimit must be in 1..256"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PacketCodec.builder().sendBatchLimit(257));
        PacketCodec codec = PacketCodec.builder().fec(10, 3).build();
        e = assertThrows(IllegalArgumentException.class, () -> codec.encodeDeferred(new byte[1500], 7, new Wire()));
        assertTrue(e.getMessage().contains("datagram length must be in 8..1500"), e.getMessage());
        assertEquals(0, codec.pendingDatagrams());
    }

    private static final Duration STEADY_STATE_LIMIT = Duration.ofSeconds(30);
    private static final long JIT_NOISE_BYTES = 1024;

    /**
     * Deferred batches of 16 datagrams (FEC 10+3, so batches also fill and leave early), decoded on the other
     * side with losses: once warm, no allocation, with the default (Vector API when present) Reed-Solomon kernel
     * and Salsa20's Vector API kernel too, after this class's property test has run every cipher in the same JVM.
     * Both kernels are called through method handles so that C2 compiles them on their own (VectorMultiplier,
     * Salsa20Kernel); before that, this was seen boxing about 100 KB per datagram. Ciphers:
     * {@code -Dkcplab.wire.batchAllocCiphers}.
     */
    @Test
    void deferredSteadyStateIsAllocationFree() {
        String ciphers = System.getProperty("kcplab.wire.batchAllocCiphers", "aes-128,aes,salsa20,none");
        for (String cipher : ciphers.split(",")) {
            for (WireProfile profile : WireProfile.values()) {
                PacketCodec tx = PacketCodec.builder().profile(profile).cipher(cipher, WireFixtures.PASS).fec(10, 3)
                        .erasureCodec(GaloisCodec::create).nonceSource(NonceSource.seeded(1)).build();
                PacketCodec rx = PacketCodec.builder().profile(profile).cipher(cipher, WireFixtures.PASS).fec(10, 3)
                        .erasureCodec(GaloisCodec::create).nonceSource(NonceSource.seeded(2)).build();
                byte[] buf = new byte[1500];
                new SplittableRandom(1).nextBytes(buf);
                KcpInputSink sink = (k, o, l, r) -> 0;
                int[] n = new int[1];
                DatagramSink wire = (b, o, l) -> {
                    if (n[0]++ % 7 != 3) {
                        rx.decode(b, o, l, 0, sink);
                    }
                };
                Runnable round = () -> {
                    for (int flush = 0; flush < 125; flush++) {
                        for (int i = 0; i < 16; i++) {
                            buf[tx.headerSize() + 4] = 81;
                            tx.encodeDeferred(buf, 1400 - 37 * i, wire);
                        }
                        tx.flush(wire);
                    }
                };
                SteadyStateAllocation measured = SteadyStateAllocation.measure(round, JIT_NOISE_BYTES,
                        STEADY_STATE_LIMIT);
                assertTrue(rx.counters().fecRecovered() > 0);
                assertEquals(0, rx.counters().inCsumErrors());
                measured.assertClean(profile + "/" + cipher + ", rounds of 2000 deferred encode+decode");
            }
        }
    }
}
