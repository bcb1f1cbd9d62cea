package io.kcplab.transport.scale;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kcplab.protocol.ConnectionConfig;
import io.kcplab.protocol.ModePreset;
import io.kcplab.transport.CloseReason;
import io.kcplab.transport.KcpListener;
import io.kcplab.transport.KcpSession;
import io.kcplab.transport.KcpTransport;
import io.kcplab.transport.SessionClosedException;
import io.kcplab.transport.SessionOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Peers that vanish mid-transfer (their whole transport closes: sockets gone, no FIN, nothing more sent or
 * acknowledged) while other peers of the same listeners keep transferring. Extends DeadPeerTest (a dialled writer
 * whose server vanishes; an idle server session whose client closed) to the listener side under load:
 * <ul>
 *   <li>download listener (server sends; dead link after 8 transmissions of a segment, no idle timeout): the
 *       server sessions of the vanished clients close with DEAD_LINK within the bound the engine's RTO chain
 *       allows, their blocked writer threads get SessionClosedException, and the listener frees them
 *       (sessionCount, its demultiplexing table, the loops' timers);</li>
 *   <li>upload listener (server only receives and acks, so no retransmission can ever fail; idle timeout 1.5 s):
 *       the server sessions of the vanished uploaders close with IDLE_TIMEOUT within idle timeout + slack;</li>
 *   <li>the surviving sessions of both listeners finish their transfers intact (SHA-256).</li>
 * </ul>
 * Settings: fast3 (nodelay 1, interval 10 ms), kcp-go engine, crypt aes, no FEC, windows 32/32 (little queueing: the RTO, hence the dead-link time, stays
 * short), stream mode. Surviving uploaders send a byte every 200 ms once done, or the idle timeout would close
 * them too.
 */
class VanishingPeerTest {

    static final long SEED = 0xDEAD_0003L;
    static final int DEAD_LINK = 8;
    static final Duration IDLE = Duration.ofMillis(1500);
    static final Duration SLACK = Duration.ofSeconds(3);
    static final Duration T = Duration.ofSeconds(30);
    static final long SURVIVOR_BYTES = 4 << 20;
    static final long ENDLESS = 1L << 30;
    static final long MID_TRANSFER = 512 << 10;
    static final int PAIRS_VANISHING = 2;
    static final int PAIRS_SURVIVING = 2;
    private static volatile boolean stopKeepalives;

    static ConnectionConfig config() {
        return ConnectionConfig.builder().mode(ModePreset.FAST3).cipher("aes").fec(0, 0).windows(32, 32)
                .streamMode(true).build();
    }

    /** One transfer: who runs it, what it moved, how it ended. */
    static final class Transfer {
        final boolean vanishes;
        final boolean download;
        KcpSession client;
        volatile KcpSession server;
        final AtomicLong moved = new AtomicLong();
        final AtomicLong keepalives = new AtomicLong();
        volatile byte[] receivedDigest;
        volatile byte[] expectedDigest;
        final AtomicReference<Throwable> writerEnd = new AtomicReference<>();
        volatile long closedAtNanos;
        Thread thread;

        Transfer(boolean vanishes, boolean download) {
            this.vanishes = vanishes;
            this.download = download;
        }

        long wanted() {
            return vanishes ? ENDLESS : SURVIVOR_BYTES;
        }
    }

    static byte[] chunk(SplittableRandom r, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) r.nextInt(256);
        }
        return b;
    }

    /** Writes {@code total} seeded bytes in 16 KiB chunks; returns the SHA-256 of what it wrote. */
    static byte[] writeStream(KcpSession s, long seed, long total, AtomicLong moved) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        SplittableRandom r = new SplittableRandom(seed);
        for (long done = 0; done < total; ) {
            int n = (int) Math.min(16 << 10, total - done);
            byte[] b = chunk(r, n);
            s.write(b, 0, n);
            md.update(b);
            done += n;
            moved.addAndGet(n);
        }
        return md.digest();
    }

    @Test
    @Timeout(180)
    void survivorsDetectVanishedPeersAndFreeTheirSessions() throws Exception {
        long t0 = System.nanoTime();
        stopKeepalives = false;
        SessionOptions down = SessionOptions.builder().connection(config()).deadLink(DEAD_LINK)
                .writeTimeout(T).readTimeout(T).build();
        SessionOptions up = SessionOptions.builder().connection(config()).idleTimeout(IDLE)
                .writeTimeout(T).readTimeout(T).build();
        SessionOptions clientOptions = SessionOptions.builder().connection(config()).writeTimeout(T).readTimeout(T)
                .build();
        Map<Integer, Transfer> byClientPort = new ConcurrentHashMap<>();
        List<Transfer> all = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        KcpTransport server = KcpTransport.create(2);
        KcpTransport vanishing = KcpTransport.create(1);
        KcpTransport surviving = KcpTransport.create(1);
        try {
            KcpListener ld = KcpListener.bind(server, ScaleSupport.ANY_PORT, down);
            KcpListener lu = KcpListener.bind(server, ScaleSupport.ANY_PORT, up);
            // Download server: the first 8 bytes ask for a length; a writer thread sends that many seeded bytes.
            ld.onAccept(s -> {
                Transfer tr = byClientPort.get(s.remoteAddress().getPort());
                tr.server = s;
                Thread w = new Thread(() -> {
                    try {
                        byte[] ask = new byte[8];
                        for (int n = 0; n < 8; ) {
                            int k = s.read(ask, n, 8 - n);
                            if (k < 0) {
                                throw new IOException("closed before the request");
                            }
                            n += k;
                        }
                        long wanted = ByteBuffer.wrap(ask).getLong();
                        writeStream(s, SEED ^ s.conv(), wanted, new AtomicLong());
                        s.awaitSent(T);
                    } catch (Throwable e) {
                        tr.writerEnd.set(e);
                    }
                }, "download-writer-" + s.conv());
                w.setDaemon(true);
                w.start();
            });
            // Upload server: hashes on the event loop (onReadable + readNow), no thread.
            lu.onAccept(s -> {
                Transfer tr = byClientPort.get(s.remoteAddress().getPort());
                tr.server = s;
                MessageDigest md = sha256();
                byte[] buf = new byte[16 << 10];
                s.onReadable(() -> {
                    try {
                        int n;
                        long left;
                        while ((left = tr.wanted() - tr.moved.get()) > 0
                                && (n = s.readNow(buf, 0, (int) Math.min(buf.length, left))) > 0) {
                            md.update(buf, 0, n);
                            if (tr.moved.addAndGet(n) == tr.wanted()) {
                                tr.receivedDigest = md.digest();
                            }
                        }
                        while (tr.moved.get() == tr.wanted() && s.readNow(buf, 0, buf.length) > 0) {
                            tr.keepalives.incrementAndGet(); // what a surviving uploader sends once done
                        }
                    } catch (IOException e) {
                        // closed
                    }
                });
            });

            for (int i = 0; i < 2 * (PAIRS_VANISHING + PAIRS_SURVIVING); i++) {
                boolean vanishes = i % 4 < 2;
                boolean download = i % 2 == 0;
                Transfer tr = new Transfer(vanishes, download);
                KcpSession c = KcpSession.dial(vanishes ? vanishing : surviving,
                        ScaleSupport.to(download ? ld : lu), clientOptions);
                tr.client = c;
                byClientPort.put(c.localAddress().getPort(), tr);
                all.add(tr);
                Thread th = new Thread(() -> runClient(tr), "client-" + i);
                th.setDaemon(true);
                tr.thread = th;
                threads.add(th);
            }
            threads.forEach(Thread::start);

            // Mid-transfer: every vanishing transfer has moved at least 512 KiB.
            ScaleSupport.await("vanishing transfers under way", T, () -> describe(all),
                    () -> all.stream().filter(tr -> tr.vanishes).allMatch(tr -> tr.moved.get() >= MID_TRANSFER));
            long maxRto = 0;
            for (Transfer tr : all) {
                if (tr.vanishes && tr.download) {
                    maxRto = Math.max(maxRto, tr.server.stats().rto());
                }
            }
            // The bound for a dead link: kcp-go's RTO chain for one segment (rto grows by rto/2 per timeout with
            // nodelay), from the largest RTO the sessions had, times 1.5, plus one interval per step and slack.
            double chain = 0;
            for (int k = 0; k < DEAD_LINK - 1; k++) {
                chain += 1 + k / 2.0;
            }
            long deadBoundMs = (long) (1.5 * Math.max(maxRto, 30) * chain) + DEAD_LINK * 10 + SLACK.toMillis();
            long idleBoundMs = IDLE.toMillis() + SLACK.toMillis();
            // Every session in its listener's table first: a survivor's first datagram may still be on its way
            // while the vanishing transfers are already under way (a CI run counted 7 of 8 here).
            ScaleSupport.await("every session in its listener", T, () -> describe(all),
                    () -> ld.sessionCount() + lu.sessionCount() == all.size());
            int demuxBefore = ScaleSupport.Internals.demuxEntries(ld) + ScaleSupport.Internals.demuxEntries(lu);
            assertEquals(all.size(), demuxBefore, "demultiplexing table entries before the peers vanish");
            long vanishedAt = System.nanoTime();
            vanishing.close(); // abrupt: sockets closed, nothing announced, nothing acknowledged any more

            // Watch the survivors' view of the vanished peers.
            long deadline = vanishedAt + Math.min(Math.max(deadBoundMs, idleBoundMs) + 1000, 120_000) * 1_000_000;
            while (System.nanoTime() < deadline) {
                boolean open = false;
                for (Transfer tr : all) {
                    if (tr.vanishes && tr.closedAtNanos == 0) {
                        if (tr.server.isOpen()) {
                            open = true;
                        } else {
                            tr.closedAtNanos = System.nanoTime();
                        }
                    }
                }
                if (!open) {
                    break;
                }
                Thread.sleep(2);
            }
            StringBuilder report = new StringBuilder();
            for (Transfer tr : all) {
                if (tr.vanishes) {
                    long ms = tr.closedAtNanos == 0 ? -1 : (tr.closedAtNanos - vanishedAt) / 1_000_000;
                    report.append(String.format(Locale.ROOT, " %s after %d ms: %s (%d bytes moved);",
                            tr.download ? "download" : "upload", ms, tr.server.closeReason(), tr.moved.get()));
                }
            }
            System.out.printf(Locale.ROOT, "[vanish] peers vanished mid-transfer; survivors closed their sessions:%s"
                    + " bounds: dead link %d ms (rto %d ms, deadLink %d), idle %d ms%n", report, deadBoundMs, maxRto,
                    DEAD_LINK, idleBoundMs);

            for (Transfer tr : all) {
                if (!tr.vanishes) {
                    continue;
                }
                assertTrue(tr.closedAtNanos != 0, "server session of a vanished peer still open: " + tr.server);
                long ms = (tr.closedAtNanos - vanishedAt) / 1_000_000;
                if (tr.download) {
                    assertEquals(CloseReason.DEAD_LINK, tr.server.closeReason(), tr.server.toString());
                    assertTrue(ms <= deadBoundMs, "dead link after " + ms + " ms; bound " + deadBoundMs + " ms");
                    tr.thread.join(T.toMillis());
                } else {
                    assertEquals(CloseReason.IDLE_TIMEOUT, tr.server.closeReason(), tr.server.toString());
                    assertTrue(ms <= idleBoundMs, "idle close after " + ms + " ms; bound " + idleBoundMs + " ms");
                }
            }
            // The download writers blocked on the vanished peers were released with SessionClosedException.
            for (Transfer tr : all) {
                if (tr.vanishes && tr.download) {
                    ScaleSupport.await("writer released", T, () -> tr.writerEnd.get() != null);
                    assertTrue(tr.writerEnd.get() instanceof SessionClosedException,
                            "writer ended with " + tr.writerEnd.get());
                }
            }
            // Freed: only the survivors remain in each listener, its table and the loops' timers.
            assertEquals(PAIRS_SURVIVING, ld.sessionCount(), describe(all));
            assertEquals(PAIRS_SURVIVING, lu.sessionCount(), describe(all));
            int demuxAfter = ScaleSupport.Internals.demuxEntries(ld) + ScaleSupport.Internals.demuxEntries(lu);
            assertEquals(demuxBefore - 2 * PAIRS_VANISHING, demuxAfter, "demultiplexing table entries");
            assertTrue(ScaleSupport.Internals.timers(server) <= 2 * PAIRS_SURVIVING,
                    "timers armed on the server loops: " + ScaleSupport.Internals.timers(server));

            // The survivors finish intact.
            for (Transfer tr : all) {
                if (!tr.vanishes && tr.download) {
                    tr.thread.join(T.toMillis() * 2);
                }
            }
            stopKeepalives = true;
            for (Transfer tr : all) {
                if (!tr.vanishes) {
                    tr.thread.join(T.toMillis() * 2);
                    assertNotNull(tr.expectedDigest, "survivor transfer did not finish: " + tr.moved.get());
                    ScaleSupport.await("survivor upload hashed", T, () -> tr.receivedDigest != null);
                    assertArrayEquals(tr.expectedDigest, tr.receivedDigest,
                            (tr.download ? "download" : "upload") + " SHA-256");
                    assertEquals(SURVIVOR_BYTES, tr.moved.get());
                    assertEquals(null, tr.writerEnd.get());
                }
            }
            for (Transfer tr : all) {
                if (!tr.vanishes) {
                    tr.client.close();
                    tr.server.close();
                }
            }
            assertEquals(0, ld.sessionCount());
            assertEquals(0, lu.sessionCount());
            assertEquals(0, ScaleSupport.Internals.demuxEntries(ld) + ScaleSupport.Internals.demuxEntries(lu));
        } finally {
            stopKeepalives = true;
            vanishing.close();
            surviving.close();
            server.close();
            for (Thread th : threads) {
                th.join(10_000);
            }
            System.out.printf(Locale.ROOT, "[vanish] run time %.1f s%n", (System.nanoTime() - t0) / 1e9);
        }
    }

    /**
     * Client side. Download: ask for the stream, read and hash it (a vanishing client reads until its transport
     * is closed under it). Upload: write the seeded stream (a vanishing one writes until its transport closes).
     */
    private static void runClient(Transfer tr) {
        KcpSession c = tr.client;
        try {
            if (tr.download) {
                byte[] ask = ByteBuffer.allocate(8).putLong(tr.wanted()).array();
                c.write(ask, 0, 8);
                MessageDigest md = sha256();
                byte[] buf = new byte[16 << 10];
                int n;
                while (tr.moved.get() < tr.wanted() && (n = c.read(buf, 0, buf.length)) > 0) {
                    md.update(buf, 0, n);
                    tr.moved.addAndGet(n);
                }
                if (tr.moved.get() == tr.wanted()) {
                    tr.receivedDigest = md.digest();
                    MessageDigest want = sha256();
                    SplittableRandom r = new SplittableRandom(SEED ^ c.conv());
                    for (long done = 0; done < tr.wanted(); ) {
                        int k = (int) Math.min(16 << 10, tr.wanted() - done);
                        want.update(chunk(r, k));
                        done += k;
                    }
                    tr.expectedDigest = want.digest();
                }
            } else {
                byte[] digest = writeStream(c, SEED ^ c.conv(), tr.wanted(), new AtomicLong());
                tr.expectedDigest = digest;
                c.awaitSent(T);
                long end = System.nanoTime() + 3 * T.toNanos();
                while (!stopKeepalives && System.nanoTime() < end) {
                    c.write(new byte[] {0}, 0, 1); // keeps the server's idle timeout away
                    Thread.sleep(200);
                }
            }
        } catch (Exception e) {
            if (!tr.vanishes) {
                tr.writerEnd.compareAndSet(null, e);
            }
        }
    }

    private static String describe(List<Transfer> all) {
        StringBuilder sb = new StringBuilder();
        for (Transfer tr : all) {
            sb.append(String.format(Locale.ROOT, "%n  %s %s: moved %d, client %s, server %s, end %s",
                    tr.vanishes ? "vanishing" : "surviving", tr.download ? "download" : "upload", tr.moved.get(),
                    tr.client, tr.server, tr.writerEnd.get()));
        }
        return sb.toString();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
