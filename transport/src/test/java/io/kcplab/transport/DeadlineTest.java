package io.kcplab.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Read/write timeouts and deadlines end blocking calls with SocketTimeoutException. */
class DeadlineTest {

    @Test
    @Timeout(60)
    void readTimeoutFiresAndDataStillArrivesAfterwards() throws Exception {
        SessionOptions o = SessionOptions.builder().connection(Loopback.raw(true))
                .readTimeout(Duration.ofMillis(200)).build();
        try (KcpTransport t = KcpTransport.create(1);
             KcpListener l = KcpListener.bind(t, Loopback.ANY_PORT, o)) {
            KcpSession c = KcpSession.dial(t, Loopback.to(l), o);
            long start = System.nanoTime();
            assertThrows(SocketTimeoutException.class, () -> c.read(new byte[10], 0, 10));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(ms >= 150, "timed out too early: " + ms + " ms");
            c.write(new byte[] {7}, 0, 1);
            KcpSession s = l.accept(Duration.ofSeconds(20));
            s.write(new byte[] {8}, 0, 1);
            byte[] one = new byte[1];
            int n = 0;
            for (int i = 0; i < 100 && n == 0; i++) { // a 200 ms timeout may pass while the reply travels
                try {
                    n = c.read(one, 0, 1);
                } catch (SocketTimeoutException e) {
                    // retry, bounded
                }
            }
            assertEquals(1, n);
            assertEquals(8, one[0]);
        }
    }

    @Test
    @Timeout(60)
    void deadlineSetWhileBlockedWakesTheReader() throws Exception {
        SessionOptions o = SessionOptions.builder().connection(Loopback.raw(true)).build();
        try (KcpTransport t = KcpTransport.create(1);
             KcpListener l = KcpListener.bind(t, Loopback.ANY_PORT, o)) {
            KcpSession c = KcpSession.dial(t, Loopback.to(l), o);
            CompletableFuture<Throwable> reader = CompletableFuture.supplyAsync(() -> {
                try {
                    c.read(new byte[10], 0, 10);
                    return null;
                } catch (Throwable e) {
                    return e;
                }
            });
            Thread.sleep(100); // let it block (the assertion does not depend on this)
            c.setReadDeadline(Instant.now().minusSeconds(1));
            assertTrue(reader.get(20, TimeUnit.SECONDS) instanceof SocketTimeoutException);
            c.setReadDeadline(null);
            c.setDeadline(Instant.now().plusMillis(100));
            assertThrows(SocketTimeoutException.class, () -> c.read(new byte[1], 0, 1));
        }
    }

    @Test
    @Timeout(60)
    void acceptTimesOut() throws Exception {
        try (KcpTransport t = KcpTransport.create(1);
             KcpListener l = KcpListener.bind(t, Loopback.ANY_PORT, SessionOptions.defaults())) {
            assertThrows(SocketTimeoutException.class, () -> l.accept(Duration.ofMillis(100)));
        }
    }
}
