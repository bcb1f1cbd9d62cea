package io.kcplab.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kcplab.protocol.Connection;
import io.kcplab.protocol.ConnectionConfig;
import io.kcplab.protocol.wire.NonceSource;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A fixed number of threads whatever the number of sessions, and the memory an idle session costs. */
class ScaleTest {

    private static final Duration T = Duration.ofSeconds(60);

    private static long loopThreads(KcpTransport t) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(th -> th.isAlive() && th.getName().startsWith(t.threadNamePrefix())).count();
    }

    @Test
    @Timeout(120)
    void threadCountIsTheSameWithTenAndWithAThousandSessions() throws Exception {
        SessionOptions o = SessionOptions.builder().connection(Loopback.raw(true)).build();
        List<KcpSession> clients = new ArrayList<>();
        try (KcpTransport t = KcpTransport.create(2);
             KcpListener l = KcpListener.bind(t, Loopback.ANY_PORT, o)) {
            l.onAccept(s -> { });
            long[] threads = new long[2];
            int[] sizes = {10, 1000};
            for (int phase = 0; phase < 2; phase++) {
                while (clients.size() < sizes[phase]) {
                    KcpSession c = KcpSession.dial(t, Loopback.to(l), o);
                    c.write(new byte[] {1}, 0, 1);
                    clients.add(c);
                }
                int want = sizes[phase];
                Eventually.await(want + " sessions", T, () -> l.sessionCount() == want);
                threads[phase] = loopThreads(t);
            }
            System.out.printf("event-loop threads: %d with 10 sessions, %d with 1000 (transport threads=%d)%n",
                    threads[0], threads[1], t.threads());
            assertEquals(threads[0], threads[1]);
            assertTrue(threads[1] <= t.threads());
        }
    }

    /** One datagram per conversation, as a real sender with {@code config} would emit it. */
    private static byte[] firstDatagram(ConnectionConfig config, int conv) {
        List<byte[]> out = new ArrayList<>();
        Connection c = new Connection(conv, config, (b, off, len) -> out.add(Arrays.copyOfRange(b, off, off + len)),
                NonceSource.seeded(conv), 0);
        c.write(new byte[] {1}, 0, 1, 1);
        return out.get(0);
    }

    private static long usedHeap() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(50);
            best = Math.min(best, rt.totalMemory() - rt.freeMemory());
        }
        return best;
    }

    private static long bytesPerIdleSession(ConnectionConfig config, int n) throws Exception {
        SessionOptions o = SessionOptions.builder().connection(config).build();
        List<DatagramSocket> peers = new ArrayList<>();
        List<byte[]> first = new ArrayList<>();
        try (KcpTransport t = KcpTransport.create(2);
             KcpListener l = KcpListener.bind(t, Loopback.ANY_PORT, o)) {
            for (int i = 0; i < n; i++) {
                peers.add(new DatagramSocket(new InetSocketAddress("127.0.0.1", 0)));
                first.add(firstDatagram(o.connection(), 5000 + i));
            }
            l.onAccept(s -> s.onReadable(() -> {
                try {
                    s.readNow(new byte[16], 0, 16);
                } catch (java.io.IOException e) {
                    throw new RuntimeException(e);
                }
            }));
            // Warm up the listener (first session, class loading) before the baseline.
            DatagramSocket warm = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
            byte[] w = firstDatagram(o.connection(), 4999);
            warm.send(new DatagramPacket(w, w.length, Loopback.to(l)));
            Eventually.await("warm-up session", T, () -> l.sessionCount() == 1);
            long before = usedHeap();
            for (int i = 0; i < n; i++) {
                byte[] d = first.get(i);
                peers.get(i).send(new DatagramPacket(d, d.length, Loopback.to(l)));
                if (i % 50 == 49) {
                    int want = i + 2;
                    Eventually.await("sessions", T, () -> l.sessionCount() >= want);
                }
            }
            Eventually.await(n + " sessions", T, () -> l.sessionCount() == n + 1);
            Eventually.await("idle buffers released", T,
                    () -> l.sessions().stream().allMatch(s -> s.handoffFootprint() == 0));
            long after = usedHeap();
            warm.close();
            return (after - before) / n;
        } finally {
            peers.forEach(DatagramSocket::close);
        }
    }

    @Test
    @Timeout(120)
    void memoryPerIdleSession() throws Exception {
        int n = 1000;
        long raw = bytesPerIdleSession(Loopback.raw(true), n);
        long aesFec = bytesPerIdleSession(Loopback.aesFec(true), n);
        System.out.printf("heap per idle listener session (%d sessions): raw %d bytes, aes+fec 10/3 %d bytes%n", n,
                raw, aesFec);
        assertTrue(raw < 64 << 10, "raw idle session costs " + raw + " bytes");
        assertTrue(aesFec < 128 << 10, "aes+fec idle session costs " + aesFec + " bytes");
    }
}
