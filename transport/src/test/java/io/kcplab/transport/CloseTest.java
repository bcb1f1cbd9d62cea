package io.kcplab.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Orderly local close: what was written is flushed, the session leaves its listener, later calls fail clearly. */
class CloseTest {

    private static final Duration T = Duration.ofSeconds(20);

    @Test
    @Timeout(60)
    void closeFlushesAndFrees() throws Exception {
        SessionOptions o = SessionOptions.builder().connection(Loopback.aesFec(true)).readTimeout(T).build();
        try (KcpTransport t = KcpTransport.create(2);
             KcpListener l = KcpListener.bind(t, Loopback.ANY_PORT, o)) {
            KcpSession c = KcpSession.dial(t, Loopback.to(l), o);
            byte[] data = Loopback.payload(31, 20_000);
            c.write(data, 0, data.length);
            c.close(); // flushes once: fits the send window, and loopback loses nothing
            assertFalse(c.isOpen());
            assertEquals(CloseReason.LOCAL, c.closeReason());
            assertThrows(SessionClosedException.class, () -> c.write(data, 0, 1));
            assertThrows(SessionClosedException.class, () -> c.read(new byte[1], 0, 1));

            KcpSession s = l.accept(T);
            byte[] got = new byte[data.length];
            for (int n = 0; n < got.length; ) {
                n += s.read(got, n, got.length - n);
            }
            assertArrayEquals(data, got);
            assertEquals(1, l.sessionCount());
            s.close();
            assertTrue(s.awaitClosed(T));
            assertEquals(0, l.sessionCount());
            assertTrue(l.sessions().isEmpty());
            SnmpCounters sum = l.counters();
            assertEquals(0, sum.get(SnmpField.CURR_ESTAB));
            assertEquals(1, sum.get(SnmpField.PASSIVE_OPENS));
            assertEquals(data.length, sum.get(SnmpField.BYTES_RECEIVED)); // closed sessions stay in the totals
            s.close(); // idempotent
        }
    }

    @Test
    @Timeout(60)
    void closingTheListenerOrTransportClosesSessions() throws Exception {
        SessionOptions o = SessionOptions.builder().connection(Loopback.raw(true)).build();
        KcpTransport t = KcpTransport.create(2);
        KcpSession c;
        try {
            KcpListener l = KcpListener.bind(t, Loopback.ANY_PORT, o);
            c = KcpSession.dial(t, Loopback.to(l), o);
            c.write(new byte[10], 0, 10);
            KcpSession s = l.accept(T);
            l.close();
            assertTrue(s.awaitClosed(T));
            assertEquals(CloseReason.LISTENER_CLOSED, s.closeReason());
            assertThrows(java.io.IOException.class, () -> l.accept(Duration.ofMillis(10)));
        } finally {
            t.close();
        }
        assertTrue(c.awaitClosed(T));
        assertEquals(CloseReason.TRANSPORT_CLOSED, c.closeReason());
        assertFalse(t.isOpen());
    }

    @Test
    @Timeout(60)
    void anAddressCannotBeBoundTwice() throws Exception {
        try (KcpTransport t = KcpTransport.create(2);
             KcpListener l = KcpListener.bind(t, Loopback.ANY_PORT, SessionOptions.defaults())) {
            assertThrows(java.net.BindException.class,
                    () -> KcpListener.bind(t, l.localAddress(), SessionOptions.defaults()));
        }
    }
}
