package io.kcplab.transport.scale;

import static io.kcplab.transport.scale.ScaleSupport.mib;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kcplab.transport.CloseReason;
import io.kcplab.transport.KcpListener;
import io.kcplab.transport.KcpSession;
import io.kcplab.transport.KcpTransport;
import io.kcplab.transport.SessionOptions;
import io.kcplab.transport.SnmpField;
import java.io.File;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Opens and closes 10,000 sessions (in waves of 500): dial, exchange one seeded message (echoed by the server
 * from its event loop), close both ends. Afterwards nothing may be left behind: live threads, open file
 * descriptors, the listener's session count and tables, the timers armed in every event loop's wheel, the
 * transport's dialled sessions, Netty's direct memory and the heap (after GC) are back at the baseline taken after
 * a warm-up wave, within small tolerances.
 */
class SessionChurnTest {

    static final long SEED = 0xC4A2_0001L;
    static final int N = 10_000;
    static final int WAVE = 500;
    static final int WARM = 200;
    static final int WORKERS = 4;
    static final Duration T = Duration.ofSeconds(60);
    /** Heap growth tolerated over 10,000 sessions: a leak of one idle session each (~22 KB) would be 220 MB. */
    static final long HEAP_TOLERANCE = 8L << 20;
    /** Direct memory tolerated over the baseline (measured +0..0.3 MiB): the allocator grows by whole chunks. */
    static final long DIRECT_TOLERANCE = 4L << 20;

    @Test
    @Timeout(240)
    void tenThousandSessionsOpenedAndClosedLeaveNothingBehind() throws Exception {
        long t0 = System.nanoTime();
        Laps laps = new Laps();
        SessionOptions o = TenThousandSessionsTest.options();
        Echoes echoes = new Echoes(SEED, WARM + N);
        AtomicLong serverErrors = new AtomicLong();
        AtomicInteger accepted = new AtomicInteger();
        ConcurrentLinkedQueue<KcpSession> serverSide = new ConcurrentLinkedQueue<>();
        // Counts, not the sessions: holding 20,000 closed sessions would keep their hand-off buffers alive.
        AtomicInteger closedLocal = new AtomicInteger();
        List<String> closedOtherwise = java.util.Collections.synchronizedList(new ArrayList<>());
        // The workers exist before the baseline and after the last check: they are part of the fixed set.
        ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
        KcpTransport server = KcpTransport.create(2);
        KcpTransport client = KcpTransport.create(2);
        try {
            KcpListener l = KcpListener.bind(server, ScaleSupport.ANY_PORT, o);
            l.onAccept(s -> {
                accepted.incrementAndGet();
                serverSide.add(s);
                s.onReadable(Echoes.echoer(s, serverErrors));
            });
            InetSocketAddress to = ScaleSupport.to(l);

            wave(workers, client, to, o, echoes, 0, WARM, serverSide, l, closedLocal, closedOtherwise);
            laps.lap("warm-up");
            Thread.sleep(200); // loops idle: the 1 ms tickers stop once their wheels are empty
            Snapshot base = Snapshot.take(server, client, l);
            laps.lap("baseline");

            for (int from = WARM; from < WARM + N; from += WAVE) {
                wave(workers, client, to, o, echoes, from, Math.min(WARM + N, from + WAVE), serverSide, l,
                        closedLocal, closedOtherwise);
            }
            laps.lap(N + " sessions");
            ScaleSupport.await("sessions freed", T, () -> l.sessionCount() == 0);
            Thread.sleep(200);
            Snapshot end = Snapshot.take(server, client, l);
            laps.lap("end snapshot");

            System.out.printf(Locale.ROOT, "[churn] %d sessions opened, echoed and closed on both ends (%d accepted);"
                            + " %d echoes intact, %d corrupt, %d out of order, %d errors%n", N + WARM,
                    accepted.get(), echoes.totalReceived.get(), echoes.corrupt.get(), echoes.outOfOrder.get(),
                    echoes.errors.get() + serverErrors.get());
            System.out.printf(Locale.ROOT, "[churn] baseline: %s%n[churn] after:    %s%n", base, end);
            System.out.printf(Locale.ROOT, "[churn] listener counters: %s%n", l.counters());

            assertEquals(0, echoes.corrupt.get() + echoes.outOfOrder.get() + echoes.errors.get(), "echo errors");
            assertEquals(0, serverErrors.get(), "server errors");
            assertEquals(WARM + N, echoes.totalReceived.get(), "echoes returned");
            assertEquals(WARM + N, accepted.get(), "sessions accepted");
            assertEquals(WARM + N, l.counters().get(SnmpField.PASSIVE_OPENS), "PassiveOpens");
            assertEquals(0, l.counters().get(SnmpField.CURR_ESTAB), "CurrEstab");
            assertEquals(0, l.counters().get(SnmpField.LOOP_ERRORS), "LoopErrors");
            assertEquals(List.of(), closedOtherwise, "sessions that closed for another reason than the local close");
            assertEquals(2 * (WARM + N), closedLocal.get(), "sessions closed (both ends)");
            assertEquals(0, l.sessionCount());
            assertTrue(l.sessions().isEmpty());
            assertEquals(0, end.listenerLive, "listener's live set");
            assertEquals(0, end.demux, "listener's demultiplexing tables");
            assertEquals(base.serverTimers, end.serverTimers, "timers armed on the server loops");
            assertEquals(base.clientTimers, end.clientTimers, "timers armed on the client loops");
            assertEquals(0, end.clientTimers, "timers armed on the client loops");
            assertEquals(0, end.dialled, "dialled sessions the client transport tracks");
            assertEquals(0, end.tickers, "1 ms ticker tasks still scheduled on loops with empty wheels");
            // a thread that ended (a JVM or JDK helper that went idle) is not a leak; one more than before is
            assertTrue(end.threads <= base.threads, "live threads " + base.threads + " -> " + end.threads + ": "
                    + base.threadNames + " -> " + end.threadNames);
            if (base.fds >= 0) {
                assertTrue(end.fds <= base.fds + 2, "open file descriptors: " + base.fds + " -> " + end.fds);
            }
            assertTrue(end.allocatorDirect <= base.allocatorDirect + DIRECT_TOLERANCE,
                    "Netty allocator direct memory: " + base.allocatorDirect + " -> " + end.allocatorDirect);
            if (base.nettyDirect >= 0) {
                assertTrue(end.nettyDirect <= base.nettyDirect + DIRECT_TOLERANCE,
                        "Netty direct memory: " + base.nettyDirect + " -> " + end.nettyDirect);
            }
            assertTrue(end.heap <= base.heap + HEAP_TOLERANCE, "heap after GC: " + base.heap + " -> " + end.heap);
            l.close();
        } finally {
            client.close();
            server.close();
            workers.shutdownNow();
            workers.awaitTermination(10, TimeUnit.SECONDS);
            System.out.printf(Locale.ROOT, "[churn] run time %.1f s: %s%n", (System.nanoTime() - t0) / 1e9, laps);
        }
    }

