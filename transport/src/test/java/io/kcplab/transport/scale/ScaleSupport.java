package io.kcplab.transport.scale;

import static org.junit.jupiter.api.Assertions.fail;

import io.kcplab.transport.KcpListener;
import io.kcplab.transport.KcpTransport;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.util.internal.PlatformDependent;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Helpers of the scale and fault tests: bounded waiting, heap/thread/CPU/direct-memory figures, the kernel's
 * per-socket UDP drop counter, and a read-only look at transport internals the public API does not expose yet
 * (timer-wheel sizes, dialled-session and demultiplexer tables), by reflection.
 */
final class ScaleSupport {

    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    static final InetSocketAddress ANY_PORT = new InetSocketAddress(LOOPBACK, 0);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private ScaleSupport() {
    }

    static InetSocketAddress to(KcpListener l) {
        return new InetSocketAddress(LOOPBACK, l.localAddress().getPort());
    }

    // ------------------------------------------------------------------------------------ waiting

    /** Polls {@code condition} every 5 ms until it holds; fails after {@code timeout} (bounded in time and count). */
    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int i = 0; i < 1_000_000; i++) {
            if (condition.getAsBoolean()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(5);
        }
        if (!condition.getAsBoolean()) {
            fail("timed out after " + timeout + " waiting for: " + what);
        }
    }

    /** As {@link #await(String, Duration, BooleanSupplier)}, with a description of the state on failure. */
    static void await(String what, Duration timeout, java.util.function.Supplier<String> state,
                      BooleanSupplier condition) throws InterruptedException {
        try {
            await(what, timeout, condition);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; state: " + state.get(), e);
        }
    }

    /** Waits until {@code value} stops changing for {@code quiet} (or {@code timeout} passes); returns it. */
    static long settle(Duration quiet, Duration timeout, java.util.function.LongSupplier value)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long last = value.getAsLong();
        long since = System.nanoTime();
        while (System.nanoTime() < deadline) {
            Thread.sleep(20);
            long v = value.getAsLong();
            if (v != last) {
                last = v;
                since = System.nanoTime();
            } else if (System.nanoTime() - since >= quiet.toNanos()) {
                break;
            }
        }
        return last;
    }

    // ------------------------------------------------------------------------------------ memory

    /** Heap in use after full collections (the least of a few tries, so that late finalization does not count). */
    static long heapAfterGc() throws InterruptedException {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(60);
            best = Math.min(best, MEMORY.getHeapMemoryUsage().getUsed());
        }
        return best;
    }

    static long heapNow() {
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    /** Direct memory of Netty's default allocator (what the transport's sockets allocate from). */
    static long allocatorDirect() {
        ByteBufAllocator a = ByteBufAllocator.DEFAULT;
        return a instanceof ByteBufAllocatorMetricProvider
                ? ((ByteBufAllocatorMetricProvider) a).metric().usedDirectMemory() : -1;
    }

    /** Netty's own count of direct memory it reserved without a Cleaner (-1 when it does not track it). */
    static long nettyDirect() {
        return PlatformDependent.usedDirectMemory();
    }

    static String allocatorName() {
        return ByteBufAllocator.DEFAULT.getClass().getSimpleName();
    }

    // ------------------------------------------------------------------------------------ threads and CPU

    /**
     * Netty's one shared helper thread ({@code GlobalEventExecutor}): started on demand by any Netty user in the JVM
     * (earlier tests included) and stopped after a second idle, so it comes and goes whatever the session count.
     * It is one thread for the whole JVM, never one per session; the thread census leaves it out.
     */
    private static boolean transientHousekeeping(Thread t) {
        return t.getName().startsWith("globalEventExecutor");
    }

    /** Live threads, less Netty's transient housekeeping thread. */
    static int liveThreads() {
        int n = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && !transientHousekeeping(t)) {
                n++;
            }
        }
        return n;
    }

    /** Live thread names with their multiplicity (sorted), for printing what changed between two moments. */
    static Map<String, Integer> threadNames() {
        Map<String, Integer> m = new TreeMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && !transientHousekeeping(t)) {
                m.merge(t.getName().replaceAll("\\d+$", "#"), 1, Integer::sum);
            }
        }
        return m;
    }

    static long threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(prefix)).count();
    }

    /** CPU time (ns) used so far by the live threads whose name starts with {@code prefix}. */
    static long cpuOfThreads(String prefix) {
        long sum = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith(prefix)) {
                long ns = THREADS.getThreadCpuTime(t.getId());
                if (ns > 0) {
                    sum += ns;
                }
            }
        }
        return sum;
    }

    /** Bytes allocated so far by the live threads whose name starts with {@code prefix} (-1 if unsupported). */
    static long allocatedByThreads(String prefix) {
        if (!(THREADS instanceof com.sun.management.ThreadMXBean)) {
            return -1;
        }
        com.sun.management.ThreadMXBean t = (com.sun.management.ThreadMXBean) THREADS;
        long sum = 0;
        for (Thread th : Thread.getAllStackTraces().keySet()) {
            if (th.getName().startsWith(prefix)) {
                long b = t.getThreadAllocatedBytes(th.getId());
                if (b > 0) {
                    sum += b;
                }
            }
        }
        return sum;
    }

    /** Bytes allocated so far by the calling thread (-1 if unsupported). */
    static long allocatedByMe() {
        return THREADS instanceof com.sun.management.ThreadMXBean
                ? ((com.sun.management.ThreadMXBean) THREADS).getThreadAllocatedBytes(Thread.currentThread().getId())
                : -1;
    }

    /** Total collection time (ms) of all garbage collectors so far. */
    static long gcMillis() {
        long sum = 0;
        for (java.lang.management.GarbageCollectorMXBean g : ManagementFactory.getGarbageCollectorMXBeans()) {
            sum += Math.max(0, g.getCollectionTime());
        }
        return sum;
    }

    /** CPU time (ns) of the whole process, or -1. */
    static long processCpu() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean) {
            return ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
        }
        return -1;
    }

    // ------------------------------------------------------------------------------------ kernel counters

    /**
     * Datagrams the kernel dropped on the UDP sockets bound to local {@code port} (the {@code drops} column of
     * /proc/net/udp and udp6: receive-buffer overflows), or -1 where that file cannot be read.
     */
    static long kernelDrops(int port) {
        long sum = 0;
        boolean any = false;
        String hexPort = String.format(Locale.ROOT, "%04X", port);
        for (String f : new String[] {"/proc/net/udp", "/proc/net/udp6"}) {
            Path p = Path.of(f);
            if (!Files.isReadable(p)) {
                continue;
            }
            try {
                List<String> lines = Files.readAllLines(p);
                any = true;
                for (String line : lines.subList(1, lines.size())) {
                    String[] c = line.trim().split("\\s+");
                    if (c.length < 13) {
                        continue;
                    }
                    String local = c[1];
                    if (local.endsWith(":" + hexPort)) {
                        sum += Long.parseLong(c[c.length - 1]);
                    }
                }
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }
        return any ? sum : -1;
    }

    /** A /proc/sys value such as {@code net/core/rmem_max}, or "?". */
    static String sysctl(String name) {
        try {
            try (java.io.BufferedReader r = Files.newBufferedReader(Path.of("/proc/sys", name))) {
                String line = r.readLine();
                return line == null ? "?" : line.trim();
            }
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    /** The namespace's UDP RcvbufErrors (all sockets; /proc/net/snmp), or -1. */
    static long rcvbufErrors() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/net/snmp"));
            for (int i = 0; i + 1 < lines.size(); i++) {
                if (lines.get(i).startsWith("Udp:") && lines.get(i + 1).startsWith("Udp:")) {
                    List<String> names = List.of(lines.get(i).trim().split("\\s+"));
                    String[] values = lines.get(i + 1).trim().split("\\s+");
                    int k = names.indexOf("RcvbufErrors");
                    return k < 0 ? -1 : Long.parseLong(values[k]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    // ------------------------------------------------------------------------------------ internals

    /**
     * Read-only views of transport internals, by reflection (the public API exposes neither the timer wheels nor
     * the tables). Each read runs on the owning event loop, so it sees a consistent value. A renamed field fails
     * the calling test with a message naming it, rather than passing silently.
     */
    static final class Internals {

        private Internals() {
        }

        private static Object field(Object o, String name) {
            Class<?> c = o.getClass();
            while (c != null) {
                try {
                    Field f = c.getDeclaredField(name);
                    f.setAccessible(true);
                    return f.get(o);
                } catch (NoSuchFieldException e) {
                    c = c.getSuperclass();
                } catch (ReflectiveOperationException | RuntimeException e) {
                    throw new AssertionError("cannot read " + o.getClass().getName() + "." + name, e);
                }
            }
            throw new AssertionError("transport internals changed: no field " + name + " in "
                    + o.getClass().getName() + " (update ScaleSupport.Internals)");
        }

        private static Object call(Object o, String name) {
            try {
                Method m = o.getClass().getDeclaredMethod(name);
                m.setAccessible(true);
                return m.invoke(o);
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new AssertionError("transport internals changed: cannot call " + o.getClass().getName() + "."
                        + name + "() (update ScaleSupport.Internals)", e);
            }
        }

        /** Runs {@code what} on the event loop behind a SessionLoop and returns its value. */
        private static <T> T onLoop(Object sessionLoop, Callable<T> what) {
            io.netty.channel.EventLoop el = (io.netty.channel.EventLoop) field(sessionLoop, "eventLoop");
            if (el.isShuttingDown() || el.isShutdown()) {
                try {
                    return what.call();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
            Future<T> f = el.submit(what);
            try {
                return f.get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError("could not read loop state", e);
            }
        }

        /** Timers armed in each of the transport's timer wheels (one per event loop). */
        static List<Integer> timersPerLoop(KcpTransport t) {
            List<Integer> sizes = new ArrayList<>();
            for (Object loop : (Collection<?>) field(t, "loops")) {
                Object wheel = field(loop, "wheel");
                sizes.add(onLoop(loop, () -> (Integer) call(wheel, "size")));
            }
            return sizes;
        }

        static int timers(KcpTransport t) {
            return timersPerLoop(t).stream().mapToInt(Integer::intValue).sum();
        }

        /** Whether each loop's 1 ms ticker task is still scheduled (it should stop when its wheel is empty). */
        static int tickersRunning(KcpTransport t) {
            int n = 0;
            for (Object loop : (Collection<?>) field(t, "loops")) {
                if (onLoop(loop, () -> field(loop, "ticker")) != null) {
                    n++;
                }
            }
            return n;
        }

        /** Dialled sessions the transport still tracks. */
        static int dialled(KcpTransport t) {
            return ((Collection<?>) field(t, "dialled")).size();
        }

        /** Entries in the listener's per-socket demultiplexing tables (remote address to session). */
        static int demuxEntries(KcpListener l) {
            int n = 0;
            for (Object h : (Collection<?>) field(l, "handlers")) {
                Object loop = field(h, "loop");
                Map<?, ?> m = (Map<?, ?>) field(h, "sessions");
                n += onLoop(loop, m::size);
            }
            return n;
        }

        /** Sessions the listener tracks as live (its own set behind sessions()). */
        static int listenerLive(KcpListener l) {
            return ((Collection<?>) field(l, "live")).size();
        }
    }

    // ------------------------------------------------------------------------------------ formatting

    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }
}
