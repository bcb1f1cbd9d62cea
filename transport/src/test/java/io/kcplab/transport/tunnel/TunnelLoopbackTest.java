package io.kcplab.transport.tunnel;

import io.kcplab.protocol.ConnectionConfig;
import io.kcplab.transport.KcpTransport;
import io.kcplab.transport.SessionOptions;
import io.kcplab.transport.smux.EchoCheck;
import io.kcplab.transport.smux.EchoServer;
import io.kcplab.transport.smux.SmuxConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** KcpLab's tunnel client and server against each other (no kcptun needed). */
@Timeout(60)
class TunnelLoopbackTest {

    static final InetAddress LO = InetAddress.getLoopbackAddress();

    static SessionOptions kcp() {
        return SessionOptions.builder().connection(ConnectionConfig.builder().noDelay(1, 10, 2, 1)
                .windows(1024, 1024).streamMode(true).fec(10, 3).cipher("aes").key("k").build())
                .socketReceiveBuffer(4 << 20).socketSendBuffer(4 << 20).build();
    }

    @Test
    void roundRobinOverTwoSessionsWithCountersAndSnmpLog(@TempDir Path dir) throws Exception {
        ConcurrentLinkedQueue<String> log = new ConcurrentLinkedQueue<>();
        SmuxConfig smux = SmuxConfig.kcptun().version(2).build();
        try (KcpTransport t = KcpTransport.create(1);
             EchoServer echo = new EchoServer();
             TunnelServer server = TunnelServer.start(t, new InetSocketAddress(LO, 0),
                     new InetSocketAddress(LO, echo.port()), TunnelConfig.of(kcp(), smux), log::add);
             TunnelClient client = TunnelClient.start(t, new InetSocketAddress(LO, 0),
                     new InetSocketAddress(LO, server.localAddress().getPort()),
                     new TunnelConfig(kcp(), smux, 2, 0, 600, false), log::add)) {
            for (int i = 0; i < 4; i++) {
                byte[] data = EchoCheck.data(i, 256 << 10);
                long t0 = System.nanoTime();
                try (Socket s = new Socket(LO, client.localAddress().getPort())) {
                    s.setSoTimeout(20_000);
                    assertEquals(EchoCheck.sha256(data), EchoCheck.echo(s.getInputStream(), s.getOutputStream(),
                            data));
                }
                System.out.printf("connection %d: %.3f s%n", i, (System.nanoTime() - t0) / 1e9);
            }
            assertEquals(2, client.stats().sessionsOpened(), "--conn 2");
            assertEquals(4, client.stats().streamsOpened());
            assertEquals(2, server.stats().sessionsOpened());
            Map<String, Long> snmp = client.snmp();
            System.out.println(snmp + "\n" + client.smuxCounters() + "\n" + server.smuxCounters());
            assertEquals(2, snmp.get("CurrEstab"));
            assertTrue(snmp.get("BytesSent") > 0 && snmp.get("OutPkts") > 0);
            Path file = dir.resolve("snmp-20060102.log");
            ZonedDateTime now = ZonedDateTime.of(2026, 12, 4, 17, 30, 5, 0, ZoneOffset.UTC);
            Path actual = SnmpLog.file(file.toString(), now);
            assertEquals(dir.resolve("snmp-20261204.log"), actual);
            SnmpLog.append(actual, 1, snmp);
            SnmpLog.append(actual, 2, client.snmp());
            List<String> lines = Files.readAllLines(actual);
            assertEquals(3, lines.size());
            assertTrue(lines.get(0).startsWith("Unix,BytesSent,BytesReceived,MaxConn,ActiveOpens,PassiveOpens,"
                    + "CurrEstab,InErrs,InCsumErrors,KCPInErrors,InPkts,OutPkts,InSegs,OutSegs,InBytes,OutBytes,"
                    + "RetransSegs,FastRetransSegs,EarlyRetransSegs,LostSegs,RepeatSegs,FECParityShards,FECErrs,"
                    + "FECRecovered,FECShortShards"), lines.get(0));
            assertEquals(25, lines.get(1).split(",").length);
            assertTrue(log.stream().anyMatch(l -> l.startsWith("stream closed in: ")), log.toString());
        }
    }

    @Test
    void goTimeLayoutInTheFileNameOnly() {
        ZonedDateTime t = ZonedDateTime.of(2026, 1, 2, 15, 4, 5, 0, ZoneOffset.UTC);
        assertEquals("snmp-2026-01-02_150405.csv", SnmpLog.goFormat("snmp-2006-01-02_150405.csv", t));
        assertEquals(Path.of("/tmp/2006/x-20260102.log"), SnmpLog.file("/tmp/2006/x-20060102.log", t));
    }

    @Test
    void configRefusesMessageModeAndBadCounts() {
        SessionOptions message = SessionOptions.builder().connection(ConnectionConfig.builder().streamMode(false)
                .build()).build();
        assertThrows(IllegalArgumentException.class, () -> TunnelConfig.of(message, SmuxConfig.defaults()));
        assertThrows(IllegalArgumentException.class, () -> new TunnelConfig(kcp(), SmuxConfig.defaults(), 0, 0, 0,
                false));
    }
}
