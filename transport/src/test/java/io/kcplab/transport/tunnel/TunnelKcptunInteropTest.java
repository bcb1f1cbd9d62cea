package io.kcplab.transport.tunnel;

import io.kcplab.protocol.ConnectionConfig;
import io.kcplab.transport.KcpTransport;
import io.kcplab.transport.SessionOptions;
import io.kcplab.transport.smux.EchoCheck;
import io.kcplab.transport.smux.EchoServer;
import io.kcplab.transport.smux.Kcptun;
import io.kcplab.transport.smux.SmuxConfig;
import io.kcplab.transport.smux.SmuxCounters;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Both tunnel ends against the real kcptun over the full matrix of crypt (aes, salsa20, none) × FEC (10/3, 0/0) ×
 * compression (on, --nocomp) × smux (v1, v2), 24 combinations per direction: kcptun-client → KcpLab's
 * {@link TunnelServer} → TCP echo, and KcpLab's {@link TunnelClient} → kcptun-server → TCP echo. In each, 16 MB
 * through one TCP connection (16 MB each way at once, SHA-256 of the echo), then the same 16 MB split over 8
 * parallel TCP connections of 2 MB (8 streams of one session, each checked by SHA-256). Payloads come from fixed
 * seeds. kcptun-client runs with windows 1024/1024 instead of its 128/512 default, which would cap a transfer at
 * about 6 MB/s on loopback and triple the suite's time.
 */
@Timeout(120)
class TunnelKcptunInteropTest {

    static final InetAddress LO = InetAddress.getLoopbackAddress();
    static final int SIZE = 16 << 20;
    static final int STREAMS = 8;
    static KcpTransport transport;
    static EchoServer echo;
    static final List<String> TIMES = new ArrayList<>();

