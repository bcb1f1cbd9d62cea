package io.kcplab.scenarios.run;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Progress of a batch of runs, always on stderr (stdout may carry data). Wall time is fine here: it is user
 * interface, not part of any result. Runs in flight count by their simulated time, so a single long run (one case,
 * one seed) moves too.
 *
 * <p>On a terminal a bar redraws in place (carriage return) ten times a second. Otherwise (CI logs, {@code | tee},
 * batch jobs) it prints plain lines, {@code progress: 12/40 runs, 30%, 8 s elapsed, ETA 19 s}, one whenever the
 * total passes another 10 % and at least every 5 s, each flushed at once.
 */
public final class Progress {

    private static final int WIDTH = 30;
    static final long PLAIN_EVERY_NANOS = 5_000_000_000L;
    static final int PLAIN_STEP_PERCENT = 10;

    private final PrintStream out;
    private final int total;
    private final boolean interactive;
    private final LongSupplier clock;
    private final long startNanos;
    private final Set<Run> running = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService ticker;
    private long lastPrintNanos;
    private int lastPrintedPercent = -1;
    private int done;
    private boolean finished;

    /** One run in flight: how far its simulated clock is, of how much. */
    public static final class Run {
        private final LongSupplier simulatedMicros;
        private final long totalMicros;

        private Run(LongSupplier simulatedMicros, long totalMicros) {
            this.simulatedMicros = simulatedMicros;
            this.totalMicros = totalMicros;
        }

        double fraction() {
            return totalMicros <= 0 ? 0 : Math.min(1.0, Math.max(0.0,
                    (double) simulatedMicros.getAsLong() / totalMicros));
        }
    }

    public Progress(PrintStream out, int total, boolean interactive) {
        this(out, total, interactive, System::nanoTime);
    }

    /** {@code clock}: nanoseconds, as {@link System#nanoTime()}; tests pass their own. */
    Progress(PrintStream out, int total, boolean interactive, LongSupplier clock) {
        this.out = out;
        this.total = total;
        this.interactive = interactive;
        this.clock = clock;
        this.startNanos = clock.getAsLong();
    }

    /** Silent progress, for tests and --quiet. */
    public static Progress none() {
        return new Progress(null, 0, false);
    }

    /**
     * Progress on stderr: a bar when stderr is a terminal, plain lines otherwise. The {@code ./kcplab} script says
     * which ({@code -Dkcplab.stderr.tty}); without it, the JVM's console (stdin and stdout) stands in.
     */
    public static Progress onStderr(int total) {
        String tty = System.getProperty("kcplab.stderr.tty");
        boolean interactive = tty != null ? Boolean.parseBoolean(tty) : System.console() != null;
        return new Progress(System.err, total, interactive);
    }

    /** Draws the start and, when printing, redraws on a timer so that long runs show movement. */
    public synchronized void start() {
        if (out == null) {
            return;
        }
        draw(true);
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kcplab-progress");
            t.setDaemon(true);
            return t;
        });
        long period = interactive ? 100 : 1000;
        ticker.scheduleAtFixedRate(this::tick, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * A run begins; {@code simulatedMicros} is its simulation's clock. It is read from the progress thread only to
     * display it (a benign race: a stale value shows a slightly older time), never written, so runs stay
     * deterministic.
     */
    public Run begin(LongSupplier simulatedMicros, long totalMicros) {
        Run r = new Run(simulatedMicros, totalMicros);
        running.add(r);
        return r;
    }

    /** A run began with {@link #begin} finished. */
    public void completed(Run run) {
        running.remove(run);
        completed();
    }

    /** A run finished. */
    public synchronized void completed() {
        done++;
        if (out != null && (interactive || done == total)) {
            draw(done == total);
        } else if (out != null) {
            tick();
        }
    }

    /** The timer's redraw (tests call it directly). */
    synchronized void tick() {
        if (out != null && !finished && done < total) { // the last completion drew the 100 % line
            draw(false);
        }
    }

    /** Stops the timer; on a terminal, ends the bar's line. Safe to call twice, and after a failure. */
    public synchronized void finish() {
        if (ticker != null) {
            ticker.shutdownNow();
            ticker = null;
        }
        if (out != null && !finished && interactive) {
            out.print('\n');
            out.flush();
        }
        finished = true;
    }

    /** The share of the work done, 0..1: finished runs plus the simulated share of those in flight. */
    double fraction() {
        if (total == 0) {
            return 1.0;
        }
        double inFlight = 0;
        for (Run r : running) {
            inFlight += r.fraction();
        }
        return Math.min(1.0, (done + inFlight) / total);
    }

    private void draw(boolean force) {
        long now = clock.getAsLong();
        double fraction = fraction();
        int percent = (int) Math.floor(fraction * 100 + 1e-9); // 0.57 * 100 is 56.99999...
        if (!force) {
            if (interactive && now - lastPrintNanos < 100_000_000L) {
                return;
            }
            if (!interactive && percent < lastPrintedPercent + PLAIN_STEP_PERCENT
                    && now - lastPrintNanos < PLAIN_EVERY_NANOS) {
                return;
            }
        }
        lastPrintNanos = now;
        lastPrintedPercent = percent;
        double elapsed = (now - startNanos) / 1e9;
        String eta = fraction <= 0 ? "--" : seconds(elapsed / fraction * (1 - fraction));
        String simulated = simulatedText();
        if (interactive) {
            int filled = (int) (WIDTH * fraction);
            String bar = "#".repeat(filled) + "-".repeat(WIDTH - filled);
            out.print(String.format(Locale.ROOT, "\r[%s] %d/%d runs %3d%%%s  %s elapsed  ETA %s  ", bar, done, total,
                    percent, simulated, seconds(elapsed), eta));
        } else {
            out.println(String.format(Locale.ROOT, "progress: %d/%d runs, %d%%%s, %s elapsed, ETA %s", done, total,
                    percent, simulated, seconds(elapsed), eta));
        }
        out.flush();
    }

    /** For a single run, its simulated clock: " (simulated 3.2 s of 10.0 s)". */
    private String simulatedText() {
        if (total != 1 || running.size() != 1) {
            return "";
        }
        Run r = running.iterator().next();
        return String.format(Locale.ROOT, " (simulated %.1f s of %.1f s)", r.simulatedMicros.getAsLong() / 1e6,
                r.totalMicros / 1e6);
    }

    private static String seconds(double s) {
        if (s < 60) {
            return String.format(Locale.ROOT, "%.0f s", s);
        }
        return String.format(Locale.ROOT, "%dm%02ds", (long) s / 60, (long) s % 60);
    }
}
