package io.kcplab.transport.scale;

import static io.kcplab.transport.scale.ScaleSupport.mib;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kcplab.protocol.ConnectionConfig;
import io.kcplab.protocol.ModePreset;
import io.kcplab.transport.KcpListener;
import io.kcplab.transport.KcpSession;
import io.kcplab.transport.KcpTransport;
import io.kcplab.transport.SessionOptions;
import io.kcplab.transport.SnmpField;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 10,000 concurrent sessions on one listener over loopback, each echoing one small message (32..100 bytes) a
 * second for 30 s; both ends in this JVM, each end on its own {@link KcpTransport} of two event loops (the
 * machine has two cores). Every dialled session has its own UDP socket (10,000 descriptors), as kcp-go's Dial.
 *
 * <p>Protocol settings that let 20,000 sessions share two cores: kcp-go's defaults for a fresh session (nodelay
 * 0, <b>interval 100 ms</b>, resend 0, congestion control on, windows 32/128), message mode, crypt aes with
 * kcptun's default key and the kcp-go framing, FEC off (a 10/3 group would wait for ten messages), 4 MiB socket
 * receive buffers (kcptun's default sockbuf; the kernel caps it at net.core.rmem_max), and the default 64 KiB
 * hand-off buffers. (Their rings used to be allocated whole as soon as one small message moved and freed after a
 * second without data: at one message a second that churned 14.6 KB per echo and took a fifth of the run in GC.
 * They now start at a few hundred bytes and grow; this test shows it: about 0.4 KB allocated per echo.)
 * {@code -Dkcplab.scale.handoff=N} runs it with other hand-off buffers.
 *
 * <p>Asserts: every echo returns intact (per client: count, content, order); the JVM's live thread count is the
 * same with 10 sessions as with 10,000 (the same fixed set of threads); heap per idle server session below a
 * generous bound. Prints heap and CPU per session (server side, client side) for the lead.
 */
class TenThousandSessionsTest {

    static final long SEED = 0x5CA1E_10000L;
    static final int N = 10_000;
    static final int FEW = 10;
    static final int ROUNDS = 30; // one message per session per second: 30 s
    static final Duration T = Duration.ofSeconds(90);

    /**
     * Generous bound on a server session's retained heap when idle: measured 20..29 KB on a loaded 2-core box
     * (byte arrays of the engine, codec and segment pool, two AES ciphers, the session objects).
     */
    static final long MAX_SERVER_BYTES_PER_IDLE_SESSION = 64 << 10;

    /** Hand-off buffer size: the default unless {@code -Dkcplab.scale.handoff=N}. */
    static final int HANDOFF = Integer.getInteger("kcplab.scale.handoff",
            SessionOptions.defaults().handoffBufferBytes());

    static SessionOptions options() {
        ConnectionConfig c = ConnectionConfig.builder().mode(ModePreset.DEFAULT).windows(32, 128)
                .cipher("aes").fec(0, 0).streamMode(false).build();
        return SessionOptions.builder().connection(c).handoffBufferBytes(HANDOFF).socketReceiveBuffer(4 << 20)
                .writeTimeout(Duration.ofSeconds(10)).build();
    }

    @Test
    @Timeout(300)
    void tenThousandEchoingSessionsOnFixedThreads() throws Exception {
        long t0 = System.nanoTime();
        Laps laps = new Laps();
        SessionOptions o = options();
        Echoes echoes = new Echoes(SEED, N);
        AtomicLong serverErrors = new AtomicLong();
        AtomicInteger accepted = new AtomicInteger();
        List<KcpSession> clients = new ArrayList<>(N);
        KcpTransport server = KcpTransport.create(2);
        KcpTransport client = KcpTransport.create(2);
        try {
            KcpListener l = KcpListener.bind(server, ScaleSupport.ANY_PORT, o);
            l.onAccept(s -> {
                accepted.incrementAndGet();
                s.onReadable(Echoes.echoer(s, serverErrors));
            });
            InetSocketAddress to = ScaleSupport.to(l);

            // ---- 10 sessions: warm up, then the baseline thread set and heap
            dial(client, to, o, echoes, clients, FEW, 1);
            for (int r = 0; r < 3; r++) {
                sendRound(clients, echoes, 0, FEW, Duration.ofMillis(100));
            }
            awaitEchoes(echoes, "warm-up echoes");
            int threadsFew = ScaleSupport.liveThreads();
            Map<String, Integer> namesFew = ScaleSupport.threadNames();
            laps.lap("warm-up");
            long heapFew = ScaleSupport.heapAfterGc();
            laps.lap("gc");
            System.out.printf(Locale.ROOT, "[scale] %d sessions: %d live threads %s; heap %s (allocator %s)%n", FEW,
                    threadsFew, namesFew, mib(heapFew), ScaleSupport.allocatorName());

            // ---- 10,000 sessions
            long rcvbufErrors0 = ScaleSupport.rcvbufErrors();
            long dialStart = System.nanoTime();
            dial(client, to, o, echoes, clients, N, 4);
            double dialSec = (System.nanoTime() - dialStart) / 1e9;
            laps.lap("dial");
            // A first round opens the server sessions, spread over two seconds.
            sendRound(clients, echoes, 0, N, Duration.ofSeconds(2));
            ScaleSupport.await(N + " server sessions", T, () -> l.sessionCount() == N);
            laps.lap("sessions open");
            diagnoseLate(echoes, clients, l, Duration.ofSeconds(2));
            awaitEchoes(echoes, "first round");
            laps.lap("first round");
            System.out.printf(Locale.ROOT, "[scale] dialled %d sessions in %.1f s; %d accepted%n", N - FEW, dialSec,
                    accepted.get());

            // ---- the echo phase: every session, one message a second, for ROUNDS seconds
            String serverLoops = server.threadNamePrefix();
            String clientLoops = client.threadNamePrefix();
            long wall0 = System.nanoTime();
            long srvCpu0 = ScaleSupport.cpuOfThreads(serverLoops);
            long cliCpu0 = ScaleSupport.cpuOfThreads(clientLoops);
            long procCpu0 = ScaleSupport.processCpu();
            long srvAlloc0 = ScaleSupport.allocatedByThreads(serverLoops);
            long cliAlloc0 = ScaleSupport.allocatedByThreads(clientLoops);
            long senderAlloc0 = ScaleSupport.allocatedByMe();
            long gc0 = ScaleSupport.gcMillis();
            int threadsMany = -1;
            Map<String, Integer> namesMany = null;
            long behindMax = 0;
            for (int r = 0; r < ROUNDS; r++) {
                behindMax = Math.max(behindMax, sendRound(clients, echoes, 0, N, Duration.ofSeconds(1)));
                if (r == ROUNDS / 2) {
                    threadsMany = ScaleSupport.liveThreads();
                    namesMany = ScaleSupport.threadNames();
                }
            }
            double wall = (System.nanoTime() - wall0) / 1e9;
            long srvCpu = ScaleSupport.cpuOfThreads(serverLoops) - srvCpu0;
            long cliCpu = ScaleSupport.cpuOfThreads(clientLoops) - cliCpu0;
            long procCpu = ScaleSupport.processCpu() - procCpu0;
            long srvAlloc = ScaleSupport.allocatedByThreads(serverLoops) - srvAlloc0;
            long cliAlloc = ScaleSupport.allocatedByThreads(clientLoops) - cliAlloc0;
            long senderAlloc = ScaleSupport.allocatedByMe() - senderAlloc0;
            long gcMs = ScaleSupport.gcMillis() - gc0;
            long echoesInPhase = (long) ROUNDS * N;
            long udpDrops0 = ScaleSupport.kernelDrops(to.getPort());
            diagnoseLate(echoes, clients, l, Duration.ofSeconds(2));
            awaitEchoes(echoes, "all echoes");
            laps.lap("echo phase");
            System.out.printf(Locale.ROOT, "[scale] kernel receive-buffer drops: %d on the listener's sockets, %d on"
                    + " all UDP sockets of this host (net.core.rmem_max %s)%n", udpDrops0,
                    ScaleSupport.rcvbufErrors() - rcvbufErrors0, ScaleSupport.sysctl("net/core/rmem_max"));

            // ---- idle: the timers alone; hand-off buffers are released after 1 s without data
            Thread.sleep(1500);
            long idle0 = System.nanoTime();
            long srvIdle0 = ScaleSupport.cpuOfThreads(serverLoops);
            long cliIdle0 = ScaleSupport.cpuOfThreads(clientLoops);
            Thread.sleep(3000);
            double idleWall = (System.nanoTime() - idle0) / 1e9;
            long srvIdle = ScaleSupport.cpuOfThreads(serverLoops) - srvIdle0;
            long cliIdle = ScaleSupport.cpuOfThreads(clientLoops) - cliIdle0;
            laps.lap("idle");
            long heapBoth = ScaleSupport.heapAfterGc();
            laps.lap("gc");
            int threadsIdle = ScaleSupport.liveThreads();

            // ---- heap of the server side alone: the clients vanish (no FIN in KCP: the server sessions stay)
            client.close();
            ScaleSupport.await("client sessions closed", T, () -> clients.stream().noneMatch(KcpSession::isOpen));
            laps.lap("client close");
            long heapServer = ScaleSupport.heapAfterGc();
            laps.lap("gc");
            int serverSessionsLeft = l.sessionCount();

            // ---- figures
            long added = N - FEW;
            long perServer = (heapServer - heapFew) / added;
            long perPair = (heapBoth - heapFew) / added;
            System.out.printf(Locale.ROOT, "[scale] echo phase: %d rounds in %.1f s (sender at most %d ms behind"
                            + " schedule); %d echoes sent, %d returned intact, %d corrupt, %d out of order,"
                            + " %d client errors, %d server errors%n", ROUNDS, wall, behindMax / 1_000_000,
                    echoes.totalSent.get(), echoes.totalReceived.get(), echoes.corrupt.get(),
                    echoes.outOfOrder.get(), echoes.errors.get(), serverErrors.get());
            System.out.printf(Locale.ROOT, "[scale] live threads: %d with %d sessions, %d with %d (mid-phase), %d idle;"
                    + " at %d: %s%n", threadsFew, FEW, threadsMany, N, threadsIdle, N, namesMany);
            System.out.printf(Locale.ROOT, "[scale] CPU while echoing (%d msg/s each way): server loops %.1f%% of a"
                            + " core = %.2f us/s per session; client loops %.1f%% = %.2f us/s per session;"
                            + " process %.1f%%%n", N, 100.0 * srvCpu / 1e9 / wall, srvCpu / 1e3 / wall / N,
                    100.0 * cliCpu / 1e9 / wall, cliCpu / 1e3 / wall / N, 100.0 * procCpu / 1e9 / wall);
            System.out.printf(Locale.ROOT, "[scale] allocation while echoing: server loops %.0f MB/s (%d bytes per"
                            + " echo), client loops %.0f MB/s (%d per echo), sender %d per message (%d-byte hand-off"
                            + " buffers); GC %d ms in %.1f s%n", srvAlloc / 1e6 / wall, srvAlloc / echoesInPhase,
                    cliAlloc / 1e6 / wall, cliAlloc / echoesInPhase, senderAlloc / echoesInPhase, HANDOFF, gcMs,
                    wall);
            System.out.printf(Locale.ROOT, "[scale] CPU idle (timers only, interval 100 ms): server loops %.1f%% ="
                            + " %.2f us/s per session; client loops %.1f%% = %.2f us/s per session%n",
                    100.0 * srvIdle / 1e9 / idleWall, srvIdle / 1e3 / idleWall / N,
                    100.0 * cliIdle / 1e9 / idleWall, cliIdle / 1e3 / idleWall / N);
            System.out.printf(Locale.ROOT, "[scale] heap after GC: %s with %d sessions; %s with %d idle sessions on"
                            + " both sides; %s with the %d server sessions only => %d bytes per idle server"
                            + " session, %d per idle client session (own socket), %d per pair%n", mib(heapFew), FEW,
                    mib(heapBoth), N, mib(heapServer), serverSessionsLeft, perServer, perPair - perServer,
                    perPair);
            System.out.printf(Locale.ROOT, "[scale] listener counters: %s%n", l.counters());

            // ---- assertions
            assertEquals(0, echoes.corrupt.get(), "corrupt echoes");
            assertEquals(0, echoes.outOfOrder.get(), "echoes out of order");
            assertEquals(0, echoes.errors.get(), "client read errors");
            assertEquals(0, serverErrors.get(), "server echo errors");
            assertEquals(echoes.totalSent.get(), echoes.totalReceived.get(), "echoes returned");
            for (int i = 0; i < N; i++) {
                assertEquals(echoes.sent(i), echoes.received(i), "echoes of client " + i);
                assertTrue(echoes.sent(i) >= ROUNDS + 1, "client " + i + " sent " + echoes.sent(i));
            }
            assertEquals(N, accepted.get(), "sessions accepted");
            assertEquals(N, l.counters().get(SnmpField.PASSIVE_OPENS), "PassiveOpens");
            assertEquals(N, serverSessionsLeft, "server sessions after the clients vanished (no idle timeout set)");
            // The same fixed set of threads with 10 and with 10,000 sessions: no thread per session or socket.
            assertEquals(2, ScaleSupport.threadsNamed(serverLoops));
            assertEquals(namesFew, namesMany, "thread set changed between " + FEW + " and " + N + " sessions");
            assertEquals(threadsFew, threadsMany, "live threads with " + FEW + " vs " + N + " sessions");
            assertTrue(perServer > 0 && perServer < MAX_SERVER_BYTES_PER_IDLE_SESSION,
                    "heap per idle server session: " + perServer + " bytes");
            l.close();
            assertEquals(0, l.sessionCount());
            laps.lap("listener close");
        } finally {
            client.close();
            server.close();
            System.out.printf(Locale.ROOT, "[scale] run time %.1f s: %s%n", (System.nanoTime() - t0) / 1e9, laps);
        }
    }

    /**
     * Dials clients up to {@code upTo}, from {@code threads} short-lived threads (a dial waits for its event loop to
     * open the socket; the dialers are gone before the thread counts are taken).
     */
    private static void dial(KcpTransport t, InetSocketAddress to, SessionOptions o, Echoes echoes,
                             List<KcpSession> clients, int upTo, int threads) throws Exception {
        int from = clients.size();
        KcpSession[] made = new KcpSession[upTo - from];
        AtomicInteger next = new AtomicInteger(from);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int k = 0; k < threads; k++) {
                done.add(pool.submit(() -> {
                    for (int idx = next.getAndIncrement(); idx < upTo; idx = next.getAndIncrement()) {
                        KcpSession c = KcpSession.dial(t, to, o);
                        c.onReadable(echoes.verifier(c, idx));
                        made[idx - from] = c;
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(T.toSeconds(), TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }
        clients.addAll(Arrays.asList(made));
    }

    /**
     * Sends one message on each of clients [from, to), spread evenly over {@code spread}. A sender that fell behind
     * (a GC pause, a busy box) catches up at no more than twice the planned rate rather than in one burst, which
     * would overflow the sockets' receive buffers.
     *
     * @return how far (ns) the sender fell behind its schedule at worst
     */
    private static long sendRound(List<KcpSession> clients, Echoes echoes, int from, int to, Duration spread)
            throws Exception {
        long start = System.nanoTime();
        long step = spread.toNanos() / (to - from);
        long behind = 0;
        long last = start - step;
        for (int i = from; i < to; i++) {
            long planned = start + (i - from) * step;
            long due = Math.max(planned, last + step / 2);
            long now = System.nanoTime();
            long wait = due - now;
            if (wait > 1_000_000) {
                LockSupport.parkNanos(wait);
            }
            behind = Math.max(behind, now - planned);
            last = Math.max(due, now);
            echoes.send(clients.get(i), i);
        }
        long rest = start + spread.toNanos() - System.nanoTime();
        if (rest > 0) {
            LockSupport.parkNanos(rest);
        }
        return behind;
    }

    /** Prints the clients whose echoes are still missing after {@code grace}, with both ends' stats. */
    private static void diagnoseLate(Echoes echoes, List<KcpSession> clients, KcpListener l, Duration grace)
            throws InterruptedException {
        long end = System.nanoTime() + grace.toNanos();
        while (System.nanoTime() < end && echoes.totalReceived.get() != echoes.totalSent.get()) {
            Thread.sleep(10);
        }
        if (echoes.totalReceived.get() == echoes.totalSent.get()) {
            return;
        }
        int late = 0;
        java.util.Map<Integer, KcpSession> byPort = new java.util.HashMap<>();
        for (KcpSession s : l.sessions()) {
            byPort.put(s.remoteAddress().getPort(), s);
        }
        for (int i = 0; i < clients.size(); i++) {
            if (echoes.sent(i) != echoes.received(i)) {
                if (late++ < 3) {
                    KcpSession c = clients.get(i);
                    KcpSession s = byPort.get(c.localAddress().getPort());
                    System.out.printf(Locale.ROOT, "[scale] late: client %d sent %d got %d; client %s; server %s%n",
                            i, echoes.sent(i), echoes.received(i), c.stats(), s == null ? null : s.stats());
                }
            }
        }
        System.out.printf(Locale.ROOT, "[scale] %d clients still waiting %s after the last send%n", late, grace);
    }

    private static void awaitEchoes(Echoes echoes, String what) throws InterruptedException {
        ScaleSupport.await(what + " (" + echoes.totalReceived.get() + "/" + echoes.totalSent.get() + ")", T,
                () -> echoes.totalReceived.get() == echoes.totalSent.get() || echoes.corrupt.get() > 0
                        || echoes.outOfOrder.get() > 0);
    }
}
