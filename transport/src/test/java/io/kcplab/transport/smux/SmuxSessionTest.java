package io.kcplab.transport.smux;

import io.kcplab.transport.smux.SmuxCounters.Field;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class SmuxSessionTest {

    static SmuxConfig config(int ver, boolean comp) {
        return SmuxConfig.builder().version(ver).compression(comp).build();
    }

    static void closeAll(SmuxSession... s) {
        for (SmuxSession x : s) {
            x.close();
        }
    }

    static byte[] readAll(SmuxStream s, int n) throws IOException {
        byte[] b = new byte[n];
        int got = 0;
        while (got < n) {
            int k = s.read(b, got, n - got);
            if (k < 0) {
                throw new EOFException("after " + got);
            }
            got += k;
        }
        return b;
    }

    @ParameterizedTest(name = "v{0} comp={1}")
    @CsvSource({"1, false", "1, true", "2, false", "2, true"})
    void streamsCarryBytesBothWays(int ver, boolean comp) throws Exception {
        SmuxSession[] s = PipePair.sessions(config(ver, comp), config(ver, comp));
        try {
            SmuxStream c1 = s[0].openStream();
            SmuxStream c2 = s[0].openStream();
            assertEquals(3, c1.idUnsigned());
            assertEquals(5, c2.idUnsigned());
            byte[] data = EchoCheck.data(4, 1 << 20);
            CompletableFuture<Void> w = CompletableFuture.runAsync(() -> {
                try {
                    c1.write(data, 0, data.length);
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            SmuxStream a1 = s[1].acceptStream(Duration.ofSeconds(5));
            assertEquals(3, a1.idUnsigned());
            assertArrayEquals(data, readAll(a1, data.length));
            w.get(5, TimeUnit.SECONDS);
            SmuxStream a2 = s[1].acceptStream(Duration.ofSeconds(5));
            a2.write(new byte[] {9, 8, 7}, 0, 3);
            assertArrayEquals(new byte[] {9, 8, 7}, readAll(c2, 3));
            SmuxStream server1 = s[1].openStream();
            assertEquals(2, server1.idUnsigned());
            assertEquals(2, s[0].acceptStream(Duration.ofSeconds(5)).idUnsigned());
            if (ver == 2) {
                assertTrue(s[1].counters().get(Field.UpdOut) >= 2, "UPD after the first read, then per half buffer");
            }
            if (comp) {
                assertTrue(s[0].counters().get(Field.WireBytesOut) < data.length);
            }
            assertEquals(data.length, c1.stats().bytesWritten());
            assertEquals(data.length, a1.stats().bytesRead());
        } finally {
            closeAll(s);
        }
    }

    @Test
    void finEndsReadsAfterTheBufferAndFailsWrites() throws Exception {
        SmuxSession[] s = PipePair.sessions(config(2, false), config(2, false));
        try {
            SmuxStream c = s[0].openStream();
            c.write(new byte[] {1, 2, 3}, 0, 3);
            SmuxStream a = s[1].acceptStream(Duration.ofSeconds(5));
            c.close();
            assertFalse(c.isOpen());
            assertArrayEquals(new byte[] {1, 2, 3}, readAll(a, 3));
            assertEquals(-1, a.read(new byte[1], 0, 1));
            assertTrue(a.isRemoteClosed());
            assertThrows(EOFException.class, () -> a.write(new byte[1], 0, 1), "no half-close");
            assertThrows(IOException.class, () -> c.read(new byte[1], 0, 1));
            a.close();
            assertEquals(0, s[0].streamCount());
            assertEquals(0, s[1].streamCount());
        } finally {
            closeAll(s);
        }
    }

    @Test
    void dataForAStreamClosedHereIsDiscardedAndCounted() throws Exception {
        PipePair p = new PipePair();
        SmuxSession s = SmuxSession.open(SmuxSession.Role.SERVER, p.a.in(), p.a.out(), p.a.close(), config(1, false));
        try {
            p.b.out().write(Frame.control(1, Frame.SYN, 3).encode());
            p.b.out().write(new Frame(1, Frame.PSH, 3, new byte[] {1, 2}).encode());
            SmuxStream a = s.acceptStream(Duration.ofSeconds(5));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (a.available() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(s.config().maxReceiveBuffer() - 2, s.receiveTokens());
            a.close();
            assertEquals(s.config().maxReceiveBuffer(), s.receiveTokens(), "unread bytes returned to the bucket");
            p.b.out().write(new Frame(1, Frame.PSH, 3, new byte[10]).encode());
            p.b.out().write(new Frame(1, Frame.PSH, 99, new byte[5]).encode());
            while (s.counters().get(Field.DiscardedBytes) < 15 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(15, s.counters().get(Field.DiscardedBytes));
            assertEquals(2, s.counters().get(Field.UnknownStreamFrames));
            assertEquals(s.config().maxReceiveBuffer(), s.receiveTokens());
            assertFalse(s.isClosed());
        } finally {
            s.close();
        }
    }

    @Test
    void exhaustedBucketStopsReadingUntilTheApplicationReads() throws Exception {
        SmuxConfig small = SmuxConfig.builder().maxReceiveBuffer(65536).maxStreamBuffer(65536).build();
        SmuxSession[] s = PipePair.sessions(config(1, false), small);
        try {
            SmuxStream c = s[0].openStream();
            byte[] data = EchoCheck.data(8, 4 << 20);
            CompletableFuture<Void> w = CompletableFuture.runAsync(() -> {
                try {
                    c.write(data, 0, data.length);
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            SmuxStream a = s[1].acceptStream(Duration.ofSeconds(5));
            Thread.sleep(300);
            assertFalse(w.isDone(), "the writer is held back by the pipe once the reader stops");
            assertTrue(s[1].receiveTokens() <= 0);
            assertTrue(s[1].counters().get(Field.BucketStalls) >= 1);
            assertTrue(a.available() <= 65536 + Frame.MAX_FRAME_SIZE, "buffered " + a.available());
            assertArrayEquals(data, readAll(a, data.length));
            w.get(5, TimeUnit.SECONDS);
        } finally {
            closeAll(s);
        }
    }

    @Test
    void v2WriterStopsAtThePeersWindow() throws Exception {
        SmuxConfig big = SmuxConfig.builder().version(2).maxStreamBuffer(1 << 20).build();
        SmuxSession[] s = PipePair.sessions(big, big);
        try {
            SmuxStream c = s[0].openStream();
            byte[] data = new byte[SmuxSession.INITIAL_PEER_WINDOW + 1000];
            c.setWriteDeadline(Instant.now().plusMillis(500));
            SocketTimeoutException e = assertThrows(SocketTimeoutException.class, () -> c.write(data, 0,
                    data.length));
            assertTrue(e.getMessage().contains("peer window"), e.getMessage());
            assertEquals(SmuxSession.INITIAL_PEER_WINDOW, c.stats().bytesWritten());
            assertTrue(c.stats().windowStalls() > 0);
            SmuxStream a = s[1].acceptStream(Duration.ofSeconds(5));
            readAll(a, 1);
            c.setWriteDeadline(null);
            c.write(data, 0, 1000); // the UPD after the first read: consumed 1, window 1 MiB
            assertEquals(1, a.stats().updatesSent());
        } finally {
            closeAll(s);
        }
    }

    @Test
    void keepaliveTimeoutEndsASilentSession() throws Exception {
        PipePair p = new PipePair();
        SmuxConfig fast = SmuxConfig.builder().keepAliveInterval(Duration.ofMillis(100))
                .keepAliveTimeout(Duration.ofMillis(300)).build();
        // nobody on the other end: its NOPs go out, nothing comes in
        SmuxSession s = SmuxSession.open(SmuxSession.Role.CLIENT, p.a.in(), p.a.out(), p.a.close(), fast);
        CompletableFuture.runAsync(() -> {
            try {
                p.b.in().transferTo(OutputStream.nullOutputStream());
            } catch (IOException ignored) {
                // closed
            }
        });
        assertTrue(s.awaitClosed(Duration.ofSeconds(5)));
        assertEquals(SmuxCloseReason.KEEPALIVE_TIMEOUT, s.closeReason());
        assertEquals(1, s.counters().get(Field.KeepaliveTimeouts));
        assertTrue(s.counters().get(Field.NopOut) >= 1);
    }

    @Test
    void nopsKeepAnIdleSessionAlive() throws Exception {
        SmuxConfig fast = SmuxConfig.builder().keepAliveInterval(Duration.ofMillis(100))
                .keepAliveTimeout(Duration.ofMillis(300)).build();
        SmuxSession[] s = PipePair.sessions(fast, fast);
        try {
            Thread.sleep(1000);
            assertFalse(s[0].isClosed());
            assertFalse(s[1].isClosed());
            assertTrue(s[1].counters().get(Field.NopIn) >= 5);
        } finally {
            closeAll(s);
        }
    }

    @Test
    void invalidFrameEndsTheSessionWithAReason() throws Exception {
        PipePair p = new PipePair();
        SmuxSession s = SmuxSession.open(SmuxSession.Role.SERVER, p.a.in(), p.a.out(), p.a.close(), config(1, false));
        p.b.out().write(Frame.control(1, Frame.SYN, 3).encode());
        p.b.out().write(HexFormat.of().parseHex("0109000003000000"));
        SmuxStream a = s.acceptStream(Duration.ofSeconds(5));
        assertTrue(s.awaitClosed(Duration.ofSeconds(5)));
        assertEquals(SmuxCloseReason.PROTOCOL_ERROR, s.closeReason());
        assertEquals("invalid protocol: unknown command 9 (version 1)", s.closeDetail());
        assertEquals(1, s.counters().get(Field.ProtocolErrors));
        IOException e = assertThrows(IOException.class, () -> a.read(new byte[1], 0, 1));
        assertTrue(e.getMessage().contains("PROTOCOL_ERROR"), e.getMessage());
        assertThrows(IOException.class, s::openStream);
    }

    @Test
    void corruptChunkEndsTheSessionWithAReason() throws Exception {
        PipePair p = new PipePair();
        SmuxSession s = SmuxSession.open(SmuxSession.Role.SERVER, p.a.in(), p.a.out(), p.a.close(), config(1, true));
        SnappyFraming f = new SnappyFraming();
        byte[] syn = Frame.control(1, Frame.SYN, 3).encode();
        p.b.out().write(f.encode(syn, 0, syn.length));
        byte[] psh = new Frame(1, Frame.PSH, 3, new byte[100]).encode();
        byte[] chunk = f.encode(psh, 0, psh.length);
        chunk[5] ^= 0x40; // the CRC
        p.b.out().write(chunk);
        assertTrue(s.awaitClosed(Duration.ofSeconds(5)));
        assertEquals(SmuxCloseReason.CORRUPT_COMPRESSION, s.closeReason());
        assertEquals("snappy: chunk checksum mismatch (CRC-32C)", s.closeDetail());
        assertEquals(1, s.counters().get(Field.CorruptChunks));
    }

    @Test
    void uncompressedPeerIsCaughtByTheSnappyReader() throws Exception {
        SmuxSession[] s = PipePair.sessions(config(1, false), config(1, true));
        s[0].openStream();
        assertTrue(s[1].awaitClosed(Duration.ofSeconds(5)));
        assertEquals(SmuxCloseReason.CORRUPT_COMPRESSION, s[1].closeReason());
        assertTrue(s[1].closeDetail().contains("--nocomp"), s[1].closeDetail());
        closeAll(s);
    }

    @Test
    void fullAcceptBacklogAnswersWithFin() throws Exception {
        SmuxSession[] s = PipePair.sessions(config(1, false), SmuxConfig.builder().acceptBacklog(2).build());
        try {
            s[0].openStream();
            s[0].openStream();
            SmuxStream third = s[0].openStream();
            assertEquals(-1, third.read(new byte[1], 0, 1), "refused with FIN");
            assertEquals(1, s[1].counters().get(Field.BacklogFull));
            assertEquals(3, s[1].acceptStream().idUnsigned());
            assertEquals(5, s[1].acceptStream().idUnsigned());
        } finally {
            closeAll(s);
        }
    }

    @Test
    void readDeadlineTimesOutAndEndOfConnectionClosesTheSession() throws Exception {
        SmuxSession[] s = PipePair.sessions(config(1, false), config(1, false));
        SmuxStream c = s[0].openStream();
        c.setReadDeadline(Instant.now().plusMillis(100));
        assertThrows(SocketTimeoutException.class, () -> c.read(new byte[1], 0, 1));
        s[1].close();
        assertEquals(SmuxCloseReason.LOCAL, s[1].closeReason());
        assertTrue(s[0].awaitClosed(Duration.ofSeconds(5)));
        assertEquals(SmuxCloseReason.CONNECTION_CLOSED, s[0].closeReason());
    }

    @Test
    void sendOrderIsControlFirstThenTheLeastServedStream() {
        // control (prio 0) before data of a stream that already sent 64 KiB (v2 prio 65536)
        assertTrue(FrameWriter.order(0, 9, 65536, 1) < 0);
        // a fresh stream (0 bytes) before a busy one, whatever the arrival order
        assertTrue(FrameWriter.order(0, 5, 1 << 20, 2) < 0);
        // equal priority: first come first served (keeps SYN before the same stream's first PSH)
        assertTrue(FrameWriter.order(0, 1, 0, 2) < 0);
        assertTrue(FrameWriter.order(0, 2, 0, 1) > 0);
        // the signed 32-bit difference, as smux: just past the wrap a counter still sorts after one just before it
        assertTrue(FrameWriter.order(Integer.MAX_VALUE, 1, Integer.MIN_VALUE, 2) < 0);
    }

    @Test
    void twoWritersShareTheSession() throws Exception {
        // two streams writing 8 frames each concurrently both complete
        SmuxSession[] s = PipePair.sessions(config(1, false), config(1, false));
        try {
            SmuxStream x = s[0].openStream();
            SmuxStream y = s[0].openStream();
            byte[] big = new byte[8 * Frame.MAX_FRAME_SIZE];
            Arrays.fill(big, (byte) 1);
            CompletableFuture<Void> wx = CompletableFuture.runAsync(() -> write(x, big));
            CompletableFuture<Void> wy = CompletableFuture.runAsync(() -> write(y, big));
            SmuxStream ax = s[1].acceptStream();
            SmuxStream ay = s[1].acceptStream();
            readAll(ax, big.length);
            readAll(ay, big.length);
            wx.get(5, TimeUnit.SECONDS);
            wy.get(5, TimeUnit.SECONDS);
            assertEquals(16, s[0].counters().get(Field.PshOut));
        } finally {
            closeAll(s);
        }
    }

    private static void write(SmuxStream s, byte[] b) {
        try {
            s.write(b, 0, b.length);
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    @Test
    void configRefusesWhatSmuxRefuses() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SmuxConfig.kcptun().keepAliveInterval(Duration.ofSeconds(31)).build());
        assertTrue(e.getMessage().startsWith("keepalive:"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SmuxConfig.builder().version(3).build());
        assertThrows(IllegalArgumentException.class, () -> SmuxConfig.builder().maxStreamBuffer(0).build());
        assertEquals("smux v1 keepalive 10s/30s frame 32768 smuxbuf 4194304 streambuf 2097152 snappy",
                SmuxConfig.kcptun().build().toString());
    }
}
