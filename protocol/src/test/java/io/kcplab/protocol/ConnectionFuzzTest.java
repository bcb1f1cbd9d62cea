package io.kcplab.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.kcplab.protocol.kcp.Kcp;
import io.kcplab.protocol.kcp.KcpProfile;
import io.kcplab.protocol.wire.Counters;
import io.kcplab.protocol.wire.NonceSource;
import io.kcplab.protocol.wire.PacketCodec;
import io.kcplab.protocol.wire.WireProfile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Coverage-guided fuzz target for {@link Connection#receive} (docs/fuzzing.md). Input: byte 0 picks one of
 * {@link #CASES} (both engines; the kcp-go wire with CRC32 or HighwayHash and a cipher; the raw wire; FEC on in
 * all), then {@link FuzzRecords}: op 0 hands the body to {@code receive} as a wire datagram, op 1 seals the body
 * as plaintext ({@code [FEC header][KCP]}) with the connection's own key (nonce, checksum, cipher) first, so the
 * fuzzer gets past the checksum, op 2 advances the clock and ticks and reads, op 3 writes the body as application
 * bytes.
 *
 * <p>Checks: nothing throws; every datagram is counted once ({@code inDatagrams == inPkts + dropped}); KCP's queues
 * stay within their windows (the FEC window is FecDecoderFuzzTest's); afterwards the connection still runs with its
 * real peer, and when no fuzzed datagram got past the crypto stage (none sealed with the key, no checksum collision;
 * on the raw wire: none of 24 bytes or more) both directions still deliver their byte streams intact.
 */
class ConnectionFuzzTest {

    static final int CONV = 0x4b43504c;
    static final int MAX_RECORDS = 64;

    record Case(String name, ConnectionConfig config) {
    }

    static final Case[] CASES = {
        new Case("kcpgo-crc-aes", ConnectionConfig.builder().engine(KcpProfile.KCP_GO).cipher("aes")
                .checksum(WireProfile.KCP_GO).fec(10, 3).windows(32, 128).build()),
        new Case("ikcp-crc-salsa20", ConnectionConfig.builder().engine(KcpProfile.IKCP).cipher("salsa20")
                .checksum(WireProfile.KCP_GO).fec(4, 2).windows(32, 128).build()),
        new Case("ikcp-raw", ConnectionConfig.builder().engine(KcpProfile.IKCP).cipher(null).fec(10, 3)
                .windows(32, 128).build()),
        new Case("kcpgo-highway-aes", ConnectionConfig.builder().engine(KcpProfile.KCP_GO).cipher("aes")
                .checksum(WireProfile.HIGHWAY).fec(10, 3).windows(32, 128).build()),
    };

    static {
        for (Case c : CASES) {
            if (c.config.cipher() != null) {
                c.config.pass(); // PBKDF2 once per class, not per execution
            }
        }
    }

    /** Both ends of one conversation, the victim in a state with data in flight both ways. */
    static final class Pair {
        final ConnectionConfig config;
        final List<byte[]> toPeer = new ArrayList<>();
        final List<byte[]> toVictim = new ArrayList<>();
        final Connection victim;
        final Connection peer;
        final ByteArrayOutputStream victimSent = new ByteArrayOutputStream();
        final ByteArrayOutputStream peerSent = new ByteArrayOutputStream();
        final ByteArrayOutputStream victimGot = new ByteArrayOutputStream();
        final ByteArrayOutputStream peerGot = new ByteArrayOutputStream();
        final byte[] scratch = new byte[1 << 16];
        long now;

        Pair(ConnectionConfig config) {
            this.config = config;
            victim = new Connection(CONV, config, (b, o, l) -> toPeer.add(copy(b, o, l)), NonceSource.seeded(1), 0);
            peer = new Connection(CONV, config, (b, o, l) -> toVictim.add(copy(b, o, l)), NonceSource.seeded(2), 0);
            // State: the victim has 3000 bytes in flight (lost), the peer's 2000 bytes arrive half.
            write(victim, victimSent, pattern(3000, 1), 1);
            write(peer, peerSent, pattern(2000, 2), 1);
            toPeer.clear();
            for (int i = 0; i < toVictim.size(); i += 2) {
                byte[] d = toVictim.get(i);
                victim.receive(d, 0, d.length, 5);
            }
            toVictim.clear();
            drain(victim, victimGot);
            now = 20;
        }

        void write(Connection c, ByteArrayOutputStream log, byte[] b, long t) {
            int n = c.write(b, 0, b.length, t);
            log.write(b, 0, n);
        }

        void drain(Connection c, ByteArrayOutputStream log) {
            int n;
            while ((n = c.read(scratch, 0, scratch.length)) > 0) {
                log.write(scratch, 0, n);
            }
        }

        /** One step of a perfect link both ways. */
        void step() {
            now += 10;
            for (byte[] d : List.copyOf(toVictim)) {
                victim.receive(d, 0, d.length, now);
            }
            toVictim.clear();
            for (byte[] d : List.copyOf(toPeer)) {
                peer.receive(d, 0, d.length, now);
            }
            toPeer.clear();
            victim.tick(now);
            peer.tick(now);
            drain(victim, victimGot);
            drain(peer, peerGot);
        }
    }

    @FuzzTest(maxDuration = "60s")
    void receive(byte[] data) {
        Case c = CASES[data.length == 0 ? 0 : (data[0] & 0xFF) % CASES.length];
        Pair p = new Pair(c.config);
        PacketCodec sealer = sealer(c.config);
        long inPktsBefore = p.victim.wireCounters().inPkts();
        FuzzRecords in = new FuzzRecords(data, 1);
        int records = 0;
        while (records++ < MAX_RECORDS && in.next()) {
            byte[] body = in.body();
            switch (in.op() & 3) {
                case 0 -> p.victim.receive(body, 0, body.length, p.now);
                case 1 -> {
                    byte[] d = seal(sealer, body);
                    if (d != null) {
                        p.victim.receive(d, 0, d.length, p.now);
                    }
                }
                case 2 -> {
                    p.now += 1 + (body.length == 0 ? 0 : (body[0] & 0xFF) * 16L);
                    p.victim.tick(p.now);
                    p.drain(p.victim, p.victimGot);
                }
                default -> p.write(p.victim, p.victimSent, body, p.now);
            }
            checkInvariants(p.victim);
        }
        p.toVictim.clear();
        boolean forged = p.victim.wireCounters().inPkts() != inPktsBefore;

        // Still running with its real peer; both streams intact unless a fuzzed datagram passed the crypto stage.
        p.write(p.victim, p.victimSent, pattern(2500, 3), p.now);
        p.write(p.peer, p.peerSent, pattern(2500, 4), p.now);
        for (int i = 0; i < 400; i++) {
            p.step();
            checkInvariants(p.victim);
            if (p.victimGot.size() >= p.peerSent.size() && p.peerGot.size() >= p.victimSent.size()
                    && p.victim.waitSnd() == 0) {
                break;
            }
        }
        if (!forged) { // on the raw wire every datagram of 24 bytes or more counts as passed: only shorter ones here
            assertArrayEquals(p.peerSent.toByteArray(), p.victimGot.toByteArray(), "peer -> victim stream");
            assertArrayEquals(p.victimSent.toByteArray(), p.peerGot.toByteArray(), "victim -> peer stream");
        }
    }

    static void checkInvariants(Connection c) {
        Counters w = c.wireCounters();
        assertEquals(w.inDatagrams(), w.inPkts() + w.dropped(), "every datagram counted once: " + w);
        Kcp k = c.kcp();
        int inFlight = k.stats().sndNxt() - k.stats().sndUna();
        assertTrue(inFlight >= 0 && inFlight <= k.sendWindow(), "snd_una <= snd_nxt <= snd_una + snd_wnd: " + k);
        assertTrue(k.stats().sendBufferSize() <= inFlight, "snd_buf within [snd_una, snd_nxt): " + k);
        assertTrue(k.stats().receiveBufferSize() <= k.receiveWindow(), "rcv_buf within rcv_wnd: " + k);
        assertTrue(k.stats().receiveQueueSize() <= k.receiveWindow(), "rcv_queue within rcv_wnd: " + k);
    }

    /** A codec with the connection's crypto stage and no FEC: frames fuzzed plaintext as a valid datagram. */
    static PacketCodec sealer(ConnectionConfig config) {
        PacketCodec.Builder b = PacketCodec.builder().profile(config.checksum());
        if (config.cipher() != null) {
            b.cipher(config.cipher(), config.pass()).nonceSource(NonceSource.seeded(7));
        }
        return b.build();
    }

    /** Nonce + checksum + cipher around {@code plain} (the raw wire: {@code plain} itself); null if too long. */
    static byte[] seal(PacketCodec sealer, byte[] plain) {
        int h = sealer.headerSize();
        if (h == 0) {
            return plain;
        }
        if (h + plain.length > PacketCodec.MTU_LIMIT) {
            return null;
        }
        byte[] buf = new byte[h + plain.length];
        System.arraycopy(plain, 0, buf, h, plain.length);
        byte[][] out = new byte[1][];
        sealer.encodeDeferred(buf, buf.length, (b, o, l) -> out[0] = copy(b, o, l));
        sealer.flush((b, o, l) -> out[0] = copy(b, o, l));
        return out[0];
    }

    static byte[] pattern(int n, int salt) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + salt * 7 + (i >>> 8));
        }
        return b;
    }

    static byte[] copy(byte[] b, int off, int len) {
        byte[] c = new byte[len];
        System.arraycopy(b, off, c, 0, len);
        return c;
    }

    // ------------------------------------------------------------------------------------------- seed corpus

    /**
     * Writes the seed corpus (run with {@code KCPLAB_FUZZ_SEEDS=<module>/src/test/resources}): per case, the
     * datagrams of a short real exchange as wire datagrams (op 0), the same exchange's plaintext from a twin
     * without a cipher as sealed records (op 1), and the FEC crash sequences of ConnectionFecCrashTest sealed.
     */
    @Test
    void writeSeeds() throws IOException {
        String root = System.getenv("KCPLAB_FUZZ_SEEDS");
        if (root == null) {
            return;
        }
        Path dir = Path.of(root, "io/kcplab/protocol/ConnectionFuzzTestInputs/receive");
        Files.createDirectories(dir);
        for (int ci = 0; ci < CASES.length; ci++) {
            ConnectionConfig cfg = CASES[ci].config;
            Files.write(dir.resolve(CASES[ci].name + "-wire"), exchange(ci, cfg, 0));
            ConnectionConfig plain = cfg.toBuilder().cipher(null).build();
            Files.write(dir.resolve(CASES[ci].name + "-sealed"), exchange(ci, plain, 1));
            for (String which : new String[] {"reported", "shrunk"}) {
                List<byte[]> seq = which.equals("reported") ? ConnectionFecCrashTest.sequence()
                        : ConnectionFecCrashTest.shrunkSequence();
                FuzzRecords.Writer w = FuzzRecords.writer().prefix(ci);
                for (byte[] pkt : seq) {
                    w.record(1, pkt);
                }
                Files.write(dir.resolve(CASES[ci].name + "-fec-crash-" + which), w.toByteArray());
            }
        }
    }

    /** The peer's datagrams of a real exchange (its data, acks, parity) as records of {@code op}. */
    private static byte[] exchange(int caseIndex, ConnectionConfig cfg, int op) {
        Pair p = new Pair(cfg);
        FuzzRecords.Writer w = FuzzRecords.writer().prefix(caseIndex);
        p.write(p.peer, p.peerSent, pattern(4000, 5), p.now);
        p.write(p.victim, p.victimSent, pattern(1000, 6), p.now);
        int records = 0;
        for (int i = 0; i < 6 && records < MAX_RECORDS - 2; i++) {
            for (byte[] d : p.toVictim) {
                if (records++ < MAX_RECORDS - 2) {
                    w.record(op, d);
                }
            }
            p.step();
            w.record(2, new byte[] {1});
            records++;
        }
        return w.toByteArray();
    }
}
