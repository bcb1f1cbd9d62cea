package io.kcplab.protocol.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.kcplab.protocol.SteadyStateAllocation;
import io.kcplab.protocol.crypto.Ciphers;
import io.kcplab.protocol.fec.ErasureCodec;
import io.kcplab.protocol.fec.ReferenceCodec;
import io.kcplab.protocol.fec.FecDecoder;
import io.kcplab.protocol.wire.WireFixtures.Config;
import io.kcplab.protocol.wire.WireFixtures.Received;
import io.kcplab.protocol.wire.WireFixtures.Wire;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PacketCodecTest {

    private static final HexFormat HEX = HexFormat.of();

    /** Nonce 00..0f for every packet, as in the whole-packet vector of docs/wire-format.md §6.2. */
    private static final NonceSource COUNTING_NONCE = (buf, off) -> {
        for (int i = 0; i < 16; i++) {
            buf[off + i] = (byte) i;
        }
    };

    @Test
    void headerSizesFollowKcpGoLayout() {
        assertEquals(0, PacketCodec.builder().build().headerSize());
        assertEquals(8, PacketCodec.builder().fec(10, 3).build().headerSize());
        assertEquals(20, codec(WireProfile.KCP_GO, "none", 0, 0).headerSize());
        assertEquals(28, codec(WireProfile.KCP_GO, "aes", 10, 3).headerSize());
        assertEquals(24, codec(WireProfile.HIGHWAY, "aes", 0, 0).headerSize());
        assertEquals(32, codec(WireProfile.HIGHWAY, "aes", 10, 3).headerSize());
        // kcptun: one shard count 0 turns FEC off, like kcp-go
        assertEquals(20, codec(WireProfile.KCP_GO, "aes", 10, 0).headerSize());
    }

    private static PacketCodec fecCodec(WireProfile p, String cipher, FecDecoder.CodecFactory rs) {
        return PacketCodec.builder().profile(p).cipher(cipher, WireFixtures.PASS).fec(10, 3)
                .erasureCodec(rs).nonceSource(NonceSource.seeded(1)).build();
    }

    private static PacketCodec codec(WireProfile p, String cipher, int ds, int ps) {
        return PacketCodec.builder().profile(p).cipher(cipher, WireFixtures.PASS).fec(ds, ps)
                .nonceSource(NonceSource.seeded(1)).build();
    }

    /** docs/wire-format.md §6.2: the real kcp-go 5.6.1 bytes for an ACK under aes, key "test", FEC off. */
    @Test
    void encodesKcpGoWholePacketVectorBitExact() {
        PacketCodec codec = PacketCodec.builder().cipher("aes", WireFixtures.PASS).nonceSource(COUNTING_NONCE)
                .build();
        byte[] kcp = HEX.parseHex("44332211" + "52" + "00" + "8000" + "e8030000" + "07000000" + "08000000"
                + "00000000");
        Wire wire = new Wire();
        codec.encode(WireFixtures.framed(codec, kcp), 20 + kcp.length, wire);
        assertEquals(1, wire.datagrams.size());
        assertEquals("4936578a5b57f293dd9e4982067aeb73a2186d8648deabf70e17ebc4ef9542d4aebf23f1442fbab448484830",
                HEX.formatHex(wire.datagrams.get(0)));

        Received rx = new Received();
        PacketCodec peer = PacketCodec.builder().cipher("aes", WireFixtures.PASS).nonceSource(COUNTING_NONCE)
                .build();
        peer.decode(wire.datagrams.get(0), 0, wire.datagrams.get(0).length, 0, rx);
        assertEquals(1, rx.regular.size());
        assertArrayEquals(kcp, rx.regular.get(0));
        assertEquals(1, peer.counters().inPkts());
        assertEquals(kcp.length, peer.counters().inBytes());
    }

    /** docs/wire-format.md §6.3: FEC 3+2 without crypto (H = 0), data and parity bytes as kcp-go emits them. */
    @Test
    void encodesKcpGoFecVectorBitExact() {
        PacketCodec codec = PacketCodec.builder().fec(3, 2).erasureCodec(ReferenceCodec::new).build();
        Wire wire = new Wire();
        for (String kcp : new String[] {"a0a1a2a3a4", "b0b1b2b3b4b5b6b7b8", "c0c1c2"}) {
            byte[] k = HEX.parseHex(kcp);
            codec.encode(WireFixtures.framed(codec, k), 8 + k.length, wire);
        }
        String[] expected = {
            "00000000f1000700a0a1a2a3a4",
            "01000000f1000b00b0b1b2b3b4b5b6b7b8",
            "02000000f1000500c0c1c2",
            "03000000f2000900d0d1d21010b5b6b7b8",
            "04000000f2006b007d7c7fcedbc1d9d1a9",
        };
        assertEquals(expected.length, wire.datagrams.size());
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], HEX.formatHex(wire.datagrams.get(i)), "datagram " + i);
        }
        assertEquals(5, codec.counters().outPkts());
        assertEquals(13 + 17 + 11 + 17 + 17, codec.counters().outBytes());
    }

    @Test
    void parityFollowsTheGroupsLastDataPacketAndRecoversALoss() {
        for (WireProfile profile : WireProfile.values()) {
            PacketCodec tx = codec(profile, "aes-128", 3, 2);
            PacketCodec rx = codec(profile, "aes-128", 3, 2);
            SplittableRandom rnd = new SplittableRandom(5);
            byte[][] kcp = new byte[3][];
            Wire wire = new Wire();
            for (int i = 0; i < 3; i++) {
                kcp[i] = WireFixtures.kcpDatagram(rnd, 30 + 100 * i);
                tx.encode(WireFixtures.framed(tx, kcp[i]), tx.headerSize() + kcp[i].length, wire);
                assertEquals(i < 2 ? i + 1 : 5, wire.datagrams.size(), "parity only with the 3rd data packet");
            }
            Received got = new Received();
            for (int i = 0; i < 5; i++) {
                if (i != 1) { // lose the middle data shard
                    rx.decode(wire.datagrams.get(i), 0, wire.datagrams.get(i).length, 1000, got);
                }
            }
            assertEquals(2, got.regular.size());
            assertArrayEquals(kcp[0], got.regular.get(0));
            assertArrayEquals(kcp[2], got.regular.get(1));
            assertEquals(1, got.recovered.size(), profile.toString());
            assertArrayEquals(kcp[1], got.recovered.get(0));
            assertEquals(1, rx.counters().fecRecovered());
            assertEquals(2, rx.counters().fecParityShards());
            assertEquals(4, rx.counters().inPkts());
        }
    }

    @Test
    void receiverWithFecOffStillTakesDataShardsAndLearnsTheShapeForRecovery() {
        PacketCodec tx = codec(WireProfile.KCP_GO, "aes", 10, 3);
        PacketCodec rx = codec(WireProfile.KCP_GO, "aes", 0, 0);
        SplittableRandom rnd = new SplittableRandom(8);
        Received got = new Received();
        int sent = 0;
        int lost = 0;
        for (int i = 0; i < 600; i++) {
            byte[] kcp = WireFixtures.kcpDatagram(rnd, 24 + rnd.nextInt(500));
            Wire wire = new Wire();
            tx.encode(WireFixtures.framed(tx, kcp), tx.headerSize() + kcp.length, wire);
            sent++;
            // lose one data shard in every group after the first 200 packets; parity always arrives
            boolean lose = i > 200 && i % 13 == 4;
            for (int d = 0; d < wire.datagrams.size(); d++) {
                if (d == 0 && lose) {
                    lost++;
                    continue;
                }
                rx.decode(wire.datagrams.get(d), 0, wire.datagrams.get(d).length, i, got);
            }
        }
        assertEquals(sent - lost, got.regular.size(), "every data shard that arrived went to KCP");
        assertTrue(rx.fecDecoder() != null && rx.fecDecoder().currentDataShards() == 10
                && rx.fecDecoder().currentParityShards() == 3, "autotune found 10+3");
        assertTrue(rx.counters().fecRecovered() >= lost - 2, "recovered " + rx.counters().fecRecovered()
                + " of " + lost + " once the shape was learnt");
    }

    @Test
    void everyTruncationAndEveryCoveredBitFlipIsDroppedWithCrypto() {
        for (Config c : WireFixtures.allConfigs()) {
            if (c.cipher == null) {
                continue;
            }
            PacketCodec tx = c.codec(3);
            SplittableRandom rnd = new SplittableRandom(c.toString().hashCode());
            Wire wire = new Wire();
            int groups = c.ds == 0 ? 1 : c.ds;
            for (int i = 0; i < groups; i++) {
                byte[] kcp = WireFixtures.kcpDatagram(rnd, 24 + rnd.nextInt(300));
                tx.encode(WireFixtures.framed(tx, kcp), tx.headerSize() + kcp.length, wire);
            }
            PacketCodec rx = c.codec(4);
            Received got = new Received();
            long fed = 0;
            for (byte[] d : wire.datagrams) { // data and (last) parity
                for (int n = 0; n < d.length; n++) {
                    rx.decode(d, 0, n, 0, got);
                    fed++;
                }
                for (int bit = 16 * 8; bit < d.length * 8; bit++) {
                    byte[] flipped = d.clone();
                    flipped[bit >>> 3] ^= (byte) (1 << (bit & 7));
                    rx.decode(flipped, 0, flipped.length, 0, got);
                    fed++;
                }
            }
            assertEquals(0, got.regular.size() + got.recovered.size(), c + ": nothing damaged reaches KCP");
            Counters k = rx.counters();
            assertEquals(fed, k.inDatagrams());
            assertEquals(fed, k.shortPackets() + k.inCsumErrors(), c.toString());
            assertTrue(k.inCsumErrors() > 0 && k.shortPackets() > 0, c.toString());
        }
    }

    @Test
    void wrongKeyOrWrongCipherFailsTheChecksum() {
        PacketCodec tx = codec(WireProfile.KCP_GO, "aes", 0, 0);
        Wire wire = new Wire();
        byte[] kcp = WireFixtures.kcpDatagram(new SplittableRandom(1), 100);
        tx.encode(WireFixtures.framed(tx, kcp), 120, wire);
        PacketCodec otherKey = PacketCodec.builder().cipher("aes", io.kcplab.protocol.crypto.KeyDerivation.kcptun("x"))
                .nonceSource(NonceSource.seeded(1)).build();
        PacketCodec otherCipher = codec(WireProfile.KCP_GO, "aes-128", 0, 0);
        PacketCodec otherProfile = codec(WireProfile.HIGHWAY, "aes", 0, 0);
        Received got = new Received();
        for (PacketCodec rx : new PacketCodec[] {otherKey, otherCipher, otherProfile}) {
            rx.decode(wire.datagrams.get(0), 0, 120, 0, got);
            assertEquals(1, rx.counters().inCsumErrors());
        }
        assertEquals(0, got.regular.size());
    }

    @Test
    void highwayWithASecretRejectsPacketsForgedWithThePublicKey() {
        Config forgerConfig = new Config(WireProfile.HIGHWAY, "none", 0, 0);
        // a forger who knows the cipher ("none") but not the secret: frames with the public checksum key
        PacketCodec forger = PacketCodec.builder().profile(WireProfile.HIGHWAY).cipher(Ciphers.create("none",
                WireFixtures.PASS)).nonceSource(NonceSource.seeded(1)).build();
        Wire wire = new Wire();
        byte[] kcp = WireFixtures.kcpDatagram(new SplittableRandom(2), 60);
        forger.encode(WireFixtures.framed(forger, kcp), forger.headerSize() + 60, wire);
        PacketCodec rx = forgerConfig.codec(1); // keyed from PASS
        Received got = new Received();
        rx.decode(wire.datagrams.get(0), 0, wire.datagrams.get(0).length, 0, got);
        assertEquals(1, rx.counters().inCsumErrors());
        assertEquals(0, got.regular.size());
    }

    @Test
    void encodeRejectsBadLengthsWithAClearMessage() {
        PacketCodec c = codec(WireProfile.KCP_GO, "aes", 10, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> c.encode(new byte[1500], 27, (b, o, l) -> { }));
        assertEquals("datagram length must be in 28..1500 (header 28 bytes reserved in front of the KCP bytes,"
                + " at most 1500 in total); got 27", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> c.encode(new byte[2000], 1501, (b, o, l) -> { }));
        assertThrows(IllegalArgumentException.class, () -> PacketCodec.builder().fec(200, 57));
        assertThrows(IllegalStateException.class, () -> PacketCodec.builder().cipher("aes", WireFixtures.PASS)
                .build());
        assertThrows(IllegalArgumentException.class, () -> WireProfile.of("crc64"));
        assertEquals(WireProfile.HIGHWAY, WireProfile.of("highway"));
    }

    @Test
    void decodeNeverThrowsOnNonsenseArguments() {
        PacketCodec c = codec(WireProfile.KCP_GO, "aes", 10, 3);
        Received got = new Received();
        c.decode(null, 0, 10, 0, got);
        c.decode(new byte[10], 5, 10, 0, got);
        c.decode(new byte[10], -1, 2, 0, got);
        c.decode(new byte[3000], 0, 3000, 0, got);
        assertEquals(4, c.counters().inDatagrams());
        assertEquals(4, c.counters().dropped());
        assertEquals(1, c.counters().oversizePackets());
    }

    /** kcp-go flushes from input: KCP may encode on the same codec from inside the decode sink. */
    @Test
    void encodingFromInsideTheDecodeSinkLeavesTheDeliveredBytesIntact() {
        PacketCodec a = codec(WireProfile.KCP_GO, "aes-128", 3, 2);
        PacketCodec b = codec(WireProfile.KCP_GO, "aes-128", 3, 2);
        SplittableRandom rnd = new SplittableRandom(12);
        Wire aToB = new Wire();
        byte[][] kcp = new byte[3][];
        for (int i = 0; i < 3; i++) {
            kcp[i] = WireFixtures.kcpDatagram(rnd, 100 + i);
            a.encode(WireFixtures.framed(a, kcp[i]), a.headerSize() + kcp[i].length, aToB);
        }
        Wire bToA = new Wire();
        Received got = new Received();
        KcpInputSink replying = (bytes, off, len, regular) -> {
            byte[] before = Arrays.copyOfRange(bytes, off, off + len);
            byte[] ack = WireFixtures.kcpDatagram(rnd, 24);
            b.encode(WireFixtures.framed(b, ack), b.headerSize() + 24, bToA); // re-entrant send
            assertArrayEquals(before, Arrays.copyOfRange(bytes, off, off + len), "input bytes changed by encode");
            return got.input(bytes, off, len, regular);
        };
        for (int i = 0; i < aToB.datagrams.size(); i++) {
            if (i != 0) {
                b.decode(aToB.datagrams.get(i), 0, aToB.datagrams.get(i).length, 0, replying);
            }
        }
        assertEquals(2, got.regular.size());
        assertEquals(1, got.recovered.size());
        assertArrayEquals(kcp[0], got.recovered.get(0));
        assertEquals(3 + 2, bToA.datagrams.size(), "3 replies completed b's own FEC group");
    }

    @Test
    void callerBytesAreNotModifiedByDecode() {
        PacketCodec tx = codec(WireProfile.HIGHWAY, "salsa20", 0, 0);
        Wire wire = new Wire();
        byte[] kcp = WireFixtures.kcpDatagram(new SplittableRandom(3), 200);
        tx.encode(WireFixtures.framed(tx, kcp), tx.headerSize() + 200, wire);
        byte[] d = wire.datagrams.get(0);
        byte[] copy = d.clone();
        codec(WireProfile.HIGHWAY, "salsa20", 0, 0).decode(d, 0, d.length, 0, new Received());
        assertArrayEquals(copy, d);
    }

    private static final Duration STEADY_STATE_LIMIT = Duration.ofSeconds(60);
    private static final int PACKETS_PER_ROUND = 2000;

    /**
     * Steady state with the scalar Reed-Solomon kernel: the pipeline's own code (framing, nonce, checksum, cipher,
     * FEC bookkeeping) allocates nothing once warm.
     */
    @Test
    void steadyStateIsAllocationFreeWithTheScalarCodec() {
        assertSteadyStateAllocatesNothing(io.kcplab.protocol.fec.GaloisCodec::scalar);
    }

    /**
     * The same with the Vector API kernel, whose vectors C2 must scalar-replace inside this pipeline too. Once that
     * depended on how C2 inlined the kernel into the pipeline and differed from JVM run to JVM run (seen: 0, 80 B per
     * FEC group, 7 KB per packet); VectorMultiplier#loop says how the kernel loops are now kept out of that.
     */
    @Test
    void steadyStateIsAllocationFreeWithTheVectorCodec() {
        assumeTrue(io.kcplab.protocol.fec.GaloisCodec.vectorAvailable(), "jdk.incubator.vector not loaded");
        assertSteadyStateAllocatesNothing(io.kcplab.protocol.fec.GaloisCodec::vector);
    }

    /**
     * Encodes and decodes (losing every 7th datagram, so FEC rebuilds shards too) in rounds of {@value
     * #PACKETS_PER_ROUND} packets until one round allocates nothing at all ({@link SteadyStateAllocation}: "steady
     * state" means after the JIT). A per-packet or per-FEC-group allocation never gives a clean round and fails
     * after the time limit.
     */
    private static void assertSteadyStateAllocatesNothing(FecDecoder.CodecFactory rs) {
        for (String cipher : new String[] {"aes-128", "salsa20", "none"}) {
            for (WireProfile profile : WireProfile.values()) {
                PacketCodec tx = fecCodec(profile, cipher, rs);
                PacketCodec rx = fecCodec(profile, cipher, rs);
                byte[] buf = new byte[1500];
                new SplittableRandom(1).nextBytes(buf);
                buf[tx.headerSize() + 4] = 81;
                int[] seen = new int[1];
                KcpInputSink sink = (k, o, l, r) -> {
                    seen[0]++;
                    return 0;
                };
                int[] n = new int[1];
                DatagramSink wire = (b, o, l) -> {
                    if (n[0]++ % 7 != 3) { // lose some, so FEC rebuilds shards too
                        rx.decode(b, o, l, 0, sink);
                    }
                };
                SteadyStateAllocation measured = SteadyStateAllocation.measure(() -> {
                    for (int i = 0; i < PACKETS_PER_ROUND; i++) {
                        buf[tx.headerSize() + 4] = 81;
                        tx.encode(buf, 1400, wire);
                    }
                }, 0, STEADY_STATE_LIMIT);
                long recovered = rx.counters().fecRecovered();
                assertTrue(recovered > 0, "FEC rebuilt nothing");
                measured.assertClean(profile + "/" + cipher + ", rounds of " + PACKETS_PER_ROUND + " encode+decode");
                assertEquals(measured.rounds() * PACKETS_PER_ROUND * 13 / 10, tx.counters().outPkts(),
                        "10 data + 3 parity");
            }
        }
    }
}
