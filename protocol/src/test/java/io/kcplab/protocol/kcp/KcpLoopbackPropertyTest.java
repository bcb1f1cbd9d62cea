package io.kcplab.protocol.kcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two engines over a seeded lossy, duplicating, reordering in-memory link, both directions at once: every byte is
 * delivered in order exactly once, message boundaries kept in message mode, within a bounded virtual time.
 * Examples: system property {@code kcplab.kcp.examples} (default 40). QuickTheories prints the seed on failure;
 * replay with {@code -DQT_SEED=...}.
 */
class KcpLoopbackPropertyTest {
    private static final int[][] PRESETS = {{0, 100, 0, 0}, {0, 30, 2, 1}, {1, 20, 2, 1}, {1, 10, 2, 0}, {2, 10, 1, 1}};
    private static final int TIME_LIMIT_MS = 900_000;

    @Test
    void everyModeDeliversAllDataInOrderExactlyOnce() {
        qt().withExamples(Integer.getInteger("kcplab.kcp.examples", 40))
                .withShrinkCycles(Integer.getInteger("kcplab.kcp.shrinks", 30))
                .forAll(longs().all(), integers().between(0, 2 * 2 * PRESETS.length - 1),
                        integers().between(0, 15), integers().between(0, 80))
                .checkAssert((seed, mode, lossPercent, jitterMs) -> {
                    KcpProfile profile = (mode & 1) == 0 ? KcpProfile.IKCP : KcpProfile.KCP_GO;
                    boolean stream = (mode & 2) != 0;
                    int[] preset = PRESETS[mode >> 2];
                    new Loopback(seed, profile, stream, preset, lossPercent, jitterMs).run();
                });
    }

    @Test
    void bigMessagesAtTheFragmentLimitSurviveLoss() {
        new Loopback(42, KcpProfile.IKCP, false, PRESETS[2], 10, 30).bigMessages().run();
        new Loopback(43, KcpProfile.KCP_GO, false, PRESETS[2], 10, 30).bigMessages().run();
    }

    /** Deterministic two-endpoint world; all randomness from one xorshift seeded by the example. */
    private static final class Loopback {
        private final KcpProfile profile;
        private final boolean stream;
        private final int loss;
        private final int jitter;
        private final String label;
        private long rng;
        private int now;
        private long seq;
        private final List<long[]> inFlightMeta = new ArrayList<>(); // {due, seq, to}
        private final List<byte[]> inFlight = new ArrayList<>();
        private final Endpoint[] ends = new Endpoint[2];
        private boolean big;

        Loopback(long seed, KcpProfile profile, boolean stream, int[] preset, int loss, int jitter) {
            this.profile = profile;
            this.stream = stream;
            this.loss = loss;
            this.jitter = jitter;
            this.rng = seed == 0 ? 0x9E3779B97F4A7C15L : seed;
            this.label = "profile=" + profile + " stream=" + stream + " nodelay=" + Arrays.toString(preset)
                    + " loss=" + loss + "% jitter=" + jitter + "ms seed=" + seed;
            for (int i = 0; i < 2; i++) {
                final int from = i;
                Kcp k = new Kcp(0xCAFE, (buf, off, len) -> transmit(from, buf, off, len), profile);
                k.setWindowSize(64, 128);
                k.setNoDelay(preset[0], preset[1], preset[2], preset[3]);
                k.setStreamMode(stream);
                ends[i] = new Endpoint(k);
            }
        }

        Loopback bigMessages() {
            big = true;
            return this;
        }

        private long next() {
            rng ^= rng << 13;
            rng ^= rng >>> 7;
            rng ^= rng << 17;
            return rng;
        }

        private int below(int n) {
            return (int) Long.remainderUnsigned(next(), n);
        }

        private void transmit(int from, byte[] buf, int off, int len) {
            int copies = below(100) < 5 ? 2 : 1; // duplication
            for (int c = 0; c < copies; c++) {
                if (below(100) < loss) {
                    continue;
                }
                int due = now + 5 + below(jitter + 1); // jitter reorders
                inFlightMeta.add(new long[] {due, seq++, 1 - from});
                inFlight.add(Arrays.copyOfRange(buf, off, off + len));
            }
        }

