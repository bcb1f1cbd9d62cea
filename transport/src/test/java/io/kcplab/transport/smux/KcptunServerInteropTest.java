package io.kcplab.transport.smux;

import io.kcplab.protocol.ConnectionConfig;
import io.kcplab.transport.KcpSession;
import io.kcplab.transport.KcpTransport;
import io.kcplab.transport.SessionOptions;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Java smux client over a KcpLab KCP session (kcp-go wire) → the real kcptun-server → a TCP echo server: 16 MB
 * checked by SHA-256, and 8 parallel streams in one session, over a matrix of cipher, FEC, compression and smux
 * version chosen to cover each value at least once while keeping the suite short.
 */
@Timeout(120)
@SuppressWarnings("try") // resources held open for a block without being read; closers that wait for threads
class KcptunServerInteropTest {

    static final int SIZE = 16 << 20;
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

    static List<String> flags(String crypt, int ds, int ps, boolean comp, int smuxver) {
        List<String> f = new ArrayList<>(List.of("--crypt", crypt, "--key", "interop", "--datashard",
                String.valueOf(ds), "--parityshard", String.valueOf(ps), "--smuxver", String.valueOf(smuxver),
                "--quiet"));
        if (!comp) {
            f.add("--nocomp");
        }
        return f;
    }

    static SessionOptions kcp(String crypt, int ds, int ps) {
        // kcptun's fast mode (0/30/2/1), MTU 1350, stream mode; a larger window than kcptun-client's 128/512
        ConnectionConfig c = ConnectionConfig.builder().noDelay(0, 30, 2, 1).windows(1024, 1024).mtu(1350)
                .streamMode(true).fec(ds, ps).cipher(crypt).key("interop").build();
        // kcptun's --sockbuf default
        return SessionOptions.builder().connection(c).socketReceiveBuffer(4 << 20).socketSendBuffer(4 << 20)
                .build();
    }

    static KcpSession last;

    static SmuxSession dial(int port, String crypt, int ds, int ps, boolean comp, int ver) throws Exception {
        KcpSession kcp = last = KcpSession.dial(transport, new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                kcp(crypt, ds, ps));
        return SmuxSession.client(kcp, SmuxConfig.kcptun().version(ver).compression(comp).build());
    }

    @ParameterizedTest(name = "{0} fec {1}/{2} comp={3} smux v{4}")
    @CsvSource({
        "aes, 10, 3, true, 1",
        "salsa20, 0, 0, false, 2",
        "none, 10, 3, false, 1",
        "aes, 0, 0, true, 2",
    })
    void sixteenMegabytesEchoed(String crypt, int ds, int ps, boolean comp, int ver) throws Exception {
        int udp = Kcptun.freeUdpPort();
        try (Kcptun server = Kcptun.server(udp, echo.port(), flags(crypt, ds, ps, comp, ver));
             SmuxSession session = dial(udp, crypt, ds, ps, comp, ver)) {
            byte[] data = EchoCheck.data(ds * 31L + ver, SIZE);
            long t0 = System.nanoTime();
            SmuxStream s = session.openStream();
            assertEquals(3, s.idUnsigned(), "the first client stream id");
            s.setReadDeadline(Instant.now().plusSeconds(90));
            String got = EchoCheck.echo(s.inputStream(), s.outputStream(), data);
            double secs = (System.nanoTime() - t0) / 1e9;
            assertEquals(EchoCheck.sha256(data), got, "SHA-256 of the echo");
            System.out.printf("kcptun-server %s fec %d/%d comp=%s v%d: 16 MB echoed in %.2f s (%.1f MB/s each way); "
                    + "%s%n  kcp: %s%n", crypt, ds, ps, comp, ver, secs, SIZE / secs / 1e6, session.counters(),
                    last.counters());
            SmuxCounters c = session.counters();
            if (comp) {
                assertTrue(c.get(SmuxCounters.Field.ChunksOut) > 0);
                assertTrue(c.get(SmuxCounters.Field.WireBytesOut) < c.get(SmuxCounters.Field.BytesOut),
                        "half of each block is text: compression must pay");
            }
            if (ver == 2) {
                assertTrue(c.get(SmuxCounters.Field.UpdIn) > 0, "kcptun sends UPD in v2");
                assertTrue(c.get(SmuxCounters.Field.UpdOut) > 0);
            }
            s.close();
            assertFalse(session.isClosed(), "session: " + session.closeDetail());
            assertTrue(server.isAlive(), String.join("\n", server.log()));
        }
    }

    @ParameterizedTest(name = "8 streams, smux v{0}, comp={1}")
    @CsvSource({"1, false", "2, true"})
    void eightParallelStreams(int ver, boolean comp) throws Exception {
        int udp = Kcptun.freeUdpPort();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (Kcptun server = Kcptun.server(udp, echo.port(), flags("aes", 10, 3, comp, ver));
             SmuxSession session = dial(udp, "aes", 10, 3, comp, ver)) {
            long t0 = System.nanoTime();
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                int k = i;
                results.add(pool.submit(() -> {
                    byte[] data = EchoCheck.data(100 + k, 2 << 20);
                    try (SmuxStream s = session.openStream()) {
                        s.setReadDeadline(Instant.now().plusSeconds(90));
                        return EchoCheck.sha256(data).equals(EchoCheck.echo(s.inputStream(), s.outputStream(),
                                data));
                    }
                }));
            }
            for (Future<Boolean> f : results) {
                assertTrue(f.get(), "a stream's echo differs");
            }
            System.out.printf("kcptun-server 8 streams x 2 MB, v%d comp=%s: %.2f s%n", ver, comp,
                    (System.nanoTime() - t0) / 1e9);
            assertEquals(8, session.counters().get(SmuxCounters.Field.StreamsOpened));
            assertFalse(session.isClosed(), "session: " + session.closeDetail());
        } finally {
            pool.shutdownNow();
        }
    }

    /** kcptun takes an unknown --crypt name as aes (KcpLab's CLI refuses it; the library speaks aes to it). */
    @Test
    void unknownCryptNameMeansAesInKcptun() throws Exception {
        int udp = Kcptun.freeUdpPort();
        try (Kcptun server = Kcptun.server(udp, echo.port(), flags("rot13", 10, 3, false, 1));
             SmuxSession session = dial(udp, "aes", 10, 3, false, 1)) {
            byte[] data = EchoCheck.data(5, 65536);
            SmuxStream s = session.openStream();
            s.setReadDeadline(Instant.now().plusSeconds(20));
            assertEquals(EchoCheck.sha256(data), EchoCheck.echo(s.inputStream(), s.outputStream(), data));
        }
    }
}
