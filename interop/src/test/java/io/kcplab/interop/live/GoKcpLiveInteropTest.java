package io.kcplab.interop.live;

import io.kcplab.interop.PeerProcess;
import io.kcplab.protocol.ConnectionConfig;
import io.kcplab.protocol.ModePreset;
import io.kcplab.protocol.kcp.KcpProfile;
import io.kcplab.transport.KcpListener;
import io.kcplab.transport.KcpSession;
import io.kcplab.transport.KcpTransport;
import io.kcplab.transport.SessionOptions;
import io.kcplab.transport.SnmpCounters;
import io.kcplab.transport.SnmpField;
import io.kcplab.transport.Wire;
import io.kcplab.transport.relay.RelayStats;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * KcpLab ↔ kcp-go 5.6.1 ({@code kcppeer}: kcp-go's own UDPSession and Listener) over real UDP on 127.0.0.1, kcp-go
 * wire with kcptun's {@code --crypt aes} and FEC 10/3, mode fast, windows 1024/1024, MTU 1400, stream mode (as
 * kcptun runs it): Java client → Go sink-server and Go bulk-client → Java listener, 16 MiB each way at the same
 * time, every byte checked against the seeded stream and SHA-256 compared on both ends. Both run through the live
 * relay at 3 % random loss in each direction, so FEC has shards to rebuild: both ends must report FEC recoveries.
 */
@Timeout(180)
@SuppressWarnings("try") // resources held open for a block without being read; closers that wait for threads
class GoKcpLiveInteropTest {

    static final long BYTES = 16L << 20;
    static final String KEY = "kcplab-live";
    static final int MTU = 1400;
    static final int WND = 1024;
    static final Duration BUDGET = Duration.ofSeconds(90);
    static final int CONV = 0x60C0FFEE;

    private static final Figures FIGURES = new Figures("Java <-> kcp-go 5.6.1, aes + FEC 10/3, live relay");
    private static KcpTransport transport;

    @BeforeAll
    static void start() {
        LivePeers.require(LivePeers.Kind.GO);
        transport = KcpTransport.create(2);
    }

    @AfterAll
    static void stop() {
        if (transport != null) {
            transport.close();
        }
        FIGURES.printTable();
    }

    static SessionOptions javaOptions() {
        ConnectionConfig config = ConnectionConfig.builder()
                .engine(KcpProfile.KCP_GO)
                .mode(ModePreset.FAST)
                .windows(WND, WND)
                .mtu(MTU)
                .streamMode(true)
                .fec(10, 3)
                .cipher("aes")
                .key(KEY)
                .build();
        return SessionOptions.builder()
                .connection(config)
                .wire(Wire.KCP_GO)
                .socketReceiveBuffer(4 << 20)
                .socketSendBuffer(4 << 20)
                .build();
    }

    static List<String> goFlags() {
        return List.of("--crypt", "aes", "--key", KEY, "--datashard", "10", "--parityshard", "3", "--mode", "fast",
                "--sndwnd", Integer.toString(WND), "--rcvwnd", Integer.toString(WND), "--mtu", Integer.toString(MTU),
                "--stream", "--timeout", Long.toString(BUDGET.toMillis()), "--idle", "30000");
    }

