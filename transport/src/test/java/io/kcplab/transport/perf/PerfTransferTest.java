package io.kcplab.transport.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kcplab.protocol.ConnectionConfig;
import io.kcplab.protocol.ModePreset;
import io.kcplab.transport.KcpTransport;
import io.kcplab.transport.SessionOptions;
import io.kcplab.transport.Wire;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** In-process PerfServer + PerfClient on 127.0.0.1: every direction and framing, and the failure checks. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PerfTransferTest {

    private static final InetSocketAddress ANY = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private static final int MB = 1 << 20;

    private KcpTransport transport;
    private PerfServer server;
    private final LinkedBlockingQueue<PerfReport> serverReports = new LinkedBlockingQueue<>();

    @BeforeEach
    void open() {
        transport = KcpTransport.create(2);
    }

    @AfterEach
    void close() {
        if (server != null) {
            server.close();
        }
        transport.close();
    }

    static SessionOptions aesFec(boolean stream) {
        return SessionOptions.builder().connection(ConnectionConfig.builder().mode(ModePreset.FAST3).cipher("aes")
                .fec(10, 3).streamMode(stream).build()).wire(Wire.KCP_GO).socketReceiveBuffer(4 << 20)
                .socketSendBuffer(4 << 20).build();
    }

    static SessionOptions raw(boolean stream) {
        return SessionOptions.builder().connection(ConnectionConfig.builder().mode(ModePreset.FAST3).cipher(null)
                .fec(0, 0).streamMode(stream).build()).wire(Wire.RAW).socketReceiveBuffer(4 << 20)
                .socketSendBuffer(4 << 20).build();
    }

    private InetSocketAddress serve(SessionOptions o, boolean echo) throws Exception {
        server = PerfServer.start(transport, ANY, o, new PerfServer.Config().echo(echo), serverReports::add);
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.localAddress().getPort());
    }

    private PerfReport serverReport() throws InterruptedException {
        PerfReport r = serverReports.poll(20, TimeUnit.SECONDS);
        assertNotNull(r, "the server reported no session");
        return r;
    }

    private static void assertGood(PerfReport r, PerfDirection d, long bytes, long seed) {
        assertTrue(r.ok(), () -> r.role() + ": " + r.failure());
        assertNull(r.failure());
        assertEquals(d, r.direction());
        assertEquals(bytes, r.bytes());
        assertEquals(bytes, r.receiverBytes());
        assertEquals(StreamPattern.sha256(seed, bytes), r.senderSha256());
        assertEquals(r.senderSha256(), r.receiverSha256());
        assertEquals(-1, r.mismatchAt());
        assertTrue(r.goodputMbps() > 0);
    }

    @Test
    void forwardStreamAesFec() throws Exception {
        SessionOptions o = aesFec(true);
        InetSocketAddress to = serve(o, false);
        List<PerfInterval> seen = new CopyOnWriteArrayList<>();
        PerfReport r = PerfClient.run(transport, to, o, PerfClient.Config.bytes(4 * MB).seed(42)
                .reportInterval(Duration.ofMillis(100)), seen::add);
        assertGood(r, PerfDirection.FORWARD, 4 * MB, 42);
        assertEquals("client", r.role());
        assertEquals(seen, r.intervals());
        assertEquals(4 * MB, r.intervals().stream().mapToLong(PerfInterval::bytes).sum());
        assertTrue(r.sender().segmentsSent() > 4 * MB / 1400, "sender counters come from the client");
        PerfReport s = serverReport();
        assertGood(s, PerfDirection.FORWARD, 4 * MB, 42);
        assertEquals("server", s.role());
    }

    @Test
    void forwardMessageModeAesFec() throws Exception {
        SessionOptions o = aesFec(false);
        InetSocketAddress to = serve(o, false);
        PerfReport r = PerfClient.run(transport, to, o, PerfClient.Config.bytes(3 * MB + 12345).seed(5), null);
        assertGood(r, PerfDirection.FORWARD, 3 * MB + 12345, 5);
        assertGood(serverReport(), PerfDirection.FORWARD, 3 * MB + 12345, 5);
    }

    @Test
    void forwardRawWireBothFramings() throws Exception {
        for (boolean stream : new boolean[] {true, false}) {
            SessionOptions o = raw(stream);
            InetSocketAddress to = serve(o, false);
            PerfReport r = PerfClient.run(transport, to, o, PerfClient.Config.bytes(2 * MB).seed(9).chunk(10_000),
                    null);
            assertGood(r, PerfDirection.FORWARD, 2 * MB, 9);
            assertEquals(10_000, r.chunk());
            assertGood(serverReport(), PerfDirection.FORWARD, 2 * MB, 9);
            server.close();
            server = null;
        }
    }

    @Test
    void reverseStreamAndMessage() throws Exception {
        for (boolean stream : new boolean[] {true, false}) {
            SessionOptions o = aesFec(stream);
            InetSocketAddress to = serve(o, false);
            PerfReport r = PerfClient.run(transport, to, o, PerfClient.Config.bytes(3 * MB).seed(77).reverse(true),
                    null);
            assertGood(r, PerfDirection.REVERSE, 3 * MB, 77);
            assertTrue(r.receiver().segmentsSent() > 0);
            PerfReport s = serverReport();
            assertGood(s, PerfDirection.REVERSE, 3 * MB, 77);
            server.close();
            server = null;
        }
    }

    @Test
    void reverseTimed() throws Exception {
        SessionOptions o = raw(true);
        InetSocketAddress to = serve(o, false);
        PerfReport r = PerfClient.run(transport, to, o, PerfClient.Config.time(Duration.ofMillis(700)).seed(3)
                .reverse(true).reportInterval(Duration.ofMillis(200)), null);
        assertGood(r, PerfDirection.REVERSE, r.bytes(), 3);
        assertTrue(r.bytes() > 0);
        assertTrue(r.durationMicros() >= 600_000, "lasted " + r.durationMicros() + " us");
        assertTrue(r.intervals().size() >= 3, "intervals: " + r.intervals());
        serverReport();
    }

    @Test
    void echoStreamAndMessage() throws Exception {
        for (boolean stream : new boolean[] {true, false}) {
            SessionOptions o = aesFec(stream);
            InetSocketAddress to = serve(o, true);
            PerfReport r = PerfClient.run(transport, to, o, PerfClient.Config.bytes(MB).seed(21), null);
            assertGood(r, PerfDirection.ECHO, MB, 21);
            assertEquals(MB, r.echoBytes());
            assertEquals(r.senderSha256(), r.echoSha256());
            assertGood(serverReport(), PerfDirection.ECHO, MB, 21);
            server.close();
            server = null;
        }
    }

    @Test
    void forwardTimed() throws Exception {
        SessionOptions o = aesFec(true);
        InetSocketAddress to = serve(o, false);
        PerfReport r = PerfClient.run(transport, to, o, PerfClient.Config.time(Duration.ofMillis(500)).seed(1),
                null);
        assertGood(r, PerfDirection.FORWARD, r.bytes(), 1);
        assertTrue(r.bytes() > 0);
        serverReport();
    }

    @Test
    void wrongSeedIsDetectedOnBothEnds() throws Exception {
        SessionOptions o = raw(true);
        InetSocketAddress to = serve(o, false);
        PerfReport r = PerfClient.run(transport, to, o, PerfClient.Config.bytes(MB).seed(10).announcedSeed(11L),
                null);
        assertFalse(r.ok());
        assertEquals(r.senderSha256(), r.receiverSha256(), "the bytes arrived intact");
        assertEquals(0, r.mismatchAt(), "but they are not seed 11's pattern");
        assertTrue(r.failure().contains("pattern of seed 11"), r.failure());
        PerfReport s = serverReport();
        assertFalse(s.ok());
        // reverse: the server generates seed 11's pattern, the client expects seed 10's
        PerfReport rev = PerfClient.run(transport, to, o, PerfClient.Config.bytes(MB).seed(10).announcedSeed(11L)
                .reverse(true), null);
        assertFalse(rev.ok());
        assertEquals(0, rev.mismatchAt());
    }

    @Test
    void silentServerTimesOut() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(ANY)) {
            InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), silent.getLocalPort());
            long start = System.nanoTime();
            PerfException e = assertThrows(PerfException.class, () -> PerfClient.run(transport, to, raw(true),
                    PerfClient.Config.bytes(MB).connectTimeout(Duration.ofMillis(800)), null));
            assertTrue(e.getMessage().startsWith("no answer from 127.0.0.1:" + silent.getLocalPort()), e.getMessage());
            assertTrue(System.nanoTime() - start < 5_000_000_000L);
        }
    }

    @Test
    void mismatchedSettingsGiveNoAnswer() throws Exception {
        InetSocketAddress to = serve(aesFec(true), false);
        PerfException e = assertThrows(PerfException.class, () -> PerfClient.run(transport, to, raw(true),
                PerfClient.Config.bytes(MB).connectTimeout(Duration.ofMillis(800)), null));
        assertTrue(e.getMessage().contains("same --crypt"), e.getMessage());
    }

    @Test
    void framingMismatchIsRefused() throws Exception {
        InetSocketAddress to = serve(raw(true), false);
        PerfException e = assertThrows(PerfException.class, () -> PerfClient.run(transport, to, raw(false),
                PerfClient.Config.bytes(MB), null));
        assertTrue(e.getMessage().contains("same --stream/--message"), e.getMessage());
        assertFalse(serverReport().ok());
    }

    @Test
    void configValidation() {
        assertThrows(IllegalArgumentException.class, () -> PerfClient.Config.bytes(0));
        assertThrows(IllegalArgumentException.class, () -> PerfClient.Config.bytes(-5));
        assertThrows(IllegalArgumentException.class, () -> PerfClient.Config.time(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> PerfClient.Config.bytes(1).chunk(-1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PerfClient.chunkFor(1 << 20, raw(false)));
        assertTrue(e.getMessage().startsWith("length: "), e.getMessage());
    }
}
