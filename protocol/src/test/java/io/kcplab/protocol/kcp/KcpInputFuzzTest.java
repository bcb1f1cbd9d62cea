package io.kcplab.protocol.kcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.kcplab.protocol.FuzzRecords;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Coverage-guided fuzz target for {@link Kcp#input} (docs/fuzzing.md). Input: byte 0 picks the profile (bit 0:
 * IKCP or KCP_GO) and the mode (bit 1: stream or message), then {@link FuzzRecords}: op 0 is a regular input, op 1
 * a non-regular one (as FEC-recovered data arrives), op 2 advances the clock and runs the timer and reads, op 3
 * sends the body. The engine under test starts with data queued, in flight and half received.
 *
 * <p>Checks: nothing throws; {@code snd_una <= snd_nxt <= snd_una + snd_wnd}, snd_buf within that range, rcv_buf
 * and rcv_queue within rcv_wnd, after every step; afterwards the engine runs on with a real peer on a perfect link;
 * and when no fuzzed datagram reached the engine (all shorter than 24 bytes or for another conv) both send sides
 * drain and both byte streams arrive intact. A segment that reaches the engine is, to KCP, genuine: a forged
 * {@code una} acknowledges data the peer never got, which stalls the stream for good (kcp-go keeps the acked
 * segments until una passes them, so the send side never drains either; the first finding of this target, kept
 * in the corpus as {@code forged-una-kcpgo}). KCP has no defence against that; the crypto header is the defence.
 */
class KcpInputFuzzTest {

    static final int CONV = 0x1234abcd;
    static final int MAX_RECORDS = 64;

    static final class Pair {
        final KcpProfile profile;
        final boolean stream;
        final List<byte[]> toPeer = new ArrayList<>();
        final List<byte[]> toVictim = new ArrayList<>();
        final Kcp victim;
        final Kcp peer;
        final ByteArrayOutputStream victimSent = new ByteArrayOutputStream();
        final ByteArrayOutputStream peerSent = new ByteArrayOutputStream();
        final ByteArrayOutputStream victimGot = new ByteArrayOutputStream();
        final ByteArrayOutputStream peerGot = new ByteArrayOutputStream();
        int now;

        Pair(int selector) {
            profile = (selector & 1) == 0 ? KcpProfile.IKCP : KcpProfile.KCP_GO;
            stream = (selector & 2) != 0;
            victim = engine((b, o, l) -> toPeer.add(copy(b, o, l)));
            peer = engine((b, o, l) -> toVictim.add(copy(b, o, l)));
            timers(victim, 0);
            timers(peer, 0);
            send(victim, victimSent, pattern(3000, 1));
            send(peer, peerSent, pattern(2000, 2));
            timers(victim, 10);
            timers(peer, 10);
            toPeer.clear(); // the victim's data is lost: in flight
            for (int i = 0; i < toVictim.size(); i += 2) {
                byte[] d = toVictim.get(i);
                victim.input(d, 0, d.length);
            }
            toVictim.clear();
            drain(victim, victimGot);
            now = 20;
        }

        private Kcp engine(KcpOutput out) {
            Kcp k = new Kcp(CONV, out, profile);
            k.setNoDelay(1, 10, 2, 1);
            k.setWindowSize(32, 128);
            k.setStreamMode(stream);
            return k;
        }

        /** The timer as Connection drives it: ikcp's update, kcp-go's flush; returns the next time it is due. */
        int timers(Kcp k, int t) {
            if (profile == KcpProfile.KCP_GO) {
                k.setCurrent(t);
                return t + Math.max(1, k.flushAndNextDelay());
            }
            k.update(t);
            int at = k.check(t);
            return at - t > 0 ? at : t + 1;
        }

        void send(Kcp k, ByteArrayOutputStream log, byte[] b) {
            if (b.length > 0 && k.send(b, 0, b.length) == 0) {
                log.write(b, 0, b.length);
            }
        }

        void drain(Kcp k, ByteArrayOutputStream log) {
            for (int i = 0; i < 1000; i++) {
                int size = k.peekSize();
                if (size < 0) {
                    return;
                }
                byte[] buf = new byte[size];
                int n = k.recv(buf, 0, buf.length);
                if (n < 0) {
                    return;
                }
                log.write(buf, 0, n);
            }
        }

