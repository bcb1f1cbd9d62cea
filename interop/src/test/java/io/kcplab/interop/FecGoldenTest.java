package io.kcplab.interop;

import io.kcplab.protocol.fec.ErasureCodec;
import io.kcplab.protocol.fec.ReferenceCodec;
import io.kcplab.protocol.fec.FecDecoder;
import io.kcplab.protocol.fec.FecEncoder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * KcpLab's FEC framing against the real kcp-go 5.6.1 code (run by {@link GoVectors}):
 * <ul>
 *   <li>the encoder, byte for byte, on seeded random packet sequences (several ds/ps, with and without the
 *       20-byte crypto header, lengths from the minimum to 1500, half-full final groups);</li>
 *   <li>the same encoder reached through a real {@code kcp.UDPSession} writing into a capturing PacketConn;</li>
 *   <li>the decoder: recovery of lost data shards from kcp-go-made packets, and, packet by packet, the same
 *       recovered shards as kcp-go's own decoder on a lossy, reordered, duplicated stream (also with a decoder
 *       that starts at 1/1 and must autotune, as kcp-go's lazily created one does).</li>
 * </ul>
 * The seed is {@code -Dkcplab.golden.seed} (printed in every failure message).
 */
class FecGoldenTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final long SEED = Long.getLong("kcplab.golden.seed", 0x6B6370L);

    @BeforeAll
    static void requirePeer() {
        GoVectors.unavailableReason().ifPresent(r ->
                PeerAvailability.missing("kcp-go 5.6.1 golden-vector peer", r, GoVectors.INSTALL_HINT));
    }

    /** kcp-go's encoder output for one datagram: the stamped data packet and the parity packets it completed. */
    record GoEncoded(byte[] data, List<byte[]> parity) {
    }

    static List<byte[]> randomDatagrams(SplittableRandom rnd, int count, int h) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int min = h + 8;
            int len = switch (rnd.nextInt(4)) {
                case 0 -> min + 24;                         // a bare KCP ACK
                case 1 -> 1500 - rnd.nextInt(160);          // near the MTU limit
                case 2 -> min + rnd.nextInt(0, 3);          // degenerate: (almost) no KCP bytes
                default -> rnd.nextInt(min, 1501);
            };
            byte[] p = new byte[len];
            rnd.nextBytes(p); // the header area too: both encoders must overwrite it
            out.add(p);
        }
        return out;
    }

    static List<GoEncoded> kcpGoEncode(int ds, int ps, int h, List<byte[]> datagrams) {
        List<String> script = new ArrayList<>();
        script.add("fec " + ds + " " + ps + " " + h);
        for (byte[] d : datagrams) {
            script.add("pkt " + HEX.formatHex(d));
        }
        List<List<String>> answers = GoVectors.run(script);
        List<GoEncoded> out = new ArrayList<>();
        for (int i = 1; i < answers.size(); i++) {
            List<String> a = answers.get(i);
            byte[] data = HEX.parseHex(a.get(0).substring("data ".length()));
            List<byte[]> parity = new ArrayList<>();
            for (String line : a.subList(1, a.size())) {
                parity.add(HEX.parseHex(line.substring("parity ".length())));
            }
            out.add(new GoEncoded(data, parity));
        }
        return out;
    }

    @ParameterizedTest(name = "{0}/{1} H={2} codec={3}")
    @CsvSource({
            "3,2,0,reference", "3,2,20,reference", "10,3,0,reference", "10,3,20,reference",
            "1,1,0,reference", "1,1,20,reference", "20,5,0,reference", "20,5,20,reference",
            "10,3,20,fast", "20,5,0,fast", "3,2,20,fast", "1,1,0,fast"})
    void encoderMatchesKcpGoByteForByte(int ds, int ps, int h, String codecName) {
        long seed = SEED ^ (ds * 1_000_003L + ps * 1009L + h);
        SplittableRandom rnd = new SplittableRandom(seed);
        int count = ds * (ds == 1 ? 40 : 6) + rnd.nextInt(ds); // ends in a half-full group when ds > 1
        List<byte[]> datagrams = randomDatagrams(rnd, count, h);
        List<GoEncoded> golden = kcpGoEncode(ds, ps, h, datagrams);

        ErasureCodec codec = codecName.equals("fast") ? ErasureCodec.fast(ds, ps) : new ReferenceCodec(ds, ps);
        FecEncoder enc = new FecEncoder(ds, ps, h, codec);
        int parityPackets = 0;
        for (int i = 0; i < count; i++) {
            String where = ds + "/" + ps + " H=" + h + " packet " + i + " seed=" + seed;
            byte[] pkt = datagrams.get(i).clone();
            int ready = enc.encode(pkt, pkt.length);
            GoEncoded g = golden.get(i);
            assertEquals(HEX.formatHex(g.data()), HEX.formatHex(pkt), where + ": data packet");
            assertEquals(g.parity().size(), ready, where + ": parity count");
            for (int j = 0; j < ready; j++) {
                byte[] want = g.parity().get(j);
                assertEquals(want.length, enc.parityLength(), where + ": parity length");
                // [0, H) belongs to the crypto layer; kcp-go leaves it zero, KcpLab leaves it untouched
                assertEquals(HEX.formatHex(want, h, want.length),
                        HEX.formatHex(enc.parityPacket(j), h, enc.parityLength()), where + ": parity " + j);
                parityPackets++;
            }
        }
        assertEquals((count / ds) * ps, parityPackets);
    }

    @ParameterizedTest(name = "session {0}/{1} crypt={2}")
    @CsvSource({"10,3,none", "3,2,off", "1,1,none"})
    void encoderMatchesKcpGoSessionOutput(int ds, int ps, String crypt) {
        long seed = SEED ^ 0x5E55L ^ ds;
        SplittableRandom rnd = new SplittableRandom(seed);
        int h = crypt.equals("none") ? 20 : 0;
        int mss = 1400 - 24 - h - 8;
        List<String> script = new ArrayList<>();
        script.add("session " + ds + " " + ps + " " + crypt);
        int writes = ds * 4 + 1;
        for (int i = 0; i < writes; i++) {
            script.add("write " + rnd.nextInt(1, mss + 1) + " " + rnd.nextInt(1 << 30));
        }
        script.add("capture");
        List<List<String>> answers = GoVectors.run(script);
        List<String> dgrams = answers.get(answers.size() - 1);
        assertTrue(dgrams.size() >= writes, "captured " + dgrams.size() + " datagrams for " + writes + " writes");

        FecEncoder enc = new FecEncoder(ds, ps, h, new ReferenceCodec(ds, ps));
        int pendingParity = 0;
        int checkedParity = 0;
        for (int i = 0; i < dgrams.size(); i++) {
            byte[] wire = HEX.parseHex(dgrams.get(i).substring("dgram ".length()));
            String where = "session " + ds + "/" + ps + " datagram " + i + " seed=" + seed;
            if (h == 20) { // NoneBlockCrypt: nonce, then CRC-32 of everything after it, in clear
                CRC32 crc = new CRC32();
                crc.update(wire, 20, wire.length - 20);
                assertEquals(crc.getValue(), FecEncoderTestBytes.le32(wire, 16), where + ": CRC");
            }
            int type = (wire[h + 4] & 0xFF) | (wire[h + 5] & 0xFF) << 8;
            if (pendingParity > 0) {
                int j = ps - pendingParity;
                assertEquals(0xF2, type, where + ": parity expected");
                assertEquals(enc.parityLength(), wire.length, where + ": parity length");
                assertEquals(HEX.formatHex(wire, h, wire.length),
                        HEX.formatHex(enc.parityPacket(j), h, enc.parityLength()), where + ": parity " + j);
                pendingParity--;
                checkedParity++;
                continue;
            }
            assertEquals(0xF1, type, where + ": data expected");
            byte[] pkt = wire.clone();
            Arrays.fill(pkt, h, h + 8, (byte) 0xEE);
            pendingParity = enc.encode(pkt, pkt.length);
            assertEquals(HEX.formatHex(wire, h, wire.length), HEX.formatHex(pkt, h, pkt.length), where);
        }
        assertTrue(checkedParity >= ps * 4, "checked " + checkedParity + " parity packets");
    }

    @Test
    void decoderRecoversDataShardsLostFromKcpGoGroups() {
        int ds = 10;
        int ps = 3;
        SplittableRandom rnd = new SplittableRandom(SEED);
        List<byte[]> datagrams = randomDatagrams(rnd, ds * 30, 0);
        List<GoEncoded> golden = kcpGoEncode(ds, ps, 0, datagrams);

        FecDecoder dec = new FecDecoder(ds, ps, ReferenceCodec::new);
        List<String> recovered = new ArrayList<>();
        List<String> lost = new ArrayList<>();
        List<byte[]> group = new ArrayList<>();
        for (GoEncoded g : golden) {
            group.add(g.data());
            if (g.parity().isEmpty()) {
                continue;
            }
            group.addAll(g.parity());
            // lose up to ps shards of the group, at least one a data shard
            boolean[] drop = new boolean[ds + ps];
            int losses = rnd.nextInt(1, ps + 1);
            drop[rnd.nextInt(ds)] = true;
            for (int k = 1; k < losses; k++) {
                drop[rnd.nextInt(ds + ps)] = true;
            }
            for (int k = 0; k < ds + ps; k++) {
                byte[] p = group.get(k);
                if (drop[k]) {
                    if (k < ds) {
                        lost.add(HEX.formatHex(p, 6, p.length)); // [size | KCP]
                    }
                } else {
                    dec.decode(p, 0, p.length, 0, (b, off, len) -> recovered.add(HEX.formatHex(b, off, off + len)));
                }
            }
            group.clear();
        }
        assertTrue(lost.size() >= 30, "lost " + lost.size());
        assertEquals(lost, recovered, "seed=" + SEED);
        assertEquals(lost.size(), dec.recovered());
        assertEquals(0, dec.errors());
    }

    @ParameterizedTest(name = "peer {0}/{1}, decoders start at {2}/{3}")
    @CsvSource({"10,3,10,3", "3,2,3,2", "10,3,1,1", "4,2,1,1", "20,5,20,5", "1,2,1,2", "2,3,2,3", "2,1,5,5"})
    void decoderRecoversTheSameShardsAsKcpGosDecoder(int ds, int ps, int decDs, int decPs) {
        long seed = SEED ^ (ds * 31L + ps) ^ ((long) decDs << 20);
        SplittableRandom rnd = new SplittableRandom(seed);
        List<byte[]> datagrams = randomDatagrams(rnd, ds * 40, 0);
        List<byte[]> stream = new ArrayList<>();
        for (GoEncoded g : kcpGoEncode(ds, ps, 0, datagrams)) {
            stream.add(g.data());
            stream.addAll(g.parity());
        }
        // the channel: after three clean groups (so that autotune has a full period to learn from), 12% loss,
        // some adjacent swaps, 3% duplicates; the same packets go to both decoders
        List<byte[]> received = new ArrayList<>();
        for (byte[] p : stream) {
            if (received.size() >= 3 * (ds + ps) && rnd.nextInt(100) < 12) {
                continue;
            }
            received.add(p);
            if (rnd.nextInt(100) < 3) {
                received.add(p);
            }
            int n = received.size();
            if (n >= 2 && rnd.nextInt(100) < 8) {
                byte[] t = received.get(n - 1);
                received.set(n - 1, received.get(n - 2));
                received.set(n - 2, t);
            }
        }
        List<String> script = new ArrayList<>();
        script.add("dec " + decDs + " " + decPs);
        for (byte[] p : received) {
            script.add("in " + HEX.formatHex(p));
        }
        List<List<String>> answers = GoVectors.run(script);

        FecDecoder dec = new FecDecoder(decDs, decPs, ReferenceCodec::new);
        int total = 0;
        for (int i = 0; i < received.size(); i++) {
            List<String> want = new ArrayList<>();
            for (String line : answers.get(i + 1)) {
                byte[] r = HEX.parseHex(line.substring("rec ".length()));
                int sz = r.length >= 2 ? (r[0] & 0xFF) | (r[1] & 0xFF) << 8 : -1;
                // kcp-go's session applies this check to what the decoder returns (FECErrs otherwise)
                want.add(sz >= 2 && sz <= r.length ? HEX.formatHex(r, 0, sz) : "FECErr");
            }
            List<String> got = new ArrayList<>();
            byte[] p = received.get(i);
            long errorsBefore = dec.errors();
            dec.decode(p, 0, p.length, 0, (b, off, len) -> got.add(HEX.formatHex(b, off, off + len)));
            long wantErrors = want.stream().filter("FECErr"::equals).count();
            want.removeIf("FECErr"::equals);
            assertEquals(want, got, "input " + i + " seed=" + seed);
            assertEquals(wantErrors, dec.errors() - errorsBefore, "FECErrs at input " + i + " seed=" + seed);
            total += got.size();
        }
        assertTrue(total > 0, "nothing was recovered (seed=" + seed + ")");
        if (decDs == ds && decPs == ps) {
            assertEquals(0, dec.errors(), "an honest stream never yields a bad size field");
        }
        assertEquals(ds, dec.currentDataShards(), "autotune learned the peer's data shards");
        assertEquals(ps, dec.currentParityShards(), "autotune learned the peer's parity shards");
    }

    /** Little-endian reads for the checks above. */
    static final class FecEncoderTestBytes {
        static long le32(byte[] b, int off) {
            return (b[off] & 0xFFL) | (b[off + 1] & 0xFFL) << 8 | (b[off + 2] & 0xFFL) << 16
                    | (b[off + 3] & 0xFFL) << 24;
        }
    }
}