    /** One cell of the matrix; {@code seed} is fixed per cell so a failure replays the same bytes. */
    record Combo(String crypt, int ds, int ps, boolean comp, int ver, long seed) {
        boolean fec() {
            return ds > 0;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s fec %d/%d %s smux v%d", crypt, ds, ps, comp ? "comp" : "nocomp",
                    ver);
        }
    }

    static Stream<Combo> matrix() {
        List<Combo> all = new ArrayList<>();
        for (String crypt : List.of("aes", "salsa20", "none")) {
            for (int[] fec : new int[][] {{10, 3}, {0, 0}}) {
                for (boolean comp : new boolean[] {true, false}) {
                    for (int ver = 1; ver <= 2; ver++) {
                        all.add(new Combo(crypt, fec[0], fec[1], comp, ver, 1000 + all.size() * 10L));
                    }
                }
            }
        }
        return all.stream();
    }

    @BeforeAll
    static void up() throws Exception {
        Kcptun.require();
        transport = KcpTransport.create(2);
        echo = new EchoServer();
    }

    @AfterAll
    static void down() throws Exception {
        if (transport != null) {
            transport.close();
        }
        if (echo != null) {
            echo.close();
        }
        synchronized (TIMES) {
            TIMES.forEach(System.out::println);
        }
    }

    static List<String> kcptunFlags(Combo c, boolean client) {
        List<String> f = new ArrayList<>(List.of("--crypt", c.crypt(), "--key", "tunnel", "--datashard",
                String.valueOf(c.ds()), "--parityshard", String.valueOf(c.ps()), "--smuxver",
                String.valueOf(c.ver()), "--quiet"));
        if (client) {
            f.addAll(List.of("--sndwnd", "1024", "--rcvwnd", "1024"));
        }
        if (!c.comp()) {
            f.add("--nocomp");
        }
        return f;
    }

    /** kcptun's settings for one end: fast mode, MTU 1350, windows 1024/1024, sockbuf 4 MiB. */
    static TunnelConfig config(Combo c) {
        ConnectionConfig k = ConnectionConfig.builder().noDelay(0, 30, 2, 1).windows(1024, 1024).mtu(1350)
                .streamMode(true).fec(c.ds(), c.ps()).cipher(c.crypt()).key("tunnel").build();
        return TunnelConfig.of(SessionOptions.builder().connection(k).socketReceiveBuffer(4 << 20)
                .socketSendBuffer(4 << 20).build(),
                SmuxConfig.kcptun().version(c.ver()).compression(c.comp()).build());
    }

    /** 16 MB echoed through one connection, then through 8 parallel ones; returns both durations in seconds. */
    static double[] transfers(int port, long seed) throws Exception {
        long t0 = System.nanoTime();
        byte[] data = EchoCheck.data(seed, SIZE);
        try (Socket s = connect(port)) {
            s.setSoTimeout(60_000);
            assertEquals(EchoCheck.sha256(data), EchoCheck.echo(s.getInputStream(), s.getOutputStream(), data),
                    "SHA-256 of the 16 MB echo");
        }
        long t1 = System.nanoTime();
        eightConnections(port, seed + 1);
        return new double[] {(t1 - t0) / 1e9, (System.nanoTime() - t1) / 1e9};
    }

    static void eightConnections(int port, long seed) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(STREAMS);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < STREAMS; i++) {
                long k = seed + i;
                results.add(pool.submit(() -> {
                    byte[] data = EchoCheck.data(k, SIZE / STREAMS);
                    try (Socket s = connect(port)) {
                        s.setSoTimeout(60_000);
                        return EchoCheck.sha256(data).equals(EchoCheck.echo(s.getInputStream(),
                                s.getOutputStream(), data));
                    }
                }));
            }
            for (Future<Boolean> f : results) {
                assertTrue(f.get(), "a connection's echo differs (SHA-256)");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static Socket connect(int port) throws IOException {
        IOException last = null;
        for (int i = 0; i < 50; i++) {
            try {
                Socket s = new Socket(LO, port);
                s.setTcpNoDelay(true);
                return s;
            } catch (IOException e) {
                last = e;
                try {
                    Thread.sleep(100);
                } catch (InterruptedException ie) {
                    throw new IOException(ie);
                }
            }
        }
        throw last;
    }

    /** What the KcpLab end's counters must show for the combination's settings to have been in force. */
    static void checkCounters(Combo c, SmuxCounters smux, Map<String, Long> snmp) {
        assertEquals(STREAMS + 1, smux.get(SmuxCounters.Field.StreamsOpened)
                + smux.get(SmuxCounters.Field.StreamsAccepted), "streams");
        assertEquals(0, smux.get(SmuxCounters.Field.ProtocolErrors), "smux protocol errors");
        assertEquals(0L, snmp.get("InCsumErrors"), "checksum errors: key or cipher mismatch");
        if (c.comp()) {
            assertTrue(smux.get(SmuxCounters.Field.ChunksIn) > 0 && smux.get(SmuxCounters.Field.ChunksOut) > 0,
                    "snappy chunks both ways");
            assertTrue(smux.get(SmuxCounters.Field.WireBytesOut) < smux.get(SmuxCounters.Field.BytesOut),
                    "half of each block is text: compression must pay");
        } else {
            assertEquals(0, smux.get(SmuxCounters.Field.ChunksIn), "no snappy chunk with --nocomp");
        }
        if (c.ver() == 2) {
            assertTrue(smux.get(SmuxCounters.Field.UpdIn) > 0 && smux.get(SmuxCounters.Field.UpdOut) > 0,
                    "smux v2 window updates both ways");
        } else {
            assertEquals(0, smux.get(SmuxCounters.Field.UpdIn), "no UPD in smux v1");
        }
        // parity shards arrive only when the peer runs FEC: proves both ends use the combination's FEC shape
        assertEquals(c.fec(), snmp.get("FECParityShards") > 0, "FEC parity shards received: " + snmp);
    }

    static void record(String direction, Combo c, double[] t) {
        String line = String.format(Locale.ROOT, "%-30s %-31s 16 MB echoed %5.2f s (%5.1f MB/s each way), "
                + "8 x 2 MB %5.2f s", direction, c, t[0], SIZE / t[0] / 1e6, t[1]);
        System.out.println(line);
        synchronized (TIMES) {
            TIMES.add(line);
        }
    }

    @ParameterizedTest(name = "kcptun-client -> KcpLab server: {0}")
    @MethodSource("matrix")
    void kcptunClientToKcpLabServer(Combo c) throws Exception {
        ConcurrentLinkedQueue<String> log = new ConcurrentLinkedQueue<>();
        try (TunnelServer server = TunnelServer.start(transport, new InetSocketAddress(LO, 0),
                new InetSocketAddress(LO, echo.port()), config(c), log::add)) {
            int tcp = Kcptun.freeTcpPort();
            try (Kcptun client = Kcptun.client(tcp, server.localAddress().getPort(), kcptunFlags(c, true))) {
                double[] t = transfers(tcp, c.seed());
                record("kcptun-client -> KcpLab", c, t);
                assertEquals(1, server.stats().sessionsOpened(), "kcptun-client --conn 1: one session");
                assertEquals(STREAMS + 1, server.stats().streamsOpened());
                assertEquals(2L * SIZE, server.stats().bytesFromKcp());
                assertEquals(STREAMS + 1, server.smuxCounters().get(SmuxCounters.Field.SynIn));
                checkCounters(c, server.smuxCounters(), server.snmp());
                assertTrue(client.isAlive(), String.join("\n", client.log()));
            }
        }
    }

    @ParameterizedTest(name = "KcpLab client -> kcptun-server: {0}")
    @MethodSource("matrix")
    void kcpLabClientToKcptunServer(Combo c) throws Exception {
        int udp = Kcptun.freeUdpPort();
        ConcurrentLinkedQueue<String> log = new ConcurrentLinkedQueue<>();
        try (Kcptun server = Kcptun.server(udp, echo.port(), kcptunFlags(c, false));
             TunnelClient client = TunnelClient.start(transport, new InetSocketAddress(LO, 0),
                     new InetSocketAddress(LO, udp), config(c), log::add)) {
            double[] t = transfers(client.localAddress().getPort(), c.seed() + 5);
            record("KcpLab client -> kcptun-server", c, t);
            assertEquals(1, client.stats().sessionsOpened());
            assertEquals(STREAMS + 1, client.stats().streamsOpened());
            assertEquals(2L * SIZE, client.stats().bytesToKcp());
            assertEquals(1, client.snmp().get("ActiveOpens"));
            checkCounters(c, client.smuxCounters(), client.snmp());
            assertTrue(server.isAlive(), String.join("\n", server.log()));
        }
    }
}