        /** Delivers what is in flight, then runs both timers at the earlier of their due times. */
        void step() {
            for (byte[] d : List.copyOf(toVictim)) {
                victim.setCurrent(now);
                victim.input(d, 0, d.length);
            }
            toVictim.clear();
            for (byte[] d : List.copyOf(toPeer)) {
                peer.setCurrent(now);
                peer.input(d, 0, d.length);
            }
            toPeer.clear();
            drain(victim, victimGot);
            drain(peer, peerGot);
            int a = timers(victim, now);
            int b = timers(peer, now);
            now = a - b < 0 ? a : b;
        }
    }

    @FuzzTest(maxDuration = "60s")
    void input(byte[] data) {
        Pair p = new Pair(data.length == 0 ? 0 : data[0]);
        FuzzRecords in = new FuzzRecords(data, 1);
        boolean reached = false;
        int records = 0;
        while (records++ < MAX_RECORDS && in.next()) {
            byte[] body = in.body();
            switch (in.op() & 3) {
                case 0, 1 -> {
                    reached |= body.length >= Kcp.OVERHEAD && conv(body) == CONV;
                    p.victim.setCurrent(p.now);
                    p.victim.input(body, 0, body.length, (in.op() & 3) == 0);
                }
                case 2 -> {
                    p.now += 1 + (body.length == 0 ? 0 : (body[0] & 0xFF) * 16);
                    p.timers(p.victim, p.now);
                    p.drain(p.victim, p.victimGot);
                }
                default -> {
                    p.victim.setCurrent(p.now);
                    p.send(p.victim, p.victimSent, body);
                }
            }
            check(p.victim);
        }
        p.toVictim.clear();

        p.send(p.victim, p.victimSent, pattern(2500, 3));
        p.send(p.peer, p.peerSent, pattern(2500, 4));
        int steps = 0;
        while (steps++ < 3000 && (p.victim.waitSnd() > 0 || p.peer.waitSnd() > 0 || !p.toPeer.isEmpty()
                || !p.toVictim.isEmpty())) {
            p.step();
            check(p.victim);
        }
        if (!reached) {
            assertTrue(p.victim.waitSnd() == 0 && p.peer.waitSnd() == 0,
                    "send sides drain with a real peer: victim " + p.victim + " peer " + p.peer);
            assertArrayEquals(p.peerSent.toByteArray(), p.victimGot.toByteArray(), "peer -> victim stream");
            assertArrayEquals(p.victimSent.toByteArray(), p.peerGot.toByteArray(), "victim -> peer stream");
        }
    }

    static void check(Kcp k) {
        int inFlight = k.stats().sndNxt() - k.stats().sndUna();
        assertTrue(inFlight >= 0 && inFlight <= k.sendWindow(), "snd_una <= snd_nxt <= snd_una + snd_wnd: " + k);
        assertTrue(k.stats().sendBufferSize() <= inFlight, "snd_buf within [snd_una, snd_nxt): " + k);
        assertTrue(k.stats().receiveBufferSize() <= k.receiveWindow(), "rcv_buf within rcv_wnd: " + k);
        assertTrue(k.stats().receiveQueueSize() <= k.receiveWindow(), "rcv_queue within rcv_wnd: " + k);
    }

    static int conv(byte[] b) {
        return (b[0] & 0xFF) | (b[1] & 0xFF) << 8 | (b[2] & 0xFF) << 16 | (b[3] & 0xFF) << 24;
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

    /** Seed corpus (run with {@code KCPLAB_FUZZ_SEEDS=<module>/src/test/resources}): a real exchange per setting. */
    @Test
    void writeSeeds() throws IOException {
        String root = System.getenv("KCPLAB_FUZZ_SEEDS");
        if (root == null) {
            return;
        }
        Path dir = Path.of(root, "io/kcplab/protocol/kcp/KcpInputFuzzTestInputs/input");
        Files.createDirectories(dir);
        for (int sel = 0; sel < 4; sel++) {
            Pair p = new Pair(sel);
            FuzzRecords.Writer w = FuzzRecords.writer().prefix(sel);
            p.send(p.peer, p.peerSent, pattern(4000, 5));
            p.timers(p.peer, p.now);
            int records = 0;
            for (int i = 0; i < 8 && records < MAX_RECORDS - 2; i++) {
                for (byte[] d : p.toVictim) {
                    if (records++ < MAX_RECORDS - 2) {
                        w.record(i % 3 == 2 ? 1 : 0, d);
                    }
                }
                p.step();
                w.record(2, new byte[] {1});
                records++;
            }
            String name = ((sel & 1) == 0 ? "ikcp" : "kcpgo") + ((sel & 2) != 0 ? "-stream" : "-message");
            Files.write(dir.resolve(name), w.toByteArray());
        }
    }
}
