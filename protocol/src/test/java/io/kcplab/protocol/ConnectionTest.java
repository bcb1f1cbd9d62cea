package io.kcplab.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kcplab.protocol.kcp.KcpProfile;
import io.kcplab.protocol.wire.NonceSource;
import io.kcplab.protocol.wire.WireProfile;
import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ConnectionTest {

    /** Two connections joined by a fixed-delay, lossy in-memory path with a millisecond clock. */
    static final class Pair {
        final ArrayDeque<long[]> timesAtoB = new ArrayDeque<>();
        final ArrayDeque<byte[]> toB = new ArrayDeque<>();
        final ArrayDeque<long[]> timesBtoA = new ArrayDeque<>();
        final ArrayDeque<byte[]> toA = new ArrayDeque<>();
        final SplittableRandom random;
        final double loss;
        final int delayMs;
        long now;
        final Connection a;
        final Connection b;
        long sent;

        Pair(ConnectionConfig config, double loss, int delayMs, long seed, long startMs) {
            this.random = new SplittableRandom(seed);
            this.loss = loss;
            this.delayMs = delayMs;
            this.now = startMs;
            this.a = new Connection(0x11223344, config, (buf, off, len) -> queue(toB, timesAtoB, buf, off, len),
                    NonceSource.seeded(seed), now);
            this.b = new Connection(0x11223344, config, (buf, off, len) -> queue(toA, timesBtoA, buf, off, len),
                    NonceSource.seeded(~seed), now);
        }

        void queue(ArrayDeque<byte[]> q, ArrayDeque<long[]> times, byte[] buf, int off, int len) {
            sent++;
            if (random.nextDouble() < loss) {
                return;
            }
            q.add(Arrays.copyOfRange(buf, off, off + len));
            times.add(new long[] {now + delayMs});
        }

        void step() {
            now++;
            deliver(toB, timesAtoB, b);
            deliver(toA, timesBtoA, a);
            if (a.nextWakeup(now) <= now) {
                a.tick(now);
            }
            if (b.nextWakeup(now) <= now) {
                b.tick(now);
            }
        }

        private void deliver(ArrayDeque<byte[]> q, ArrayDeque<long[]> times, Connection to) {
            while (!times.isEmpty() && times.peek()[0] <= now) {
                times.poll();
                byte[] d = q.poll();
                to.receive(d, 0, d.length, now);
            }
        }
    }

    @ParameterizedTest(name = "{0} {1} fec={2}/{3} crypt={4} checksum={5} loss={6}")
    @CsvSource({
        "KCP_GO, fast3, 10, 3, aes, KCP_GO, 0.05",
        "KCP_GO, normal, 0, 0, salsa20, HIGHWAY, 0.02",
        "KCP_GO, fast, 4, 2, none, KCP_GO, 0.10",
        "IKCP, fast3, 10, 3, aes-128, KCP_GO, 0.05",
        "IKCP, default, 0, 0, , KCP_GO, 0.0",
        "IKCP, fast2, 3, 1, tea, HIGHWAY, 0.05",
    })
    void bulkTransferArrivesIntactInOrder(KcpProfile engine, String mode, int ds, int ps, String cipher,
            WireProfile checksum, double loss) {
        ConnectionConfig config = ConnectionConfig.builder().engine(engine).mode(ModePreset.of(mode))
                .fec(ds, ps).cipher(cipher).checksum(checksum).windows(256, 256).build();
        // start just below 2^32 ms so the 32-bit KCP clock wraps during the transfer
        Pair pair = new Pair(config, loss, 20, 42, 0xFFFF_F000L);
        byte[] data = new byte[300_000];
        new SplittableRandom(7).nextBytes(data);
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] readBuf = new byte[4096];
        int written = 0;
        for (int step = 0; step < 120_000 && received.size() < data.length; step++) {
            if (written < data.length) {
                written += pair.a.write(data, written, Math.min(8192, data.length - written), pair.now);
            }
            pair.step();
            int n;
            while ((n = pair.b.read(readBuf, 0, readBuf.length)) > 0) {
                received.write(readBuf, 0, n);
            }
        }
        assertEquals(data.length, received.size(), "bytes delivered");
        assertArrayEquals(data, received.toByteArray());
        assertEquals(data.length, pair.a.bytesWritten());
        assertEquals(data.length, pair.b.bytesRead());
        assertEquals(0, pair.b.wireCounters().inCsumErrors());
        if (ds > 0 && loss > 0) {
            assertTrue(pair.b.wireCounters().fecRecovered() > 0, "FEC recovered some lost datagrams");
        }
    }

    @Test
    void messageModeKeepsBoundariesAndRejectsShortBuffers() {
        ConnectionConfig config = ConnectionConfig.builder().streamMode(false).build();
        Pair pair = new Pair(config, 0, 5, 1, 0);
        byte[] m1 = new byte[3000];
        byte[] m2 = new byte[10];
        Arrays.fill(m1, (byte) 1);
        Arrays.fill(m2, (byte) 2);
        assertEquals(m1.length, pair.a.write(m1, 0, m1.length, pair.now));
        assertEquals(m2.length, pair.a.write(m2, 0, m2.length, pair.now));
        for (int i = 0; i < 100; i++) {
            pair.step();
        }
        assertEquals(3000, pair.b.peekSize());
        byte[] small = new byte[100];
        assertThrows(IllegalArgumentException.class, () -> pair.b.read(small, 0, small.length));
        byte[] buf = new byte[4000];
        assertEquals(3000, pair.b.read(buf, 0, buf.length));
        assertArrayEquals(m1, Arrays.copyOf(buf, 3000));
        assertEquals(10, pair.b.read(buf, 0, buf.length));
        assertEquals(0, pair.b.read(buf, 0, buf.length));
    }

    @Test
    void streamModeSplitsASegmentAcrossSmallReads() {
        Pair pair = new Pair(ConnectionConfig.defaults(), 0, 5, 3, 0);
        byte[] data = new byte[5000];
        new SplittableRandom(3).nextBytes(data);
        assertEquals(data.length, pair.a.write(data, 0, data.length, pair.now));
        for (int i = 0; i < 100; i++) {
            pair.step();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] tiny = new byte[7];
        int n;
        while ((n = pair.b.read(tiny, 0, tiny.length)) > 0) {
            out.write(tiny, 0, n);
        }
        assertArrayEquals(data, out.toByteArray());
    }

    @Test
    void writeStopsAtTheSendWindow() {
        ConnectionConfig config = ConnectionConfig.builder().windows(4, 4).fec(0, 0).build();
        // nobody delivers: the window fills and stays full
        Connection c = new Connection(1, config, (buf, off, len) -> { }, NonceSource.seeded(1), 0);
        byte[] data = new byte[100_000];
        int accepted = c.write(data, 0, data.length, 0);
        assertEquals(4L * c.kcp().mss(), accepted);
        assertEquals(0, c.write(data, 0, data.length, 1));
    }

    @Test
    void garbageDatagramsAreCountedNotThrown() {
        Pair pair = new Pair(ConnectionConfig.defaults(), 0, 5, 9, 0);
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < 2000; i++) {
            byte[] junk = new byte[r.nextInt(0, 1600)];
            r.nextBytes(junk);
            pair.b.receive(junk, 0, junk.length, pair.now);
        }
        assertEquals(2000, pair.b.wireCounters().inCsumErrors() + pair.b.wireCounters().shortPackets()
                + pair.b.wireCounters().oversizePackets());
    }

    @Test
    void nextWakeupNeverSpinsForIkcp() {
        ConnectionConfig config = ConnectionConfig.builder().engine(KcpProfile.IKCP).fec(0, 0).cipher(null).build();
        Connection c = new Connection(1, config, (buf, off, len) -> { }, null, 1000);
        c.write(new byte[10], 0, 10, 1000);
        long now = 1000;
        for (int i = 0; i < 1000; i++) {
            long next = c.nextWakeup(now);
            assertTrue(next >= now);
            if (next == now) {
                c.tick(now);
                assertTrue(c.nextWakeup(now) > now, "after a tick at " + now + " the next wakeup must move on");
            }
            now = Math.max(now + 1, next);
        }
    }

    @Test
    void badConfigurationNamesTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConnectionConfig.builder().mtu(20).build());
        assertTrue(e.getMessage().startsWith("mtu:"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ConnectionConfig.builder().cipher("rot13").build());
        assertTrue(e.getMessage().contains("accepted:") && e.getMessage().contains("salsa20"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ConnectionConfig.builder().windows(0, 10).build());
        assertTrue(e.getMessage().startsWith("sndwnd:"), e.getMessage());
    }
}
