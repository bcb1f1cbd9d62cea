package io.kcplab.transport.perf;

import io.kcplab.transport.KcpSession;
import io.kcplab.transport.SessionStats;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/** Samples a byte counter and a session's stats every interval on a daemon thread; see {@link PerfInterval}. */
final class IntervalReporter {

    private final KcpSession session;
    private final AtomicLong bytes;
    private final long intervalNanos;
    private final Consumer<PerfInterval> listener;
    private final List<PerfInterval> intervals = new ArrayList<>();
    private long start;
    private long lastNanos;
    private long lastBytes;
    private long lastRetrans;
    private long lastFast;
    private long lastFec;
    private boolean stopped;
    private Thread thread;

    /** {@code intervalNanos} 0: no intervals. */
    IntervalReporter(KcpSession session, AtomicLong bytes, long intervalNanos, Consumer<PerfInterval> listener) {
        this.session = session;
        this.bytes = bytes;
        this.intervalNanos = intervalNanos;
        this.listener = listener;
    }

    synchronized void start(long startNanos) {
        start = startNanos;
        lastNanos = startNanos;
        SessionStats s = session.stats();
        lastRetrans = s.retransmissions();
        lastFast = s.fastRetransmissions();
        lastFec = s.fecRecovered();
        if (intervalNanos <= 0) {
            return;
        }
        thread = new Thread(this::loop, "kcplab-perf-intervals");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        for (long k = 1; ; k++) {
            long due = start + k * intervalNanos;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                synchronized (this) {
                    if (stopped) {
                        return;
                    }
                }
                LockSupport.parkNanos(this, Math.min(wait, 50_000_000L));
            }
            synchronized (this) {
                if (stopped) {
                    return;
                }
                emit(due);
            }
        }
    }

    /** Stops sampling; emits the last partial interval (if at least a millisecond long) and returns them all. */
    List<PerfInterval> stop(long endNanos) {
        Thread t;
        synchronized (this) {
            if (!stopped) {
                stopped = true;
                if (intervalNanos > 0 && endNanos - lastNanos >= 1_000_000L) {
                    emit(endNanos);
                }
            }
            t = thread;
        }
        if (t != null) {
            LockSupport.unpark(t);
        }
        synchronized (this) {
            return List.copyOf(intervals);
        }
    }

    private void emit(long now) {
        long b = bytes.get();
        SessionStats s = session.stats();
        long d = b - lastBytes;
        long micros = (now - lastNanos) / 1000;
        PerfInterval iv = new PerfInterval((lastNanos - start) / 1e9, (now - start) / 1e9, d,
                PerfReport.mbps(d, micros), s.srtt(), s.rto(), s.retransmissions() - lastRetrans,
                s.fastRetransmissions() - lastFast, s.fecRecovered() - lastFec, s.cwnd());
        lastNanos = now;
        lastBytes = b;
        lastRetrans = s.retransmissions();
        lastFast = s.fastRetransmissions();
        lastFec = s.fecRecovered();
        intervals.add(iv);
        if (listener != null) {
            try {
                listener.accept(iv);
            } catch (RuntimeException e) {
                // a printing problem must not stop the transfer
            }
        }
    }
}