    @Test
    @DisplayName("Java client → kcp-go server, aes + FEC 10/3, 3% loss: 16 MiB each way")
    void javaClientToGoServer() throws Exception {
        long seedUp = 31;
        long seedDown = 32;
        String n = Long.toString(BYTES);
        List<String> args = new ArrayList<>(List.of("sink-server", "--bind", "127.0.0.1:0", "--bytes", n, "--seed",
                Long.toString(seedUp), "--reply-bytes", n, "--reply-seed", Long.toString(seedDown)));
        args.addAll(goFlags());
        try (PeerProcess server = LivePeers.start(LivePeers.Kind.GO, args)) {
            int port = server.port(Duration.ofSeconds(30));
            InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
            JavaTransfer.Result java;
            PeerProcess.Result peer;
            SnmpCounters counters;
            RelayStats relayStats;
            long t0 = System.nanoTime();
            try (LiveRelay relay = LiveRelay.start(target, LinkCase.LOSS_3, 7)) {
                KcpSession session = KcpSession.dial(transport, relay.address(), javaOptions());
                try {
                    java = JavaTransfer.run(session, BYTES, seedUp, BYTES, seedDown, 0, BUDGET.plusSeconds(10));
                    peer = java.ok() ? server.await(BUDGET.plusSeconds(15)) : server.stop(Duration.ofSeconds(3));
                    session.awaitSent(Duration.ofSeconds(1));
                    counters = session.counters();
                } finally {
                    session.close();
                }
                relayStats = relay.stop();
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            Map<String, Object> s = peer.sessions().isEmpty() ? Map.of() : peer.sessions().get(0);
            check("Java client → Go server", java, peer, s, seedUp, seedDown, true);
            report("Java client → kcp-go server, aes + FEC 10/3, 3% loss", java, s, counters, relayStats, wall, "");
        }
    }

    @Test
    @DisplayName("kcp-go client → Java server, aes + FEC 10/3, 3% loss: 16 MiB each way")
    void goClientToJavaServer() throws Exception {
        long seedUp = 41;
        long seedDown = 42;
        String n = Long.toString(BYTES);
        try (KcpListener listener = KcpListener.bind(transport,
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), javaOptions());
             LiveRelay relay = LiveRelay.start(listener.localAddress(), LinkCase.LOSS_3, 8)) {
            List<String> args = new ArrayList<>(List.of("bulk-client", "--connect", "127.0.0.1:"
                    + relay.address().getPort(), "--conv", Integer.toUnsignedString(CONV), "--bytes", n, "--seed",
                    Long.toString(seedUp), "--recv-bytes", n,
                    "--recv-seed", Long.toString(seedDown)));
            args.addAll(goFlags());
            JavaTransfer.Result java;
            PeerProcess.Result peer;
            SnmpCounters counters;
            String strays;
            long t0 = System.nanoTime();
            try (PeerProcess client = LivePeers.start(LivePeers.Kind.GO, args)) {
                KcpSession session = Accepts.conv(listener, CONV, Duration.ofSeconds(30)).session();
                try {
                    java = JavaTransfer.run(session, BYTES, seedDown, BYTES, seedUp, 0, BUDGET.plusSeconds(10));
                    peer = java.ok() ? client.await(BUDGET.plusSeconds(15)) : client.stop(Duration.ofSeconds(3));
                    session.awaitSent(Duration.ofSeconds(1));
                    counters = session.counters();
                } finally {
                    session.close();
                }
                long opened = listener.counters().get(SnmpField.PASSIVE_OPENS);
                strays = opened > 1 ? ", stray sessions opened after the close: " + (opened - 1) : "";
            }
            RelayStats relayStats = relay.stop();
            double wall = (System.nanoTime() - t0) / 1e9;
            check("Go client → Java server", java, peer, peer.result() == null ? Map.of() : peer.result(), seedUp,
                    seedDown, false);
            report("kcp-go client → Java server, aes + FEC 10/3, 3% loss", java, peer.result(), counters,
                    relayStats, wall, strays);
            listener.close();
            assertEquals(0, listener.sessionCount(), "sessions left open after the listener closed");
        }
    }

    private static void check(String what, JavaTransfer.Result java, PeerProcess.Result peer, Map<String, Object> s,
                              long seedUp, long seedDown, boolean javaClient) {
        String diag = "\nJava: " + java + "\nGo peer: " + peer.describe();
        assertTrue(java.ok(), what + ": Java end: " + java.error() + diag);
        assertTrue(peer.ok(), what + ": Go peer failed" + diag);
        assertEquals(Boolean.TRUE, s.get("ok"), what + ": Go conversation failed" + diag);
        String up = LivePeers.sha256(seedUp, BYTES);
        String down = LivePeers.sha256(seedDown, BYTES);
        assertEquals(javaClient ? up : down, java.sha256Sent(), what + ": Java sent");
        assertEquals(javaClient ? down : up, java.sha256Received(), what + ": Java received" + diag);
        assertEquals(javaClient ? up : down, s.get("sha256_received"), what + ": Go received" + diag);
        assertEquals(javaClient ? down : up, s.get("sha256_sent"), what + ": Go sent" + diag);
        assertEquals(BYTES, ((Number) s.get("received")).longValue(), what + ": Go received bytes" + diag);
        assertEquals(BYTES, java.received(), what + ": Java received bytes");
        // 3 % loss each way over ~12,000 data shards: FEC 10/3 must have rebuilt shards on both ends
        assertTrue(java.stats().fecRecovered() > 0, what + ": no FEC recovery at the Java end: " + java.stats());
        assertTrue(((Number) s.get("fec_recovered")).longValue() > 0, what + ": no FEC recovery at the Go end" + diag);
    }

    private static void report(String what, JavaTransfer.Result java, Map<String, Object> s, SnmpCounters counters,
                               RelayStats relay, double wall, String extra) {
        double seconds = Math.max(((Number) s.get("elapsed_ms")).doubleValue() / 1e3, java.receiveSeconds());
        FIGURES.add(String.format(Locale.ROOT, "LIVE GO | %-55s | %6.2f s | %6.2f MB/s each way | retrans Java %d"
                        + " (fast %d), Go %d | FEC recovered Java %d (FECErrs %d, short %d), Go %d | %s"
                        + " | wall %.2f s%s",
                what + ": " + Figures.mib(BYTES) + " each way", seconds, BYTES / 1e6 / seconds,
                java.stats().retransmissions(), java.stats().fastRetransmissions(),
                ((Number) s.get("retrans")).longValue(), counters.get(SnmpField.FEC_RECOVERED),
                counters.get(SnmpField.FEC_ERRS), counters.get(SnmpField.FEC_SHORT_SHARDS),
                ((Number) s.get("fec_recovered")).longValue(), LiveRelay.summary(relay), wall, extra));
    }
}