        void run() {
            int totalPerSide = big ? 3 * 127 * 1376 : 20_000 + below(40_000);
            for (Endpoint e : ends) {
                e.toSend = totalPerSide;
            }
            long steps = 0;
            while (!(ends[0].done() && ends[1].done() && ends[0].received == ends[1].sentBytes
                    && ends[1].received == ends[0].sentBytes)) {
                assertTrue(now - TIME_LIMIT_MS < 0 && steps++ < 3_000_000,
                        () -> "not delivered within " + TIME_LIMIT_MS + " ms: " + label + " got " + ends[0].received
                                + "/" + ends[1].sentBytes + " and " + ends[1].received + "/" + ends[0].sentBytes);
                deliverDue();
                for (int i = 0; i < 2; i++) {
                    ends[i].step(ends[1 - i]);
                    ends[i].kcp.update(now);
                }
                int wake = Math.min(ends[0].kcp.check(now), ends[1].kcp.check(now)) - now;
                for (long[] m : inFlightMeta) {
                    wake = Math.min(wake, (int) m[0] - now);
                }
                now += Math.max(1, Math.min(wake, 10));
            }
            for (int i = 0; i < 2; i++) {
                Endpoint e = ends[i];
                Endpoint peer = ends[1 - i];
                assertEquals(peer.sentBytes, e.received, label);
                if (stream) {
                    assertArrayEquals(peer.sentStream.toByteArray(), e.receivedStream.toByteArray(), label);
                }
                assertEquals(0, e.kcp.state(), "dead link in " + label);
            }
        }

        private void deliverDue() {
            // deliver in (due, seq) order
            while (true) {
                int best = -1;
                for (int i = 0; i < inFlightMeta.size(); i++) {
                    long[] m = inFlightMeta.get(i);
                    if ((int) m[0] - now <= 0 && (best < 0 || m[0] < inFlightMeta.get(best)[0]
                            || (m[0] == inFlightMeta.get(best)[0] && m[1] < inFlightMeta.get(best)[1]))) {
                        best = i;
                    }
                }
                if (best < 0) {
                    return;
                }
                long[] m = inFlightMeta.remove(best);
                byte[] d = inFlight.remove(best);
                Kcp to = ends[(int) m[2]].kcp;
                to.setCurrent(now);
                assertEquals(0, to.input(d, 0, d.length), label);
            }
        }

        private final class Endpoint {
            final Kcp kcp;
            int toSend;
            long sentBytes;
            long received;
            final ArrayDeque<byte[]> expectedMessages = new ArrayDeque<>();
            final ByteArrayOutputStream sentStream = new ByteArrayOutputStream();
            final ByteArrayOutputStream receivedStream = new ByteArrayOutputStream();
            final byte[] rbuf = new byte[200 * 1400];

            Endpoint(Kcp kcp) {
                this.kcp = kcp;
            }

            boolean done() {
                return toSend == 0 && kcp.waitSnd() == 0;
            }

            void step(Endpoint peer) {
                if (toSend > 0 && kcp.waitSnd() < 128 && below(3) == 0) {
                    int max = big ? 127 * kcp.mss() : 4000;
                    int len = Math.min(toSend, big ? max : 1 + below(max));
                    byte[] msg = new byte[len];
                    for (int i = 0; i < len; i++) {
                        msg[i] = (byte) next();
                    }
                    assertEquals(0, kcp.send(msg, 0, len), label);
                    toSend -= len;
                    sentBytes += len;
                    sentStream.write(msg, 0, len);
                    peer.expectedMessages.add(msg);
                }
                if (below(4) != 0) { // sometimes the application is slow to read
                    int n;
                    while ((n = kcp.recv(rbuf, 0, rbuf.length)) >= 0) {
                        received += n;
                        if (stream) {
                            receivedStream.write(rbuf, 0, n);
                        } else {
                            byte[] expected = expectedMessages.poll();
                            assertArrayEquals(expected, Arrays.copyOf(rbuf, n), "message boundary/content in " + label);
                        }
                    }
                }
            }
        }
    }
}
