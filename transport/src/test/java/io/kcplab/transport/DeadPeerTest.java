package io.kcplab.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kcplab.protocol.ModePreset;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A peer that vanishes: the survivor closes with DEAD_LINK or IDLE_TIMEOUT within its bound and frees the session. */
class DeadPeerTest {

    private static final Duration T = Duration.ofSeconds(20);

    @Test
    @Timeout(60)
    void writerToAVanishedPeerReportsDeadLink() throws Exception {
        // fast3 (RTO from 30 ms), dead after 5 retransmissions of one segment: well under a few seconds.
        SessionOptions o = SessionOptions.builder()
                .connection(Loopback.raw(true).toBuilder().mode(ModePreset.FAST3).build()).deadLink(5)
                .writeTimeout(T).build();
        KcpTransport server = KcpTransport.create(1);
        try (KcpTransport t = KcpTransport.create(1)) {
            KcpListener l = KcpListener.bind(server, Loopback.ANY_PORT, o);
            KcpSession c = KcpSession.dial(t, Loopback.to(l), o);
            byte[] chunk = new byte[10_000];
            c.write(chunk, 0, chunk.length);
            KcpSession s = l.accept(T);
            byte[] buf = new byte[chunk.length];
            for (int n = 0; n < chunk.length; ) {
                n += s.read(buf, n, chunk.length - n);
            }
            server.close(); // the peer vanishes mid-transfer: no more acks
            long start = System.nanoTime();
            AtomicReference<Exception> writeError = new AtomicReference<>();
            Thread writer = new Thread(() -> {
                try {
                    for (int i = 0; i < 1000; i++) {
                        c.write(chunk, 0, chunk.length);
                    }
                } catch (Exception e) {
                    writeError.set(e);
                }
            });
            writer.start();
            assertTrue(c.awaitClosed(T), "no dead link detected");
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertEquals(CloseReason.DEAD_LINK, c.closeReason());
            writer.join(T.toMillis());
            assertTrue(writeError.get() instanceof SessionClosedException, String.valueOf(writeError.get()));
            assertEquals(-1, c.read(new byte[10], 0, 10)); // nothing was received: the end at once
            System.out.printf("dead link detected %d ms after the peer vanished%n", ms);
        } finally {
            server.close();
        }
    }

    @Test
    @Timeout(60)
    void silentPeerIsClosedByTheIdleTimeoutAndDataIsStillReadable() throws Exception {
        SessionOptions serverOptions = SessionOptions.builder().connection(Loopback.aesFec(true))
                .idleTimeout(Duration.ofMillis(800)).readTimeout(T).build();
        SessionOptions clientOptions = SessionOptions.builder().connection(Loopback.aesFec(true)).build();
        try (KcpTransport t = KcpTransport.create(2);
             KcpListener l = KcpListener.bind(t, Loopback.ANY_PORT, serverOptions)) {
            KcpSession c = KcpSession.dial(t, Loopback.to(l), clientOptions);
            c.write(new byte[] {1, 2, 3}, 0, 3);
            KcpSession s = l.accept(T);
            Eventually.await("data buffered", T, () -> s.available() == 3);
            long start = System.nanoTime();
            c.close(); // KCP has no FIN: the server only notices the silence
            assertTrue(s.awaitClosed(T));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertEquals(CloseReason.IDLE_TIMEOUT, s.closeReason());
            assertTrue(ms < 10_000, "idle close took " + ms + " ms");
            assertEquals(0, l.sessionCount());
            byte[] buf = new byte[10];
            assertEquals(3, s.read(buf, 0, 10)); // received data survives the close
            assertEquals(-1, s.read(buf, 0, 10));
            System.out.printf("idle timeout 800 ms closed the session %d ms after the peer went quiet%n", ms);
        }
    }
}
