package io.kcplab.scenarios.run;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress bar on stderr: done/total, elapsed and ETA. Wall time is fine here: it is user interface, not part of
 * any result. On a terminal the bar redraws in place; otherwise (CI logs) a line is printed at most every 5 s.
 */
public final class Progress {

    private static final int WIDTH = 30;
    private final PrintStream out;
    private final int total;
    private final boolean interactive;
    private final long startNanos = System.nanoTime();
    private long lastPrintNanos;
    private int done;

    public Progress(PrintStream out, int total, boolean interactive) {
        this.out = out;
        this.total = total;
        this.interactive = interactive;
    }

    /** Silent progress, for tests and --quiet. */
    public static Progress none() {
        return new Progress(null, 0, false);
    }

    public static Progress onStderr(int total) {
        return new Progress(System.err, total, System.console() != null);
    }

    public synchronized void start() {
        if (out != null) {
            draw(true);
        }
    }

    public synchronized void completed() {
        done++;
        if (out == null) {
            return;
        }
        long now = System.nanoTime();
        if (interactive || done == total || now - lastPrintNanos > 5_000_000_000L) {
            draw(done == total);
        }
    }

    public synchronized void finish() {
        if (out != null && interactive) {
            out.print('\n');
            out.flush();
        }
    }

    private void draw(boolean force) {
        long now = System.nanoTime();
        if (!force && interactive && now - lastPrintNanos < 100_000_000L) {
            return;
        }
        lastPrintNanos = now;
        double elapsed = (now - startNanos) / 1e9;
        int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * done / total);
        String bar = "#".repeat(filled) + "-".repeat(WIDTH - filled);
        String eta = done == 0 ? "--" : seconds(elapsed / done * (total - done));
        String line = String.format(Locale.ROOT, "[%s] %d/%d runs  %s elapsed  ETA %s", bar, done, total,
                seconds(elapsed), eta);
        if (interactive) {
            out.print("\r" + line);
        } else {
            out.println(line);
        }
        out.flush();
    }

    private static String seconds(double s) {
        if (s < 60) {
            return String.format(Locale.ROOT, "%.1fs", s);
        }
        return String.format(Locale.ROOT, "%dm%02ds", (long) s / 60, (long) s % 60);
    }
}
