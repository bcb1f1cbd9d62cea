package io.kcplab.transport.scale;

import static io.kcplab.transport.scale.ScaleSupport.mib;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kcplab.protocol.ConnectionConfig;
import io.kcplab.protocol.ModePreset;
import io.kcplab.protocol.wire.NonceSource;
import io.kcplab.protocol.wire.PacketCodec;
import io.kcplab.transport.KcpListener;
import io.kcplab.transport.KcpSession;
import io.kcplab.transport.KcpTransport;
import io.kcplab.transport.SessionOptions;
import io.kcplab.transport.SnmpCounters;
import io.kcplab.transport.SnmpField;
import io.kcplab.transport.Wire;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.DatagramChannel;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A listener with {@code crypt aes} (kcptun's framing, FEC 10/3, its default key) under a flood of 1,000,000
 * random datagrams (1..1400 bytes) and 100,000 unknown-conversation datagrams (50,000 well-formed KCP segments
 * framed and encrypted under another key, 50,000 plaintext KCP segments), sent from four plain
 * {@link DatagramChannel}s as fast as two threads can, while 100 sessions each upload 1 MiB.
 *
 * <p>Asserts: the 100 transfers finish intact (SHA-256 of a seeded stream, hashed on the server's event loop); the
 * flood creates no session (sessionCount, accepted sessions and PassiveOpens stay at 100, nothing over the limit
 * or the backlog); the flood is never answered; heap after GC grows by less than a generous bound; and the
 * listener counts every flood datagram that reached its sockets as BadDatagrams: the kernel drops some when the
 * loops fall behind, and /proc/net/udp tells how many (per socket), so counted + kernel-dropped covers the flood
 * and counted never exceeds it.
 */
class FloodTest {

    static final long SEED = 0xF100D_0004L;
    static final int SESSIONS = 100;
    static final int BYTES = 1 << 20;
    static final int RANDOM = 1_000_000;
    static final int WRONG_KEY = 50_000;
    static final int PLAINTEXT = 50_000;
    static final int FLOOD_THREADS = 2;
    static final int CHANNELS_PER_THREAD = 2;
    static final Duration T = Duration.ofSeconds(120);
    /**
     * Heap growth (after GC) tolerated from before the transfers to after them and the flood: measured ~48 MiB,
     * mostly session state a bulk transfer leaves (each side's segment pool keeps a window of 1.4 KB segments,
     * FEC decoder caches, hand-off buffers not yet released).
     */
    static final long HEAP_BOUND = 128L << 20;
    /** Heap growth (after GC) tolerated across a flood at idle sessions: 1.1 M datagrams, 8 bytes each = 8.8 MB. */
    static final long FLOOD_RETENTION_BOUND = 8L << 20;

    static ConnectionConfig config() {
        return ConnectionConfig.builder().mode(ModePreset.FAST).cipher("aes").fec(10, 3).windows(128, 128)
                .streamMode(true).build();
    }

    /** Server side of one upload: hashed on the loop as it arrives. */
    static final class Upload {
        final MessageDigest md = sha256();
        final AtomicLong received = new AtomicLong();
        volatile byte[] digest;
    }

    @Test
    @Timeout(300)
    void floodCreatesNoSessionAndIsCountedWhileTransfersFinishIntact() throws Exception {
        long t0 = System.nanoTime();
        Laps laps = new Laps();
        SessionOptions o = SessionOptions.builder().connection(config()).wire(Wire.KCP_GO)
                .socketReceiveBuffer(4 << 20).writeTimeout(T).readTimeout(T).build();
        Map<Integer, Upload> uploads = new ConcurrentHashMap<>();
        AtomicInteger accepted = new AtomicInteger();
        AtomicLong serverErrors = new AtomicLong();
        List<byte[]> unknown = unknownConversations(o.connection());
        laps.lap("flood prepared");
        KcpTransport server = KcpTransport.create(2);
        KcpTransport client = KcpTransport.create(2);
        ExecutorService writers = Executors.newFixedThreadPool(10);
        List<DatagramChannel> channels = new ArrayList<>();
        try {
            KcpListener l = KcpListener.bind(server, ScaleSupport.ANY_PORT, o);
            int port = l.localAddress().getPort();
            l.onAccept(s -> {
                accepted.incrementAndGet();
                Upload u = uploads.computeIfAbsent(s.remoteAddress().getPort(), p -> new Upload());
                byte[] buf = new byte[16 << 10];
                s.onReadable(() -> {
                    try {
                        int n;
                        while ((n = s.readNow(buf, 0, buf.length)) > 0) {
                            u.md.update(buf, 0, n);
                            if (u.received.addAndGet(n) == BYTES) {
                                u.digest = u.md.digest();
                            }
                        }
                    } catch (IOException | RuntimeException e) {
                        if (s.isOpen()) {
                            serverErrors.incrementAndGet();
                        }
                    }
                });
            });
            InetSocketAddress to = ScaleSupport.to(l);
            List<KcpSession> clients = new ArrayList<>();
            for (int i = 0; i < SESSIONS; i++) {
                clients.add(KcpSession.dial(client, to, o));
            }
            byte[][] expected = new byte[SESSIONS][];
            long heap0 = ScaleSupport.heapAfterGc();
            long drops0 = ScaleSupport.kernelDrops(port);
            laps.lap("setup");

            // ---- transfers: ten writer threads, ten sessions each, 16 KiB chunks in turn
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < 10; w++) {
                int first = w * 10;
                done.add(writers.submit(() -> {
                    SplittableRandom[] r = new SplittableRandom[10];
                    MessageDigest[] md = new MessageDigest[10];
                    for (int k = 0; k < 10; k++) {
                        r[k] = new SplittableRandom(SEED + first + k);
                        md[k] = sha256();
                    }
                    byte[] chunk = new byte[16 << 10];
                    for (int off = 0; off < BYTES; off += chunk.length) {
                        for (int k = 0; k < 10; k++) {
                            fill(r[k], chunk);
                            md[k].update(chunk);
                            clients.get(first + k).write(chunk, 0, chunk.length);
                        }
                    }
                    for (int k = 0; k < 10; k++) {
                        expected[first + k] = md[k].digest();
                    }
                    return null;
                }));
            }
            ScaleSupport.await(SESSIONS + " sessions open", T, () -> l.sessionCount() == SESSIONS);
            laps.lap("sessions open");

            // ---- the flood, while the transfers run
            for (int i = 0; i < FLOOD_THREADS * CHANNELS_PER_THREAD; i++) {
                DatagramChannel ch = DatagramChannel.open();
                ch.bind(new InetSocketAddress(ScaleSupport.LOOPBACK, 0));
                channels.add(ch);
            }
            FloodRun a = runFlood(channels, to, unknown);
            double floodSec = a.seconds;
            long heapPeak = a.heapPeak;
            AtomicLong floodSent = a.sent;
            AtomicLong sendFailures = a.failures;
            laps.lap("flood");

            for (Future<?> f : done) {
                f.get(T.toSeconds(), TimeUnit.SECONDS);
            }
            ScaleSupport.await("uploads hashed", T,
                    () -> uploads.size() == SESSIONS && uploads.values().stream().allMatch(u -> u.digest != null));
            laps.lap("transfers done");
            long bad = ScaleSupport.settle(Duration.ofMillis(500), Duration.ofSeconds(20),
                    () -> l.counters().get(SnmpField.BAD_DATAGRAMS));
            long kernelDrops = drops0 < 0 ? -1 : ScaleSupport.kernelDrops(port) - drops0;
            Thread.sleep(1200); // hand-off buffers of idle sessions are released after 1 s
            long heap1 = ScaleSupport.heapAfterGc();
            laps.lap("settled");

            // ---- no answer ever went to the flood's sockets
            int answers = 0;
            ByteBuffer rb = ByteBuffer.allocate(2048);
            for (DatagramChannel ch : channels) {
                ch.configureBlocking(false);
                while (ch.receive(rb) != null && answers < 1000) {
                    answers++;
                    rb.clear();
                }
            }

            SnmpCounters c = l.counters();
            long sent = floodSent.get();
            System.out.printf(Locale.ROOT, "[flood] %d flood datagrams sent in %.1f s (%.0f/s; %d random, %d wrong-key"
                            + " KCP, %d plaintext KCP; %d send failures) while %d sessions uploaded %d MiB each%n",
                    sent, floodSec, sent / floodSec, RANDOM, WRONG_KEY, PLAINTEXT, sendFailures.get(), SESSIONS,
                    BYTES >> 20);
            System.out.printf(Locale.ROOT, "[flood] counted BadDatagrams %d (%.1f%% of the flood); kernel"
                            + " receive-buffer drops on the listener's sockets %d; counted + dropped = %d%n", bad,
                    100.0 * bad / sent, kernelDrops, bad + kernelDrops);
            System.out.printf(Locale.ROOT, "[flood] sessions %d, accepted %d; answers to the flood %d; heap after"
                            + " GC %s -> %s (+%s), peak seen during the flood %s%n", l.sessionCount(),
                    accepted.get(), answers, mib(heap0), mib(heap1), mib(heap1 - heap0), mib(heapPeak));
            System.out.printf(Locale.ROOT, "[flood] listener counters: %s%n", c);

            for (int i = 0; i < SESSIONS; i++) {
                Upload u = uploads.get(clients.get(i).localAddress().getPort());
                assertArrayEquals(expected[i], u.digest, "SHA-256 of upload " + i);
                assertEquals(BYTES, u.received.get(), "bytes of upload " + i);
            }
            assertEquals(0, serverErrors.get());
            assertEquals(SESSIONS, l.sessionCount(), "sessions");
            assertEquals(SESSIONS, accepted.get(), "accepted sessions");
            assertEquals(SESSIONS, c.get(SnmpField.PASSIVE_OPENS), "PassiveOpens");
            assertEquals(SESSIONS, c.get(SnmpField.MAX_CONN), "MaxConn");
            assertEquals(0, c.get(SnmpField.OVER_MAX_SESSIONS) + c.get(SnmpField.BACKLOG_FULL),
                    "refused openings");
            assertEquals(0, c.get(SnmpField.LOOP_ERRORS), "LoopErrors");
            assertEquals(0, answers, "datagrams sent to the flood's sockets");
            assertEquals(RANDOM + WRONG_KEY + PLAINTEXT, sent + sendFailures.get(), "flood datagrams attempted");
            assertTrue(sent >= (RANDOM + WRONG_KEY + PLAINTEXT) * 99L / 100, "flood datagrams sent: " + sent);
            assertTrue(bad <= sent, "BadDatagrams " + bad + " > flood " + sent);
            if (kernelDrops >= 0) {
                // Every flood datagram was either dropped by the kernel or counted by the listener (the kernel's
                // count also includes the sessions' own datagrams it dropped, hence >=).
                assertTrue(bad + kernelDrops >= sent, "counted " + bad + " + kernel drops " + kernelDrops
                        + " < flood " + sent);
            }
            // However loaded the box, the loops must keep up with a good share of the flood.
            assertTrue(bad >= sent / 4, "only " + bad + " of " + sent + " flood datagrams counted");
            assertTrue(heap1 - heap0 < HEAP_BOUND, "heap grew by " + mib(heap1 - heap0));

            // ---- the same flood again, at idle sessions: no other traffic, so the accounting is exact, and the
            // heap shows what the flood alone leaves behind
            long bad1 = c.get(SnmpField.BAD_DATAGRAMS);
            long drops1 = ScaleSupport.kernelDrops(port);
            FloodRun b = runFlood(channels, to, unknown);
            laps.lap("idle flood");
            long bad2 = ScaleSupport.settle(Duration.ofMillis(500), Duration.ofSeconds(20),
                    () -> l.counters().get(SnmpField.BAD_DATAGRAMS)) - bad1;
            long kernelDrops2 = drops1 < 0 ? -1 : ScaleSupport.kernelDrops(port) - drops1;
            long heap2 = ScaleSupport.heapAfterGc();
            SnmpCounters c2 = l.counters();
            laps.lap("settled");
            System.out.printf(Locale.ROOT, "[flood] again at idle sessions: %d sent in %.1f s (%.0f/s, %d failures);"
                            + " counted %d (%.1f%%), kernel drops %d, counted + dropped = %d; heap after GC %s ->"
                            + " %s (%+d KiB), peak %s; sessions %d%n", b.sent.get(), b.seconds,
                    b.sent.get() / b.seconds, b.failures.get(), bad2, 100.0 * bad2 / b.sent.get(), kernelDrops2,
                    bad2 + kernelDrops2, mib(heap1), mib(heap2), (heap2 - heap1) >> 10, mib(b.heapPeak),
                    l.sessionCount());
            assertEquals(SESSIONS, l.sessionCount(), "sessions after the second flood");
            assertEquals(SESSIONS, c2.get(SnmpField.PASSIVE_OPENS), "PassiveOpens after the second flood");
            assertTrue(bad2 <= b.sent.get(), "BadDatagrams " + bad2 + " > flood " + b.sent.get());
            if (kernelDrops2 >= 0) {
                assertEquals(b.sent.get(), bad2 + kernelDrops2, "flood datagrams counted + dropped by the kernel");
            }
            assertTrue(bad2 >= b.sent.get() / 4, "only " + bad2 + " of " + b.sent.get() + " counted");
            assertTrue(heap2 - heap1 < FLOOD_RETENTION_BOUND, "the flood alone left " + mib(heap2 - heap1));
            l.close();
        } finally {
            writers.shutdownNow();
            client.close();
            server.close();
            for (DatagramChannel ch : channels) {
                ch.close();
            }
            System.out.printf(Locale.ROOT, "[flood] run time %.1f s: %s%n", (System.nanoTime() - t0) / 1e9, laps);
        }
    }

    /** What one flood sent. */
    static final class FloodRun {
        final AtomicLong sent = new AtomicLong();
        final AtomicLong failures = new AtomicLong();
        long heapPeak;
        double seconds;
    }

    /** Sends the whole flood from {@link #FLOOD_THREADS} threads; samples the heap meanwhile. */
    static FloodRun runFlood(List<DatagramChannel> channels, InetSocketAddress to, List<byte[]> unknown)
            throws Exception {
        FloodRun run = new FloodRun();
        ExecutorService flooders = Executors.newFixedThreadPool(FLOOD_THREADS);
        List<Future<?>> flood = new ArrayList<>();
        long start = System.nanoTime();
        try {
            for (int k = 0; k < FLOOD_THREADS; k++) {
                int id = k;
                flood.add(flooders.submit(() -> {
                    flood(id, channels.subList(id * CHANNELS_PER_THREAD, (id + 1) * CHANNELS_PER_THREAD), to,
                            unknown, run.sent, run.failures);
                    return null;
                }));
            }
            flooders.shutdown();
            while (!flooders.awaitTermination(50, TimeUnit.MILLISECONDS)) {
                run.heapPeak = Math.max(run.heapPeak, ScaleSupport.heapNow());
                if (System.nanoTime() - start > 2 * T.toNanos()) {
                    break;
                }
            }
            for (Future<?> f : flood) {
                f.get(1, TimeUnit.SECONDS);
            }
        } finally {
            flooders.shutdownNow();
        }
        run.seconds = (System.nanoTime() - start) / 1e9;
        return run;
    }

    /**
     * One flood thread: its half of the random datagrams, with its half of the unknown-conversation ones woven in
     * (one in eleven), alternating over its channels. Blocking sends; a failed send is counted, not retried.
     */
    private static void flood(int id, List<DatagramChannel> chs, InetSocketAddress to, List<byte[]> unknown,
                              AtomicLong sent, AtomicLong failures) throws IOException {
        SplittableRandom r = new SplittableRandom(SEED * 31 + id);
        ByteBuffer b = ByteBuffer.allocateDirect(1500);
        int randomLeft = RANDOM / FLOOD_THREADS;
        int uFrom = unknown.size() * id / FLOOD_THREADS;
        int uTo = unknown.size() * (id + 1) / FLOOD_THREADS;
        int u = uFrom;
        long deadline = System.nanoTime() + T.toNanos();
        for (long i = 0; (randomLeft > 0 || u < uTo) && System.nanoTime() < deadline; i++) {
            b.clear();
            if ((i % 11 == 10 || randomLeft == 0) && u < uTo) {
                b.put(unknown.get(u++));
            } else {
                int len = 1 + r.nextInt(1400);
                for (int k = 0; k < len; k += 8) {
                    long v = r.nextLong();
                    for (int j = 0; j < 8 && k + j < len; j++) {
                        b.put((byte) (v >>> (8 * j)));
                    }
                }
                randomLeft--;
            }
            b.flip();
            try {
                if (chs.get((int) (i % chs.size())).send(b, to) > 0) {
                    sent.incrementAndGet();
                } else {
                    failures.incrementAndGet();
                }
            } catch (IOException e) {
                failures.incrementAndGet();
            }
        }
    }

    /**
     * 50,000 datagrams a kcp-go peer with another key would send (framed, FEC 10/3 parity included, encrypted),
     * each a KCP segment of a random conversation, and 50,000 plaintext KCP segments of random conversations.
     */
    static List<byte[]> unknownConversations(ConnectionConfig listenerConfig) {
        SplittableRandom r = new SplittableRandom(SEED);
        List<byte[]> out = new ArrayList<>(WRONG_KEY + PLAINTEXT);
        ConnectionConfig wrong = listenerConfig.toBuilder().key("not the listener's key").build();
        PacketCodec codec = PacketCodec.builder().profile(wrong.checksum()).cipher(wrong.cipher(), wrong.pass())
                .fec(wrong.dataShards(), wrong.parityShards()).nonceSource(NonceSource.seeded(SEED)).build();
        int h = codec.headerSize();
        List<byte[]> wrongKey = new ArrayList<>();
        while (wrongKey.size() < WRONG_KEY) {
            byte[] seg = kcpSegment(r);
            byte[] buf = new byte[h + seg.length];
            System.arraycopy(seg, 0, buf, h, seg.length);
            codec.encode(buf, buf.length, (d, off, len) -> {
                if (wrongKey.size() < WRONG_KEY) {
                    wrongKey.add(Arrays.copyOfRange(d, off, off + len));
                }
            });
        }
        for (int i = 0; i < WRONG_KEY + PLAINTEXT; i++) {
            out.add(i % 2 == 0 ? wrongKey.get(i / 2) : kcpSegment(r));
        }
        return out;
    }

    /** A well-formed KCP segment (24-byte little-endian header): push, ack, window probe or window size. */
    static byte[] kcpSegment(SplittableRandom r) {
        int[] cmds = {81, 81, 81, 82, 83, 84};
        int cmd = cmds[r.nextInt(cmds.length)];
        byte[] data = new byte[cmd == 81 ? 1 + r.nextInt(200) : 0];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) r.nextInt(256);
        }
        ByteBuffer b = ByteBuffer.allocate(24 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(r.nextInt()).put((byte) cmd).put((byte) 0).putShort((short) 128).putInt(r.nextInt(1 << 20))
                .putInt(cmd == 81 ? 0 : r.nextInt(16)).putInt(0).putInt(data.length).put(data);
        return b.array();
    }

    static void fill(SplittableRandom r, byte[] chunk) {
        for (int i = 0; i < chunk.length; i += 8) {
            long v = r.nextLong();
            for (int j = 0; j < 8; j++) {
                chunk[i + j] = (byte) (v >>> (8 * j));
            }
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
