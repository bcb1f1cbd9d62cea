package io.kcplab.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kcplab.protocol.ConnectionConfig;
import io.kcplab.protocol.kcp.KcpProfile;
import io.kcplab.protocol.wire.WireProfile;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Option validation messages, wire selection, write delay per engine, and options that change behaviour (write delay,
 * DSCP, buffers).
 */
class OptionsTest {

    private static String error(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @Test
    void invalidOptionsNameTheFieldAndTheAcceptedValues() {
        assertTrue(error(() -> SessionOptions.builder().dscp(64).build()).startsWith("dscp: 64 is out of range"));
        assertTrue(error(() -> SessionOptions.builder().maxSessions(0).build()).contains("maxSessions"));
        assertTrue(error(() -> SessionOptions.builder().acceptBacklog(0).build()).contains("acceptBacklog"));
        assertTrue(error(() -> SessionOptions.builder().handoffBufferBytes(10).build()).contains("1024.."));
        assertTrue(error(() -> SessionOptions.builder().idleTimeout(Duration.ofSeconds(-1)).build())
                .contains("idleTimeout"));
        String raw = error(() -> SessionOptions.builder().wire(Wire.RAW).build()); // default config has aes+FEC
        assertTrue(raw.startsWith("wire: raw") && raw.contains("cipher(null)"), raw);
        assertTrue(error(() -> Wire.of("tcp")).contains("raw, kcp-go, highway"));
        assertTrue(error(() -> SessionOptions.builder().connection(Loopback.raw(true)).wire(Wire.HIGHWAY).build())
                .contains("\"none\" keeps the MAC"));
        assertTrue(error(() -> KcpTransport.create(0)).startsWith("threads: 0"));
    }

    @Test
    void wireFollowsTheConfigUnlessSet() {
        assertEquals(Wire.RAW, SessionOptions.builder().connection(Loopback.raw(true)).build().wire());
        assertEquals(Wire.KCP_GO, SessionOptions.defaults().wire());
        SessionOptions hw = SessionOptions.builder().wire(Wire.HIGHWAY).build();
        assertEquals(WireProfile.HIGHWAY, hw.connection().checksum());
        ConnectionConfig fecOnly = ConnectionConfig.builder().cipher(null).fec(10, 3).build();
        assertEquals(Wire.KCP_GO, SessionOptions.builder().connection(fecOnly).build().wire());
    }

    @Test
    void sessionsFlushOnWriteWithEitherEngineUnlessWriteDelayIsSet() {
        ConnectionConfig ikcp = ConnectionConfig.builder().engine(KcpProfile.IKCP).build();
        assertTrue(ikcp.writeDelay(), "the ikcp profile alone queues until update");
        SessionOptions plain = SessionOptions.builder().connection(ikcp).build();
        assertFalse(plain.writeDelay(), "a session writes as kcp-go's does");
        assertFalse(plain.connection().writeDelay());
        assertFalse(SessionOptions.defaults().connection().writeDelay());
        assertTrue(SessionOptions.builder().connection(ikcp).writeDelay(true).build().connection().writeDelay());
        SessionOptions explicit = SessionOptions.builder()
                .connection(ConnectionConfig.builder().writeDelay(true).build()).build();
        assertTrue(explicit.writeDelay(), "the config's explicit write delay");
        assertTrue(explicit.connection().writeDelay());
    }

    @Test
    @Timeout(60)
    void writeDelayDscpAndSocketBuffersStillCarryData() throws Exception {
        SessionOptions o = SessionOptions.builder().connection(Loopback.aesFec(true)).writeDelay(true).dscp(46)
                .socketReceiveBuffer(1 << 20).socketSendBuffer(1 << 20).readTimeout(Duration.ofSeconds(20))
                .conv(0x1234).build();
        byte[] data = Loopback.payload(61, 200_000);
        try (KcpTransport t = KcpTransport.create(2);
             KcpListener l = KcpListener.bind(t, Loopback.ANY_PORT, o)) {
            KcpSession c = KcpSession.dial(t, Loopback.to(l), o);
            assertEquals(0x1234, c.conv());
            c.write(data, 0, data.length);
            KcpSession s = l.accept(Duration.ofSeconds(20));
            assertEquals(0x1234, s.conv());
            byte[] got = new byte[data.length];
            for (int n = 0; n < got.length; ) {
                n += s.read(got, n, got.length - n);
            }
            assertArrayEquals(data, got);
        }
    }
}
