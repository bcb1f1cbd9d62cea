package io.kcplab.interop.live;

import io.kcplab.protocol.ConnectionConfig;
import io.kcplab.transport.KcpTransport;
import io.kcplab.transport.SessionOptions;
import io.kcplab.transport.relay.RelayStats;
import io.kcplab.transport.smux.SmuxConfig;
import io.kcplab.transport.tunnel.TunnelConfig;
import io.kcplab.transport.tunnel.TunnelServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real kcptun-client → {@code kcplab relay}'s UdpRelay with 5 % random loss in each direction (seed 11) →
 * KcpLab's {@link TunnelServer} → TCP echo on 127.0.0.1: 16 MB each way at once through one tunnelled TCP
 * connection, checked by SHA-256. kcptun's aes, FEC 10/3, compression, smux v2, mode fast, windows 1024/1024 on
 * both ends. The loss must have been felt: both relay directions dropped datagrams, and the KcpLab end rebuilt
 * shards by FEC and retransmitted segments.
 */
@Timeout(180)
@SuppressWarnings("try") // resources held open for a block without being read; closers that wait for threads
class KcptunRelayLiveTest {

    static final int SIZE = 16 << 20;
    static final long SEED = 11;
    static final String KEY = "relay-tunnel";

    static TunnelConfig kcplabEnd() {
        ConnectionConfig c = ConnectionConfig.builder().noDelay(0, 30, 2, 1).windows(1024, 1024).mtu(1350)
                .streamMode(true).fec(10, 3).cipher("aes").key(KEY).build();
        return TunnelConfig.of(SessionOptions.builder().connection(c).socketReceiveBuffer(4 << 20)
                .socketSendBuffer(4 << 20).build(), SmuxConfig.kcptun().version(2).compression(true).build());
    }

    @Test
    @DisplayName("kcptun-client -> relay (5% loss each way) -> KcpLab tunnel server: 16 MB each way")
    void kcptunClientThroughLossyRelayToKcpLabServer() throws Exception {
        KcptunProcess.require();
        InetAddress lo = InetAddress.getLoopbackAddress();
        ConcurrentLinkedQueue<String> log = new ConcurrentLinkedQueue<>();
        int tcp;
        try (ServerSocket probe = new ServerSocket(0, 1, lo)) {
            tcp = probe.getLocalPort();
        }
        try (KcpTransport transport = KcpTransport.create(2);
             TcpEcho echo = new TcpEcho();
             TunnelServer server = TunnelServer.start(transport, new InetSocketAddress(lo, 0),
                     new InetSocketAddress(lo, echo.port()), kcplabEnd(), log::add);
             LiveRelay relay = LiveRelay.start(server.localAddress(), LinkCase.LOSS_5, SEED);
             KcptunProcess client = KcptunProcess.start(KcptunProcess.CLIENT, List.of("-l", "127.0.0.1:" + tcp,
                     "-r", "127.0.0.1:" + relay.address().getPort(), "--key", KEY, "--crypt", "aes",
                     "--datashard", "10", "--parityshard", "3", "--smuxver", "2", "--sndwnd", "1024",
                     "--rcvwnd", "1024", "--quiet"))) {
            byte[] data = TcpEcho.data(SEED, SIZE);
            long t0 = System.nanoTime();
            String echoed;
            try (Socket s = new Socket(lo, tcp)) {
                s.setSoTimeout(120_000);
                echoed = TcpEcho.echo(s, data);
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            RelayStats r = relay.stop();
            Map<String, Long> snmp = server.snmp();
            System.out.printf(Locale.ROOT, "kcptun-client -> relay 5%% loss -> KcpLab server: 16 MB each way in "
                    + "%.2f s (%.2f MB/s each way); %s; KcpLab end RetransSegs %d FECRecovered %d%n", secs,
                    SIZE / secs / 1e6, LiveRelay.summary(r), snmp.get("RetransSegs"), snmp.get("FECRecovered"));

            assertEquals(TcpEcho.sha256(data), echoed, "SHA-256 of the 16 MB echoed through the lossy relay");
            assertEquals(2L * SIZE, server.stats().bytesFromKcp() + server.stats().bytesToKcp());
            assertTrue(r.up().path().dropped() > 0 && r.down().path().dropped() > 0,
                    "the relay dropped datagrams both ways: " + LiveRelay.summary(r));
            assertTrue(snmp.get("FECRecovered") > 0, "FEC rebuilt shards at the KcpLab end: " + snmp);
            assertTrue(snmp.get("RetransSegs") > 0, "the KcpLab end retransmitted: " + snmp);
            assertEquals(0L, snmp.get("InCsumErrors"), snmp.toString());
            assertTrue(client.isAlive(), String.join("\n", client.log()));
        }
    }
}
