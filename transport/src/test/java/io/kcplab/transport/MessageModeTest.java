package io.kcplab.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kcplab.protocol.ConnectionConfig;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Message mode: boundaries kept, multi-fragment messages, size errors, with raw wire and with aes + FEC. */
class MessageModeTest {

    private static final Duration IO_TIMEOUT = Duration.ofSeconds(20);

    private static void exchange(ConnectionConfig config, long seed) throws Exception {
        SessionOptions o = SessionOptions.builder().connection(config).readTimeout(IO_TIMEOUT)
                .writeTimeout(IO_TIMEOUT).build();
        Random r = new Random(seed);
        int count = 200;
        byte[][] sent = new byte[count][];
        for (int i = 0; i < count; i++) {
            int size = i % 10 == 0 ? 1 + r.nextInt(20_000) : 1 + r.nextInt(1200); // some span many fragments
            sent[i] = new byte[size];
            r.nextBytes(sent[i]);
        }
        try (KcpTransport t = KcpTransport.create(2);
             KcpListener l = KcpListener.bind(t, Loopback.ANY_PORT, o)) {
            KcpSession c = KcpSession.dial(t, Loopback.to(l), o);
            Thread writer = new Thread(() -> {
                try {
                    for (byte[] m : sent) {
                        c.sendMessage(m, 0, m.length);
                    }
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            writer.start();
            KcpSession s = l.accept(IO_TIMEOUT);
            byte[] buf = new byte[o.maxMessageSize()];
            for (int i = 0; i < count; i++) {
                int n = s.receiveMessage(buf, 0, buf.length);
                assertEquals(sent[i].length, n, "message " + i);
                assertArrayEquals(sent[i], Arrays.copyOf(buf, n), "message " + i);
            }
            writer.join(IO_TIMEOUT.toMillis());
            // The ByteChannel view: one message per write and per read.
            c.channel().write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
            ByteBuffer dst = ByteBuffer.allocate(10);
            assertEquals(3, s.channel().read(dst));
            assertEquals(3, dst.position());
        }
    }

    @Test
    @Timeout(60)
    void rawWire() throws Exception {
        exchange(Loopback.raw(false), 11);
    }

    @Test
    @Timeout(60)
    void aesWithFec() throws Exception {
        exchange(Loopback.aesFec(false), 12);
    }

    @Test
    @Timeout(60)
    void sizeErrorsAreClearAndLoseNothing() throws Exception {
        SessionOptions o = SessionOptions.builder().connection(Loopback.raw(false)).readTimeout(IO_TIMEOUT).build();
        try (KcpTransport t = KcpTransport.create(1);
             KcpListener l = KcpListener.bind(t, Loopback.ANY_PORT, o)) {
            KcpSession c = KcpSession.dial(t, Loopback.to(l), o);
            IllegalArgumentException big = assertThrows(IllegalArgumentException.class,
                    () -> c.sendMessage(new byte[o.maxMessageSize() + 1], 0, o.maxMessageSize() + 1));
            assertTrue(big.getMessage().startsWith("message: "), big.getMessage());
            assertThrows(IllegalArgumentException.class, () -> c.sendMessage(new byte[0], 0, 0));
            byte[] m = Loopback.payload(5, 3000);
            c.sendMessage(m, 0, m.length);
            KcpSession s = l.accept(IO_TIMEOUT);
            Eventually.await("message buffered", IO_TIMEOUT, () -> s.nextMessageSize() == 3000);
            IllegalArgumentException small = assertThrows(IllegalArgumentException.class,
                    () -> s.receiveMessage(new byte[100], 0, 100));
            assertTrue(small.getMessage().contains("3000"), small.getMessage());
            byte[] buf = new byte[3000];
            assertEquals(3000, s.receiveMessage(buf, 0, buf.length)); // still queued after the error
            assertArrayEquals(m, buf);
        }
        SessionOptions stream = SessionOptions.builder().connection(Loopback.raw(true)).build();
        try (KcpTransport t = KcpTransport.create(1);
             KcpListener l = KcpListener.bind(t, Loopback.ANY_PORT, stream)) {
            KcpSession c = KcpSession.dial(t, Loopback.to(l), stream);
            assertThrows(IllegalStateException.class, () -> c.sendMessage(new byte[1], 0, 1));
        }
    }
}
