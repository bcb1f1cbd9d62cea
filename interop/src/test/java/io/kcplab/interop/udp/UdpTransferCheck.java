package io.kcplab.interop.udp;

import io.kcplab.interop.PeerProcess;
import io.kcplab.interop.SeededStream;

import java.util.List;
import java.util.Map;

import static io.kcplab.interop.udp.UdpPeers.args;
import static io.kcplab.interop.udp.UdpPeers.assertOk;
import static io.kcplab.interop.udp.UdpPeers.concat;
import static io.kcplab.interop.udp.UdpPeers.onlySession;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** One client ↔ server run of any two peers, checked on both sides. */
final class UdpTransferCheck {

    static final long SEED_UP = 11;
    static final long SEED_DOWN = 22;

    private UdpTransferCheck() {
    }

    /**
     * The client sends {@code bytes} (seed 11) to a sink-server that sends {@code bytes} back (seed 22) at the same
     * time; both verify and the SHA-256 of each direction must be equal on both ends and to the expected stream.
     */
    static String bothWays(UdpPeers.Kind clientKind, UdpPeers.Kind serverKind, long bytes, List<String> common) {
        String n = Long.toString(bytes);
        try (PeerProcess server = UdpPeers.start(serverKind, concat(concat(args("sink-server", "--bind",
                "127.0.0.1:0", "--bytes", n, "--seed", Long.toString(SEED_UP), "--reply-bytes", n, "--reply-seed",
                Long.toString(SEED_DOWN)), common.toArray(String[]::new))))) {
            int port = server.port(UdpPeers.PORT_WAIT);
            long t0 = System.nanoTime();
            PeerProcess.Result client;
            try (PeerProcess c = UdpPeers.start(clientKind, concat(concat(args("bulk-client", "--connect",
                    "127.0.0.1:" + port, "--bytes", n, "--seed", Long.toString(SEED_UP), "--recv-bytes", n,
                    "--recv-seed", Long.toString(SEED_DOWN)), common.toArray(String[]::new))))) {
                client = c.await(UdpPeers.RUN_WAIT);
            }
            PeerProcess.Result srv = server.await(UdpPeers.RUN_WAIT);
            double wall = (System.nanoTime() - t0) / 1e9;
            assertOk(client, clientKind + " bulk-client");
            assertOk(srv, serverKind + " sink-server");
            Map<String, Object> s = onlySession(srv);
            String up = SeededStream.sha256Hex(SEED_UP, bytes);
            String down = SeededStream.sha256Hex(SEED_DOWN, bytes);
            assertEquals(up, client.string("sha256_sent"), "client → server, client side");
            assertEquals(up, s.get("sha256_received"), "client → server, server side");
            assertEquals(down, s.get("sha256_sent"), "server → client, server side");
            assertEquals(down, client.string("sha256_received"), "server → client, client side");
            assertEquals(bytes, client.number("received"));
            assertEquals(bytes, ((Number) s.get("received")).longValue());
            String line = String.format("%s client ↔ %s server %s: %d bytes each way in %.0f ms (%.1f MB/s "
                            + "both ways), wall %.2f s", clientKind, serverKind, String.join(" ", common), bytes,
                    client.decimal("elapsed_ms"), client.decimal("goodput_MBps"), wall);
            System.out.println(line);
            return line;
        }
    }

    /** The client sends {@code bytes} to an echo-server and verifies the echo. */
    static String echo(UdpPeers.Kind clientKind, UdpPeers.Kind serverKind, long bytes, List<String> common) {
        String n = Long.toString(bytes);
        try (PeerProcess server = UdpPeers.start(serverKind, concat(concat(args("echo-server", "--bind",
                "127.0.0.1:0", "--sessions", "1", "--bytes", n), common.toArray(String[]::new))))) {
            int port = server.port(UdpPeers.PORT_WAIT);
            PeerProcess.Result client;
            try (PeerProcess c = UdpPeers.start(clientKind, concat(concat(args("bulk-client", "--connect",
                    "127.0.0.1:" + port, "--bytes", n, "--seed", "7", "--echo"), common.toArray(String[]::new))))) {
                client = c.await(UdpPeers.RUN_WAIT);
            }
            assertOk(client, clientKind + " bulk-client (echo)");
            String expected = SeededStream.sha256Hex(7, bytes);
            assertEquals(expected, client.string("sha256_sent"));
            assertEquals(expected, client.string("sha256_received"));
            PeerProcess.Result srv = server.await(UdpPeers.RUN_WAIT);
            assertOk(srv, serverKind + " echo-server");
            Map<String, Object> s = onlySession(srv);
            assertEquals(expected, s.get("sha256_received"), "echo server side");
            assertEquals(expected, s.get("sha256_sent"), "echo server side");
            String line = String.format("%s client → %s echo-server %s: %d bytes echoed in %.0f ms", clientKind,
                    serverKind, String.join(" ", common), bytes, client.decimal("elapsed_ms"));
            System.out.println(line);
            return line;
        }
    }
}
