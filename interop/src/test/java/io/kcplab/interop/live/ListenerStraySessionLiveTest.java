package io.kcplab.interop.live;

import io.kcplab.interop.PeerProcess;
import io.kcplab.interop.SeededStream;
import io.kcplab.protocol.ModePreset;
import io.kcplab.transport.KcpListener;
import io.kcplab.transport.KcpSession;
import io.kcplab.transport.KcpTransport;
import io.kcplab.transport.SnmpField;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * KCP has no handshake, so a listener cannot tell a new client from the late datagrams of a conversation it has
 * closed by the datagram alone: here the Java server closes its session while a C client is still sending. In
 * kcp-go the client's retransmissions open a second session of the same conversation (a "zombie") that accept()
 * hands out; KcpLab's listener remembers the conversations it closed and drops their datagrams (StaleConv). The
 * second client must get the next accepted session, no zombie may open, and closing the listener closes
 * everything it opened.
 */
@Timeout(60)
@SuppressWarnings("try") // resources held open for a block without being read; closers that wait for threads
class ListenerStraySessionLiveTest {

    @Test
    @DisplayName("late datagrams of a closed conversation never take the place of the next client's session")
    void zombieOfAClosedConversationIsNotTheNextClientsSession() throws Exception {
        LivePeers.require(LivePeers.Kind.C);
        int convA = 0x5A000001;
        int convB = 0x5A000002;
        try (KcpTransport transport = KcpTransport.create(1);
             KcpListener listener = KcpListener.bind(transport,
                     new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                     CKcpLiveInteropTest.javaOptions(ModePreset.FAST, true))) {
            String port = Integer.toString(listener.localAddress().getPort());
            List<String> common = List.of("--mode", "fast", "--sndwnd", "1024", "--rcvwnd", "1024", "--mtu", "1400",
                    "--stream");
            // client A sends 4 MiB; the server reads 256 KiB of it and closes: A keeps (re)sending into the void
            List<String> a = new ArrayList<>(List.of("bulk-client", "--connect", "127.0.0.1:" + port, "--conv",
                    Integer.toUnsignedString(convA), "--bytes", Integer.toString(4 << 20), "--timeout", "3000"));
            a.addAll(common);
            int strays;
            try (PeerProcess clientA = LivePeers.start(LivePeers.Kind.C, a)) {
                KcpSession first = Accepts.conv(listener, convA, Duration.ofSeconds(10)).session();
                readSeeded(first, 256 << 10, 1);
                first.close();
                Thread.sleep(300); // A's datagrams keep coming

                List<String> b = new ArrayList<>(List.of("bulk-client", "--connect", "127.0.0.1:" + port, "--conv",
                        Integer.toUnsignedString(convB), "--bytes", Integer.toString(256 << 10), "--seed", "5",
                        "--timeout", "10000"));
                b.addAll(common);
                try (PeerProcess clientB = LivePeers.start(LivePeers.Kind.C, b)) {
                    Accepts.Accepted second = Accepts.conv(listener, convB, Duration.ofSeconds(10));
                    strays = second.strays();
                    readSeeded(second.session(), 256 << 10, 5);
                    PeerProcess.Result rb = clientB.await(Duration.ofSeconds(15));
                    assertTrue(rb.ok(), "client B: " + rb.describe());
                    second.session().close();
                }
                clientA.stop(Duration.ofSeconds(3)); // A never completes: its server left
            }
            Thread.sleep(1000); // both clients are gone: nothing arrives any more
            long opened = listener.counters().get(SnmpField.PASSIVE_OPENS);
            int lingering = listener.sessionCount();
            long stale = listener.counters().get(SnmpField.STALE_CONV);
            System.out.println("LIVE STRAY | a closed conversation's late datagrams opened " + (opened - 2)
                    + " more session(s) on the listener (" + stale + " dropped as stale); " + strays
                    + " reached accept() before the next client's session; 1 s after both clients left, "
                    + lingering + " session(s) still open");
            assertEquals(2, opened, "only the two clients open sessions");
            assertEquals(0, strays, "no zombie reached accept()");
            assertTrue(stale > 0, "the closed conversation's datagrams were counted as stale");
            listener.close();
            assertEquals(0, listener.sessionCount(), "sessions left open after the listener closed");
        }
    }

    private static void readSeeded(KcpSession s, int bytes, long seed) throws Exception {
        byte[] got = new byte[bytes];
        s.setReadDeadline(java.time.Instant.now().plusSeconds(10));
        int n = 0;
        while (n < bytes) {
            int r = s.read(got, n, bytes - n);
            assertTrue(r > 0, "end of session after " + n + " bytes");
            n += r;
        }
        byte[] want = new SeededStream(seed).next(bytes);
        assertArrayEquals(want, got, "bytes differ at " + Arrays.mismatch(want, got));
    }
}
