package io.kcplab.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kcplab.protocol.ConnectionConfig;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Java to Java over loopback in stream mode: raw wire, kcp-go wire with aes + FEC 10/3, highway. */
class StreamTransferTest {

    private static final Duration IO_TIMEOUT = Duration.ofSeconds(20);

    private static SessionOptions options(ConnectionConfig c, Wire wire) {
        SessionOptions.Builder b = SessionOptions.builder().connection(c).readTimeout(IO_TIMEOUT)
                .writeTimeout(IO_TIMEOUT).socketReceiveBuffer(4 << 20).socketSendBuffer(4 << 20);
        if (wire != null) {
            b.wire(wire);
        }
        return b.build();
    }

    /** Sends {@code size} bytes client to server and echoes a digest back; checks SHA-256 on both ends. */
    private static void transfer(SessionOptions o, int size, long seed) throws Exception {
        byte[] data = Loopback.payload(seed, size);
        try (KcpTransport t = KcpTransport.create(2);
             KcpListener l = KcpListener.bind(t, Loopback.ANY_PORT, o)) {
            KcpSession client = KcpSession.dial(t, Loopback.to(l), o);
            CompletableFuture<byte[]> served = CompletableFuture.supplyAsync(() -> {
                try {
                    KcpSession s = l.accept(IO_TIMEOUT);
                    MessageDigest md = MessageDigest.getInstance("SHA-256");
                    InputStream in = s.inputStream();
                    byte[] buf = new byte[16384];
                    int total = 0;
                    while (total < size) {
                        int n = in.read(buf, 0, Math.min(buf.length, size - total));
                        assertTrue(n > 0, "stream ended early at " + total);
                        md.update(buf, 0, n);
                        total += n;
                    }
                    byte[] digest = md.digest();
                    s.outputStream().write(digest);
                    assertTrue(s.awaitSent(IO_TIMEOUT));
                    return digest;
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            long start = System.nanoTime();
            OutputStream out = client.outputStream();
            for (int off = 0; off < size; off += 50_000) {
                out.write(data, off, Math.min(50_000, size - off));
            }
            byte[] echoed = new byte[32];
            InputStream in = client.inputStream();
            for (int got = 0; got < 32; ) {
                int n = in.read(echoed, got, 32 - got);
                assertTrue(n > 0);
                got += n;
            }
            double secs = (System.nanoTime() - start) / 1e9;
            byte[] expected = MessageDigest.getInstance("SHA-256").digest(data);
            assertArrayEquals(expected, served.get(30, TimeUnit.SECONDS));
            assertArrayEquals(expected, echoed);
            assertTrue(client.awaitSent(IO_TIMEOUT));
            Eventually.await("stats published", IO_TIMEOUT, () -> client.stats().bytesOut() == size);
            SessionStats st = client.stats();
            System.out.printf("transfer %s %d bytes in %.3f s = %.1f MB/s; client %s%n", o.wire().label(), size,
                    secs, size / secs / 1e6, st);
            assertEquals(size, st.bytesOut());
            assertTrue(l.counters().get(SnmpField.IN_PKTS) > 0);
            client.close();
        }
    }

    @Test
    @Timeout(60)
    void rawWireMultiMegabyte() throws Exception {
        transfer(options(Loopback.raw(true), Wire.RAW), 4 << 20, 1);
    }

    @Test
    @Timeout(60)
    void kcpGoWireAesFecMultiMegabyte() throws Exception {
        transfer(options(Loopback.aesFec(true), Wire.KCP_GO), 4 << 20, 2);
    }

    @Test
    @Timeout(60)
    void highwayWire() throws Exception {
        transfer(options(Loopback.aesFec(true), Wire.HIGHWAY), 1 << 20, 3);
    }

    @Test
    @Timeout(60)
    void nioTransportToo() throws Exception {
        SessionOptions o = options(Loopback.aesFec(true), null);
        byte[] data = Loopback.payload(4, 300_000);
        try (KcpTransport t = KcpTransport.create(1, false);
             KcpListener l = KcpListener.bind(t, Loopback.ANY_PORT, o)) {
            KcpSession c = KcpSession.dial(t, Loopback.to(l), o);
            c.write(data, 0, data.length); // larger than the hand-off buffer: the loop drains while it waits
            KcpSession s = l.accept(IO_TIMEOUT);
            byte[] got = new byte[data.length];
            for (int n = 0; n < got.length; ) {
                n += s.read(got, n, got.length - n);
            }
            assertArrayEquals(data, got);
        }
    }
}
