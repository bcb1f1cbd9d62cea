package io.kcplab.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kcplab.protocol.kcp.Kcp;
import io.kcplab.protocol.kcp.KcpProfile;
import io.kcplab.protocol.wire.DatagramSink;
import io.kcplab.protocol.wire.NonceSource;
import io.kcplab.protocol.wire.PacketCodec;
import io.kcplab.protocol.wire.WireProfile;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Connection sends each call's datagrams as one codec batch. This test holds it against a shadow of the
 * one-datagram-at-a-time pipeline (a {@link Kcp} whose output goes straight to {@link PacketCodec#encode}) driven by
 * the same calls: after every call, both have sent the same wire datagrams, byte for byte, in the same order.
 */
class ConnectionBatchTest {

    /** Collects datagrams as copies. */
    static final class Sent implements DatagramSink {
        final List<byte[]> datagrams = new ArrayList<>();

        @Override
        public void transmit(byte[] buf, int off, int len) {
            datagrams.add(Arrays.copyOfRange(buf, off, off + len));
        }
    }

    /** Connection's calls as they were before send batching: every KCP datagram encoded and sent at once. */
    static final class Shadow {
        final Kcp kcp;
        final PacketCodec codec;
        final boolean kcpGo;
        final boolean writeDelay;
        final int interval;
        int nextFlushAt;

        Shadow(int conv, ConnectionConfig config, long nonceSeed, long nowMs, Sent out) {
            PacketCodec.Builder b = PacketCodec.builder().profile(config.checksum())
                    .fec(config.dataShards(), config.parityShards());
            if (config.cipher() != null) {
                b.cipher(config.cipher(), config.pass()).nonceSource(NonceSource.seeded(nonceSeed));
            }
            codec = b.build();
            kcp = new Kcp(conv, (buf, off, len) -> codec.encode(buf, len, out), config.engine());
            kcp.setReserved(codec.headerSize());
            assertEquals(0, kcp.setMtu(config.mtu()));
            kcp.setWindowSize(config.sndWnd(), config.rcvWnd());
            kcp.setNoDelay(config.nodelay(), config.interval(), config.resend(), config.nc());
            if (config.minRto() > 0) {
                kcp.setMinRto(config.minRto());
            }
            kcp.setStreamMode(config.streamMode());
            kcp.setAckNoDelay(config.ackNoDelay());
            kcpGo = config.engine() == KcpProfile.KCP_GO;
            writeDelay = config.writeDelay(); // by default: ikcp queues until the tick, kcp-go flushes
            interval = config.interval();
            kcp.update((int) nowMs);
            nextFlushAt = (int) nowMs + interval;
        }

        void receive(byte[] d, long nowMs) {
            kcp.setCurrent((int) nowMs);
            codec.decode(d, 0, d.length, (int) nowMs, kcp::input);
        }

        void write(byte[] buf, int off, int len, long nowMs) {
            kcp.setCurrent((int) nowMs);
            assertTrue(kcp.send(buf, off, len) >= 0);
            if (!writeDelay) {
                kcp.flush();
            }
        }

        void tick(long nowMs) {
            int now = (int) nowMs;
            if (kcpGo) {
                if (now - nextFlushAt >= 0) {
                    kcp.setCurrent(now);
                    nextFlushAt = now + Math.max(1, kcp.flushAndNextDelay());
                }
            } else {
                kcp.update(now);
            }
        }
    }

    @ParameterizedTest(name = "{0} {1} fec={2}/{3} crypt={4} checksum={5} ackNoDelay={6} loss={7}")
    @CsvSource({
        "KCP_GO, fast3, 10, 3, aes-128, KCP_GO, false, 0.05",
        "KCP_GO, fast2, 0, 0, aes, HIGHWAY, true, 0.10",
        "KCP_GO, normal, 3, 2, salsa20, KCP_GO, true, 0.02",
        "IKCP, fast3, 10, 3, aes-192, HIGHWAY, false, 0.05",
        "IKCP, fast, 0, 0, none, KCP_GO, false, 0.0",
        "IKCP, default, 4, 2, , KCP_GO, false, 0.08",
    })
    void eachCallSendsWhatOneAtATimeEncodingSent(KcpProfile engine, String mode, int ds, int ps, String cipher,
            WireProfile checksum, boolean ackNoDelay, double loss) {
        ConnectionConfig config = ConnectionConfig.builder().engine(engine).mode(ModePreset.of(mode)).fec(ds, ps)
                .cipher(cipher).checksum(checksum).ackNoDelay(ackNoDelay).windows(512, 512).build();
        SplittableRandom rnd = new SplittableRandom(engine.hashCode() * 31L + ds);
        long now = 0xFFFF_FF00L; // the 32-bit KCP clock wraps during the run
        Sent fromA = new Sent();
        Sent fromShadow = new Sent();
        Sent fromB = new Sent();
        Connection a = new Connection(7, config, fromA, NonceSource.seeded(11), now);
        Shadow shadow = new Shadow(7, config, 11, now, fromShadow);
        Connection b = new Connection(7, config, fromB, NonceSource.seeded(12), now);
        int checked = 0;
        checked += same(fromShadow, fromA, "creation", now);
        ArrayDeque<byte[]> toA = new ArrayDeque<>();
        ArrayDeque<long[]> toAAt = new ArrayDeque<>();
        byte[] data = new byte[400_000];
        rnd.nextBytes(data);
        byte[] readBuf = new byte[1 << 16];
        int written = 0;
        long read = 0;
        int largestCall = 0;
        for (int step = 0; step < 60_000 && read < data.length; step++) {
            now++;
            if (written < data.length && rnd.nextInt(4) == 0) {
                int want = Math.min(rnd.nextInt(1, 120_000), data.length - written);
                int n = a.write(data, written, want, now);
                if (n > 0) {
                    shadow.write(data, written, n, now);
                    written += n;
                }
                largestCall = Math.max(largestCall, fromA.datagrams.size());
                checked += same(fromShadow, fromA, "write at " + now, now);
            }
            while (!toAAt.isEmpty() && toAAt.peek()[0] <= now) {
                toAAt.poll();
                byte[] d = toA.poll();
                a.receive(d, 0, d.length, now);
                shadow.receive(d, now);
                largestCall = Math.max(largestCall, fromA.datagrams.size());
                checked += same(fromShadow, fromA, "receive at " + now, now);
            }
            if (a.nextWakeup(now) <= now) {
                a.tick(now);
                shadow.tick(now);
                largestCall = Math.max(largestCall, fromA.datagrams.size());
                checked += same(fromShadow, fromA, "tick at " + now, now);
            }
            // b's side: what a sent 20 ms ago arrives (some lost), b answers at once, its answers take 20 ms
            if (b.nextWakeup(now) <= now) {
                b.tick(now);
            }
            for (byte[] d : pendingAt(now)) {
                if (rnd.nextDouble() >= loss) {
                    b.receive(d, 0, d.length, now);
                }
            }
            int n;
            while ((n = b.read(readBuf, 0, readBuf.length)) > 0) {
                read += n;
            }
            for (byte[] d : fromB.datagrams) {
                toA.add(d);
                toAAt.add(new long[] {now + 20});
            }
            fromB.datagrams.clear();
        }
        assertEquals(data.length, read, "the transfer completed");
        assertTrue(checked > 300, "compared " + checked + " datagrams");
        // without a congestion window (nc=1) a big write fills more than one batch; with it, several datagrams
        int expectedLargest = config.nc() == 1 ? PacketCodec.DEFAULT_SEND_BATCH : 1;
        assertTrue(largestCall > expectedLargest, "largest call sent " + largestCall + " datagrams");
        assertEquals(a.wireCounters().outPkts(), shadow.codec.counters().outPkts());
    }

    private final ArrayDeque<byte[]> inFlight = new ArrayDeque<>();
    private final ArrayDeque<Long> inFlightAt = new ArrayDeque<>();

    private List<byte[]> pendingAt(long now) {
        List<byte[]> due = new ArrayList<>();
        while (!inFlightAt.isEmpty() && inFlightAt.peek() <= now) {
            inFlightAt.poll();
            due.add(inFlight.poll());
        }
        return due;
    }

    /** Compares what both sent during the last call, hands a's datagrams to the a->b path and clears both. */
    private int same(Sent expected, Sent actual, String call, long now) {
        assertEquals(expected.datagrams.size(), actual.datagrams.size(), call + ": datagrams sent");
        for (int i = 0; i < expected.datagrams.size(); i++) {
            assertArrayEquals(expected.datagrams.get(i), actual.datagrams.get(i), call + ": datagram " + i);
        }
        int n = actual.datagrams.size();
        for (byte[] d : actual.datagrams) {
            inFlight.add(d);
            inFlightAt.add(now + 20);
        }
        expected.datagrams.clear();
        actual.datagrams.clear();
        return n;
    }
}
