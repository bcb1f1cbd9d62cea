package io.kcplab.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kcplab.protocol.Connection;
import io.kcplab.protocol.ConnectionConfig;
import io.kcplab.protocol.wire.NonceSource;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Datagrams that fail decryption or the checksum never create a session nor cause a reply; oversize datagrams are
 * dropped; all are counted.
 */
class AbuseTest {

    private static final Duration T = Duration.ofSeconds(20);

    /** Datagrams a real session with {@code config} would send, captured through the sans-I/O Connection. */
    private static List<byte[]> authentic(ConnectionConfig config, int conv, long seed) {
        List<byte[]> out = new ArrayList<>();
        Connection c = new Connection(conv, config, (b, off, len) -> out.add(Arrays.copyOfRange(b, off, off + len)),
                NonceSource.seeded(seed), 0);
        c.write(new byte[3000], 0, 3000, 1);
        return out;
    }

    private static void attack(Wire wire) throws Exception {
        ConnectionConfig cfg = Loopback.aesFec(true);
        SessionOptions o = SessionOptions.builder().connection(cfg).wire(wire).build();
        try (KcpTransport t = KcpTransport.create(2);
             KcpListener l = KcpListener.bind(t, Loopback.ANY_PORT, o);
             DatagramSocket attacker = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            InetSocketAddress target = Loopback.to(l);
            Random r = new Random(wire.ordinal() + 41);
            List<byte[]> bad = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                byte[] d = new byte[r.nextInt(1500) + 1]; // random bytes of every length, empty to the limit
                r.nextBytes(d);
                bad.add(d);
            }
            // Well-formed datagrams under the wrong key, and authentic ones with one bit flipped.
            ConnectionConfig wrongKey = o.connection().toBuilder().key("not the key").build();
            bad.addAll(authentic(wrongKey, 77, 1));
            for (byte[] d : authentic(o.connection(), 78, 2)) {
                d[20 + r.nextInt(d.length - 20)] ^= 1 << r.nextInt(8);
                bad.add(d);
            }
            // In batches, each waited for, so that no socket buffer overflows and every datagram is accounted for.
            for (int i = 0; i < bad.size(); i += 20) {
                int upTo = Math.min(bad.size(), i + 20);
                for (byte[] d : bad.subList(i, upTo)) {
                    attacker.send(new DatagramPacket(d, d.length, target));
                }
                Eventually.await("batch counted", T, () -> l.counters().get(SnmpField.BAD_DATAGRAMS) == upTo);
            }
            byte[] huge = new byte[2000];
            attacker.send(new DatagramPacket(huge, huge.length, target));
            Eventually.await("oversize counted", T, () -> l.counters().get(SnmpField.OVERSIZE_DATAGRAMS) == 1);
            assertEquals(bad.size(), l.counters().get(SnmpField.BAD_DATAGRAMS));
            assertEquals(1, l.counters().get(SnmpField.OVERSIZE_DATAGRAMS));
            assertEquals(0, l.sessionCount());
            assertEquals(0, l.counters().get(SnmpField.PASSIVE_OPENS));
            assertEquals(0, l.counters().get(SnmpField.OUT_PKTS));
            attacker.setSoTimeout(300); // everything was processed (counted) above: a reply would be here by now
            assertThrows(SocketTimeoutException.class,
                    () -> attacker.receive(new DatagramPacket(new byte[2048], 2048)));

            // An authentic datagram from the same address still opens a session.
            for (byte[] d : authentic(o.connection(), 79, 3)) {
                attacker.send(new DatagramPacket(d, d.length, target));
            }
            KcpSession s = l.accept(T);
            assertEquals(79, s.conv());
        }
    }

    @Test
    @Timeout(60)
    void kcpGoWireWithAes() throws Exception {
        attack(Wire.KCP_GO);
    }

    @Test
    @Timeout(60)
    void highwayMac() throws Exception {
        attack(Wire.HIGHWAY);
    }

    @Test
    @Timeout(60)
    void clientCountsDatagramsFromStrangers() throws Exception {
        SessionOptions o = SessionOptions.builder().connection(Loopback.raw(true)).build();
        try (KcpTransport t = KcpTransport.create(1);
             KcpListener l = KcpListener.bind(t, Loopback.ANY_PORT, o);
             DatagramSocket stranger = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            KcpSession c = KcpSession.dial(t, Loopback.to(l), o);
            byte[] d = RawKcp.push(c.conv(), 0, new byte[] {1});
            InetSocketAddress client = new InetSocketAddress("127.0.0.1", c.localAddress().getPort());
            for (int i = 0; i < 5; i++) {
                stranger.send(new DatagramPacket(d, d.length, client));
            }
            Eventually.await("InErrs counted", T, () -> c.counters().get(SnmpField.IN_ERRS) == 5);
            assertEquals(0, c.available());
        }
    }
}