    /** Clients [from, to): dial and send in parallel, await every echo, then close both ends. */
    private static void wave(ExecutorService workers, KcpTransport client, InetSocketAddress to, SessionOptions o,
                             Echoes echoes, int from, int upTo, ConcurrentLinkedQueue<KcpSession> serverSide,
                             KcpListener l, AtomicInteger closedLocal, List<String> closedOtherwise)
            throws Exception {
        KcpSession[] clients = new KcpSession[upTo - from];
        AtomicInteger next = new AtomicInteger(from);
        runAll(workers, () -> {
            for (int idx = next.getAndIncrement(); idx < upTo; idx = next.getAndIncrement()) {
                KcpSession c = KcpSession.dial(client, to, o);
                c.onReadable(echoes.verifier(c, idx));
                clients[idx - from] = c;
                echoes.send(c, idx);
            }
        });
        long want = upTo;
        ScaleSupport.await("echoes of clients " + from + ".." + upTo, T,
                () -> echoes.totalReceived.get() == want || echoes.corrupt.get() > 0);
        ScaleSupport.await("server sessions of the wave", T, () -> serverSide.size() == upTo - from);
        List<KcpSession> servers = new ArrayList<>();
        for (KcpSession s; (s = serverSide.poll()) != null; ) {
            servers.add(s);
        }
        AtomicInteger k = new AtomicInteger();
        runAll(workers, () -> {
            for (int i = k.getAndIncrement(); i < clients.length; i = k.getAndIncrement()) {
                for (KcpSession s : new KcpSession[] {clients[i], servers.get(i)}) {
                    s.close();
                    if (s.closeReason() == CloseReason.LOCAL) {
                        closedLocal.incrementAndGet();
                    } else {
                        closedOtherwise.add(s + ": " + s.closeReason());
                    }
                }
            }
        });
        ScaleSupport.await("listener back to 0 sessions", T, () -> l.sessionCount() == 0);
    }

    interface Work {
        void run() throws Exception;
    }

    private static void runAll(ExecutorService workers, Work w) throws Exception {
        List<Future<?>> fs = new ArrayList<>();
        for (int i = 0; i < WORKERS; i++) {
            fs.add(workers.submit(() -> {
                w.run();
                return null;
            }));
        }
        for (Future<?> f : fs) {
            f.get(T.toSeconds(), TimeUnit.SECONDS);
        }
    }

    /** What must come back to its baseline. */
    static final class Snapshot {
        int threads;
        java.util.Map<String, Integer> threadNames;
        long fds;
        long heap;
        long allocatorDirect;
        long nettyDirect;
        int serverTimers;
        int clientTimers;
        int dialled;
        int tickers;
        int demux;
        int listenerLive;
        int sessions;

        static Snapshot take(KcpTransport server, KcpTransport client, KcpListener l) throws InterruptedException {
            Snapshot s = new Snapshot();
            s.heap = ScaleSupport.heapAfterGc();
            s.threads = ScaleSupport.liveThreads();
            s.threadNames = ScaleSupport.threadNames();
            String[] fds = new File("/proc/self/fd").list();
            s.fds = fds == null ? -1 : fds.length;
            s.allocatorDirect = ScaleSupport.allocatorDirect();
            s.nettyDirect = ScaleSupport.nettyDirect();
            s.serverTimers = ScaleSupport.Internals.timers(server);
            s.clientTimers = ScaleSupport.Internals.timers(client);
            s.dialled = ScaleSupport.Internals.dialled(client);
            s.tickers = ScaleSupport.Internals.tickersRunning(server) + ScaleSupport.Internals.tickersRunning(client);
            s.demux = ScaleSupport.Internals.demuxEntries(l);
            s.listenerLive = ScaleSupport.Internals.listenerLive(l);
            s.sessions = l.sessionCount();
            return s;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "threads %d, fds %d, heap %s, Netty direct %s (allocator) / %s"
                            + " (PlatformDependent), timers server %d client %d, 1 ms tickers running %d, dialled %d,"
                            + " demux %d, live %d, sessionCount %d", threads, fds, mib(heap), mib(allocatorDirect),
                    mib(nettyDirect), serverTimers, clientTimers, tickers, dialled, demux, listenerLive, sessions);
        }
    }
}
