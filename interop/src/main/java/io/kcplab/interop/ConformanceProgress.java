package io.kcplab.interop;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress of {@code kcplab conformance} on stderr (stdout carries the summary): a plain line each time another
 * 10 % of the scripts is done and at least every 5 s, flushed at once, as {@code kcplab run} prints in logs.
 */
final class ConformanceProgress {

    private final PrintStream err;
    private final int total;
    private final LongSupplier nanos;
    private final long start;
    private long lastNanos;
    private int lastPercent;

    ConformanceProgress(PrintStream err, int total, LongSupplier nanos) {
        this.err = err;
        this.total = total;
        this.nanos = nanos;
        this.start = nanos.getAsLong();
        this.lastNanos = start;
    }

    /** {@code done} scripts of the total are checked. */
    void done(int done) {
        long now = nanos.getAsLong();
        int percent = (int) ((long) done * 100 / total);
        if (done < total && percent < lastPercent + 10 && now - lastNanos < 5_000_000_000L) {
            return;
        }
        lastNanos = now;
        lastPercent = percent;
        err.printf(Locale.ROOT, "progress: %d/%d scripts, %d%%, %.0f s elapsed%n", done, total, percent,
                (now - start) / 1e9);
        err.flush();
    }
}
