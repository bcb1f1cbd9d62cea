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
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Both tunnel ends against the real kcptun: kcptun-client → KcpLab's {@link TunnelServer} → TCP echo, and KcpLab's
 * {@link TunnelClient} → kcptun-server → TCP echo; 16 MB through one TCP connection (SHA-256), then 8 parallel TCP
 * connections of 2 MB each (8 streams in one session).
 */
@Timeout(180)
class TunnelKcptunInteropTest {

    static final InetAddress LO = InetAddress.getLoopbackAddress();
    static KcpTransport transport;
    static EchoServer echo;

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
    }

    static List<String> flags(String crypt, int ds, int ps, boolean comp, int ver) {
        List<String> f = new ArrayList<>(List.of("--crypt", crypt, "--key", "tunnel", "--datashard",
                String.valueOf(ds), "--parityshard", String.valueOf(ps), "--smuxver", String.valueOf(ver),
                "--quiet"));
        if (!comp) {
            f.add("--nocomp");
        }
        return f;
    }

    /** kcptun's settings for one end: fast mode, MTU 1350, the given windows. */
    static TunnelConfig config(String crypt, int ds, int ps, boolean comp, int ver, int snd, int rcv) {
        ConnectionConfig c = ConnectionConfig.builder().noDelay(0, 30, 2, 1).windows(snd, rcv).mtu(1350)
                .streamMode(true).fec(ds, ps).cipher(crypt).key("tunnel").build();
        return TunnelConfig.of(SessionOptions.builder().connection(c).socketReceiveBuffer(4 << 20)
                .socketSendBuffer(4 << 20).build(),
                SmuxConfig.kcptun().version(ver).compression(comp).build());
    }

    static void sixteenMegabytes(int port, long seed) throws Exception {
        byte[] data = EchoCheck.data(seed, 16 << 20);
        try (Socket s = connect(port)) {
            s.setSoTimeout(90_000);
            assertEquals(EchoCheck.sha256(data), EchoCheck.echo(s.getInputStream(), s.getOutputStream(), data));
        }
    }

    static void eightConnections(int port) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                int k = i;
                results.add(pool.submit(() -> {
                    byte[] data = EchoCheck.data(200 + k, 2 << 20);
                    try (Socket s = connect(port)) {
                        s.setSoTimeout(90_000);
                        return EchoCheck.sha256(data).equals(EchoCheck.echo(s.getInputStream(),
                                s.getOutputStream(), data));
                    }
                }));
            }
            for (Future<Boolean> f : results) {
                assertTrue(f.get(), "a connection's echo differs");
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

    @ParameterizedTest(name = "kcptun-client -> KcpLab server: {0} fec {1}/{2} comp={3} smux v{4}")
    @CsvSource({"aes, 10, 3, true, 1", "salsa20, 0, 0, false, 2"})
    void kcptunClientToKcpLabServer(String crypt, int ds, int ps, boolean comp, int ver) throws Exception {
        ConcurrentLinkedQueue<String> log = new ConcurrentLinkedQueue<>();
        try (TunnelServer server = TunnelServer.start(transport, new InetSocketAddress(LO, 0),
                new InetSocketAddress(LO, echo.port()), config(crypt, ds, ps, comp, ver, 1024, 1024), log::add)) {
            int tcp = Kcptun.freeTcpPort();
            try (Kcptun client = Kcptun.client(tcp, server.localAddress().getPort(),
                    flags(crypt, ds, ps, comp, ver))) {
                long t0 = System.nanoTime();
                sixteenMegabytes(tcp, 7);
                double t16 = (System.nanoTime() - t0) / 1e9;
                long t1 = System.nanoTime();
                eightConnections(tcp);
                double t8 = (System.nanoTime() - t1) / 1e9;
                System.out.printf("kcptun-client -> KcpLab server %s fec %d/%d comp=%s v%d: 16 MB in %.2f s, "
                        + "8 x 2 MB in %.2f s; %s; smux %s%n", crypt, ds, ps, comp, ver, t16, t8, server.stats(),
                        server.smuxCounters());
                assertEquals(1, server.stats().sessionsOpened(), "kcptun-client --conn 1: one session");
                assertEquals(9, server.stats().streamsOpened());
                assertEquals(32L << 20, server.stats().bytesFromKcp());
                assertEquals(9, server.smuxCounters().get(SmuxCounters.Field.SynIn));
                assertTrue(server.snmp().get("InPkts") > 0);
                assertTrue(client.isAlive());
            }
        }
    }

    @ParameterizedTest(name = "KcpLab client -> kcptun-server: {0} fec {1}/{2} comp={3} smux v{4}")
    @CsvSource({"aes, 10, 3, true, 1", "none, 10, 3, false, 2"})
    void kcpLabClientToKcptunServer(String crypt, int ds, int ps, boolean comp, int ver) throws Exception {
        int udp = Kcptun.freeUdpPort();
        ConcurrentLinkedQueue<String> log = new ConcurrentLinkedQueue<>();
        try (Kcptun server = Kcptun.server(udp, echo.port(), flags(crypt, ds, ps, comp, ver));
             TunnelClient client = TunnelClient.start(transport, new InetSocketAddress(LO, 0),
                     new InetSocketAddress(LO, udp), config(crypt, ds, ps, comp, ver, 1024, 1024), log::add)) {
            int tcp = client.localAddress().getPort();
            long t0 = System.nanoTime();
            sixteenMegabytes(tcp, 8);
            double t16 = (System.nanoTime() - t0) / 1e9;
            long t1 = System.nanoTime();
            eightConnections(tcp);
            double t8 = (System.nanoTime() - t1) / 1e9;
            System.out.printf("KcpLab client -> kcptun-server %s fec %d/%d comp=%s v%d: 16 MB in %.2f s, "
                    + "8 x 2 MB in %.2f s; %s%n", crypt, ds, ps, comp, ver, t16, t8, client.stats());
            assertEquals(1, client.stats().sessionsOpened());
            assertEquals(9, client.stats().streamsOpened());
            assertEquals(32L << 20, client.stats().bytesToKcp());
            assertEquals(1, client.snmp().get("ActiveOpens"));
            assertTrue(server.isAlive(), String.join("\n", server.log()));
        }
    }
}
