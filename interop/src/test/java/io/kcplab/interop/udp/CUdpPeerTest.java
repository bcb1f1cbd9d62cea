package io.kcplab.interop.udp;

import io.kcplab.interop.NativeUdpPeer;
import io.kcplab.interop.PeerProcess;
import io.kcplab.interop.SeededStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.kcplab.interop.udp.UdpPeers.Kind.C;
import static io.kcplab.interop.udp.UdpPeers.args;
import static io.kcplab.interop.udp.UdpPeers.assertOk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The C ikcp UDP peer against itself over 127.0.0.1: both roles, stream and message mode, and its failure exits. */
@Timeout(120)
class CUdpPeerTest {

    private static final long MB16 = 16L << 20;
    private static final List<String> FAST_STREAM = args("--stream", "--mode", "fast", "--sndwnd", "1024",
            "--rcvwnd", "1024");

    @Test
    void streamModeFast16MegabytesEachWay() {
        UdpTransferCheck.bothWays(C, C, MB16, FAST_STREAM);
    }

    @Test
    void streamModeFast16MegabytesEchoed() {
        UdpTransferCheck.echo(C, C, MB16, FAST_STREAM);
    }

    @Test
    void messageModeKeepsBoundariesOfFragmentedMessages() {
        // 3000-byte messages are 3 fragments each with the default mtu 1400; the receivers check every size
        UdpTransferCheck.bothWays(C, C, 4L << 20, args("--mode", "fast2", "--msg-size", "3000", "--sndwnd",
                "512", "--rcvwnd", "512"));
        UdpTransferCheck.echo(C, C, 4L << 20, args("--mode", "normal", "--msg-size", "1000", "--sndwnd", "512",
                "--rcvwnd", "512"));
    }

    @Test
    void echoServerServesSeveralConversationsAtOnce() {
        long bytes = 2L << 20;
        try (PeerProcess server = UdpPeers.start(C, args("echo-server", "--stream", "--mode", "fast3", "--sndwnd",
                "512", "--rcvwnd", "512", "--sessions", "3", "--bytes", Long.toString(bytes)))) {
            int port = server.port(UdpPeers.PORT_WAIT);
            List<PeerProcess> clients = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    clients.add(UdpPeers.start(C, args("bulk-client", "--connect", "127.0.0.1:" + port, "--stream",
                            "--mode", "fast3", "--sndwnd", "512", "--rcvwnd", "512", "--bytes", Long.toString(bytes),
                            "--seed", Integer.toString(100 + i), "--echo", "--conv", Integer.toString(1000 + i))));
                }
                for (int i = 0; i < 3; i++) {
                    PeerProcess.Result r = clients.get(i).await(UdpPeers.RUN_WAIT);
                    assertOk(r, "client " + i);
                    assertEquals(SeededStream.sha256Hex(100 + i, bytes), r.string("sha256_received"));
                    assertEquals(1000 + i, r.number("conv"));
                }
            } finally {
                clients.forEach(PeerProcess::close);
            }
            PeerProcess.Result srv = server.await(UdpPeers.RUN_WAIT);
            assertOk(srv, "echo-server");
            assertEquals(3, srv.sessions().size(), srv.describe());
            assertEquals(3, srv.number("sessions"));
        }
    }

    @Test
    void lostMessageBoundaryIsAVerificationFailure() {
        // the sink expects 1000-byte messages, the client sends 2000-byte ones: exit 1 with a clear error
        try (PeerProcess server = UdpPeers.start(C, args("sink-server", "--bytes", "200000", "--msg-size", "1000",
                "--idle", "2000"))) {
            int port = server.port(UdpPeers.PORT_WAIT);
            try (PeerProcess client = UdpPeers.start(C, args("bulk-client", "--connect", "127.0.0.1:" + port,
                    "--bytes", "200000", "--msg-size", "2000", "--mode", "fast"))) {
                assertOk(client.await(UdpPeers.RUN_WAIT), "client");
            }
            PeerProcess.Result srv = server.await(UdpPeers.RUN_WAIT);
            assertEquals(1, srv.exitCode(), srv.describe());
            Map<String, Object> s = UdpPeers.onlySession(srv);
            assertFalse((Boolean) s.get("ok"));
            assertTrue(s.get("error").toString().contains("message boundary lost"), srv.describe());
        }
    }

    @Test
    void wrongSeedIsAVerificationFailure() {
        try (PeerProcess server = UdpPeers.start(C, args("sink-server", "--bytes", "100000", "--seed", "5",
                "--stream", "--mode", "fast"))) {
            int port = server.port(UdpPeers.PORT_WAIT);
            try (PeerProcess client = UdpPeers.start(C, args("bulk-client", "--connect", "127.0.0.1:" + port,
                    "--bytes", "100000", "--seed", "6", "--stream", "--mode", "fast"))) {
                assertOk(client.await(UdpPeers.RUN_WAIT), "client");
            }
            PeerProcess.Result srv = server.await(UdpPeers.RUN_WAIT);
            assertEquals(1, srv.exitCode(), srv.describe());
            assertTrue(UdpPeers.onlySession(srv).get("error").toString().contains("byte 0 differs"), srv.describe());
        }
    }

    @Test
    void boundedByTimeoutAndStrictAboutUsage() throws Exception {
        UdpPeers.require(C);
        // nobody listens on the discard port: the client gives up by itself with exit 3
        try (PeerProcess client = NativeUdpPeer.start("bulk-client", "--connect", "127.0.0.1:9", "--bytes", "1000",
                "--timeout", "400")) {
            PeerProcess.Result r = client.await(Duration.ofSeconds(10));
            assertEquals(3, r.exitCode(), r.describe());
            assertFalse((Boolean) r.result().get("ok"));
            assertTrue(r.string("error").startsWith("timeout"), r.describe());
        }
        try (PeerProcess bad = NativeUdpPeer.start("bulk-client", "--mode", "warp")) {
            PeerProcess.Result r = bad.await(Duration.ofSeconds(10));
            assertEquals(2, r.exitCode(), r.describe());
            assertTrue(r.stderr().contains("unknown mode 'warp'"), r.stderr());
        }
        // SIGTERM: a server prints its result and exits 0
        try (PeerProcess server = NativeUdpPeer.start("echo-server")) {
            server.port(UdpPeers.PORT_WAIT);
            PeerProcess.Result r = server.stop(Duration.ofSeconds(5));
            assertEquals(0, r.exitCode(), r.describe());
            assertEquals(Boolean.TRUE, r.result().get("stopped"));
        }
    }
}
