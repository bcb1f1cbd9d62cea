package io.kcplab.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A thread-less echo server: onAccept + onReadable + readNow, writing back from the event loop. */
class NonBlockingServerTest {

    private static final Duration T = Duration.ofSeconds(20);

    @Test
    @Timeout(60)
    void echoServerWithoutThreadsPerSession() throws Exception {
        SessionOptions o = SessionOptions.builder().connection(Loopback.aesFec(false)).readTimeout(T).build();
        AtomicInteger callbacks = new AtomicInteger();
        try (KcpTransport t = KcpTransport.create(2);
             KcpListener l = KcpListener.bind(t, Loopback.ANY_PORT, o)) {
            l.onAccept(s -> s.onReadable(() -> {
                callbacks.incrementAndGet();
                byte[] buf = new byte[o.maxMessageSize()];
                try {
                    int n;
                    while ((n = s.readNow(buf, 0, buf.length)) > 0) {
                        s.write(buf, 0, n); // small echoes: the hand-off buffer has room, so this never waits
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
            List<KcpSession> clients = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                clients.add(KcpSession.dial(t, Loopback.to(l), o));
            }
            for (int round = 0; round < 5; round++) {
                for (int i = 0; i < clients.size(); i++) {
                    byte[] m = Loopback.payload(i * 31L + round, 100 + i * 10);
                    clients.get(i).sendMessage(m, 0, m.length);
                }
                for (int i = 0; i < clients.size(); i++) {
                    byte[] m = Loopback.payload(i * 31L + round, 100 + i * 10);
                    byte[] got = new byte[m.length];
                    assertEquals(m.length, clients.get(i).receiveMessage(got, 0, got.length));
                    assertArrayEquals(m, got);
                }
            }
            assertEquals(20, l.sessionCount());
            assertTrue(callbacks.get() >= 20);
            // Closing a client: the server session ends at the idle timeout only, so close it from here.
            for (KcpSession s : l.sessions()) {
                assertEquals(-1, s.nextMessageSize()); // everything was echoed
                s.close();
            }
            Eventually.await("sessions freed", T, () -> l.sessionCount() == 0);
        }
    }
}
