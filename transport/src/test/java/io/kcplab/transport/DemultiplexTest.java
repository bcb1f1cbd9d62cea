package io.kcplab.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** kcp-go's demultiplexing rules and the listener's bounds, played by hand-made raw KCP datagrams. */
class DemultiplexTest {

    private static final Duration T = Duration.ofSeconds(20);

    private static SessionOptions.Builder raw() {
        return SessionOptions.builder().connection(Loopback.raw(true));
    }

    private static void send(DatagramSocket s, InetSocketAddress to, int conv, int sn) throws Exception {
        byte[] d = RawKcp.push(conv, sn, new byte[] {(byte) sn});
        s.send(new DatagramPacket(d, d.length, to));
    }

    @Test
    @Timeout(60)
    void newConversationAtSnZeroReplacesTheOldOneOthersAreDropped() throws Exception {
        try (KcpTransport t = KcpTransport.create(2);
             KcpListener l = KcpListener.bind(t, Loopback.ANY_PORT, raw().build());
             DatagramSocket peer = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            InetSocketAddress to = Loopback.to(l);
            send(peer, to, 100, 0);
            KcpSession first = l.accept(T);
            assertEquals(100, first.conv());
            send(peer, to, 300, 7); // another conversation, not at its start: dropped
            Eventually.await("unknown conv counted", T, () -> l.counters().get(SnmpField.UNKNOWN_CONV) == 1);
            assertTrue(first.isOpen());
            send(peer, to, 200, 0); // the client restarted on the same port
            KcpSession second = l.accept(T);
            assertEquals(200, second.conv());
            assertTrue(first.awaitClosed(T));
            assertEquals(CloseReason.REPLACED, first.closeReason());
            assertEquals(1, l.sessionCount());
            assertEquals(2, l.counters().get(SnmpField.PASSIVE_OPENS));
        }
    }

    @Test
    @Timeout(60)
    void lateDatagramsOfAClosedConversationAndStrayAcksOpenNoZombie() throws Exception {
        try (KcpTransport t = KcpTransport.create(1);
             KcpListener l = KcpListener.bind(t, Loopback.ANY_PORT, raw().build());
             DatagramSocket peer = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
             DatagramSocket stranger = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            InetSocketAddress to = Loopback.to(l);
            send(peer, to, 100, 0);
            KcpSession first = l.accept(T);
            first.close();
            assertTrue(first.awaitClosed(T));
            send(peer, to, 100, 1); // the peer still sends: kcp-go would open a zombie of conversation 100
            byte[] ack = RawKcp.ack(555, 3);
            stranger.send(new DatagramPacket(ack, ack.length, to)); // an ACK cannot start a conversation
            Eventually.await("stale datagrams counted", T, () -> l.counters().get(SnmpField.STALE_CONV) == 2);
            assertEquals(0, l.sessionCount());
            send(peer, to, 101, 0); // the same client restarted with a new conversation: welcome
            KcpSession second = l.accept(T);
            assertEquals(101, second.conv());
            assertEquals(2, l.counters().get(SnmpField.PASSIVE_OPENS));
        }
    }

    @Test
    @Timeout(60)
    void maxSessionsBoundsTheListener() throws Exception {
        List<DatagramSocket> peers = new ArrayList<>();
        try (KcpTransport t = KcpTransport.create(2);
             KcpListener l = KcpListener.bind(t, Loopback.ANY_PORT, raw().maxSessions(3).build())) {
            for (int i = 0; i < 6; i++) {
                DatagramSocket p = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
                peers.add(p);
                send(p, Loopback.to(l), 1000 + i, 0);
            }
            Eventually.await("sessions and drops", T,
                    () -> l.sessionCount() + l.counters().get(SnmpField.OVER_MAX_SESSIONS) == 6);
            assertEquals(3, l.sessionCount());
            assertEquals(3, l.counters().get(SnmpField.OVER_MAX_SESSIONS));
            assertEquals(3, l.counters().get(SnmpField.MAX_CONN));
            // Closing one makes room for the next newcomer.
            l.accept(T).close();
            Eventually.await("session freed", T, () -> l.sessionCount() == 2);
            // Which three peers won depends on arrival order over the listener's sockets: pick one that lost.
            java.util.Set<Integer> served = new java.util.HashSet<>();
            l.sessions().forEach(s -> served.add(s.remoteAddress().getPort()));
            DatagramSocket loser = peers.stream().filter(p -> !served.contains(p.getLocalPort())).findFirst()
                    .orElseThrow();
            send(loser, Loopback.to(l), 1999, 0);
            Eventually.await("room reused", T, () -> l.counters().get(SnmpField.PASSIVE_OPENS) == 4);
            assertEquals(3, l.sessionCount());
        } finally {
            peers.forEach(DatagramSocket::close);
        }
    }

    @Test
    @Timeout(60)
    void acceptBacklogBoundsUnacceptedSessions() throws Exception {
        List<DatagramSocket> peers = new ArrayList<>();
        try (KcpTransport t = KcpTransport.create(1);
             KcpListener l = KcpListener.bind(t, Loopback.ANY_PORT, raw().acceptBacklog(2).build())) {
            for (int i = 0; i < 4; i++) {
                DatagramSocket p = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
                peers.add(p);
                send(p, Loopback.to(l), 2000 + i, 0);
            }
            Eventually.await("backlog drops", T, () -> l.counters().get(SnmpField.BACKLOG_FULL) == 2);
            assertEquals(2, l.sessionCount());
            l.accept(T);
            send(peers.get(3), Loopback.to(l), 2003, 0); // kcp-go's client would retransmit; do it by hand
            Eventually.await("accepted after room", T, () -> l.sessionCount() == 3);
        } finally {
            peers.forEach(DatagramSocket::close);
        }
    }
}
