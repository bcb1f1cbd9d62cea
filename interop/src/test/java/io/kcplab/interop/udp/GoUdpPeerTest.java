package io.kcplab.interop.udp;

import io.kcplab.interop.GoSessionPeer;
import io.kcplab.interop.PeerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;

import static io.kcplab.interop.udp.UdpPeers.Kind.GO;
import static io.kcplab.interop.udp.UdpPeers.args;
import static io.kcplab.interop.udp.UdpPeers.assertOk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The kcp-go 5.6.1 UDP peer against itself: kcptun's crypto and FEC, and the bench mode. */
@Timeout(120)
class GoUdpPeerTest {

    @Test
    void aesWithFec10And3Moves16MegabytesEachWay() {
        UdpTransferCheck.bothWays(GO, GO, 16L << 20, args("--crypt", "aes", "--key", "test", "--datashard", "10",
                "--parityshard", "3", "--stream", "--mode", "fast", "--sndwnd", "1024", "--rcvwnd", "1024"));
    }

    @Test
    void salsa20MessageModeEcho() {
        UdpTransferCheck.echo(GO, GO, 4L << 20, args("--crypt", "salsa20", "--key", "k", "--mode", "fast3",
                "--sndwnd", "512", "--rcvwnd", "512", "--msg-size", "1000"));
    }

    @Test
    void aDifferentKeyCarriesNothing() {
        try (PeerProcess server = UdpPeers.start(GO, args("sink-server", "--crypt", "aes", "--key", "one",
                "--bytes", "10000", "--mode", "fast"))) {
            int port = server.port(UdpPeers.PORT_WAIT);
            try (PeerProcess client = GoSessionPeer.start("bulk-client", "--connect", "127.0.0.1:" + port,
                    "--crypt", "aes", "--key", "two", "--bytes", "10000", "--echo", "--mode", "fast",
                    "--timeout", "800")) {
                PeerProcess.Result r = client.await(Duration.ofSeconds(10));
                assertEquals(3, r.exitCode(), r.describe());
                assertEquals(0, r.number("received"));
            }
            PeerProcess.Result srv = server.stop(Duration.ofSeconds(5));
            assertEquals(0, srv.number("sessions"), srv.describe());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void benchReportsGoodputAndCpu() throws Exception {
        UdpPeers.require(GO);
        PeerProcess.Result r = GoSessionPeer.bench(Duration.ofSeconds(30), "--bytes", Long.toString(8L << 20),
                "--crypt", "aes", "--datashard", "10", "--parityshard", "3", "--mode", "fast", "--stream",
                "--sndwnd", "1024", "--rcvwnd", "1024");
        assertOk(r, "bench");
        assertEquals("bench", r.string("event"));
        assertTrue(r.decimal("goodput_MBps") > 0, r.describe());
        assertTrue(r.decimal("cpu_s") > 0, r.describe());
        System.out.printf("kcp-go bench: 8 MB aes + FEC 10/3 in %.0f ms, %.1f MB/s, %.2f CPU s%n",
                r.decimal("elapsed_ms"), r.decimal("goodput_MBps"), r.decimal("cpu_s"));
    }
}
