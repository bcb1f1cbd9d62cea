package io.kcplab.sim.metrics;

import java.util.Arrays;
import org.HdrHistogram.Histogram;

/**
 * An HdrHistogram (3 significant digits) that costs a few bytes until it holds many values. An HdrHistogram spanning
 * an hour in µs is a ~180 KB array from the start; a server scenario keeps four per conversation, most holding a
 * handful of values (one echo a second), which made 10,000 conversations need 8 GB. Values wait in a small array
 * instead and move into the histogram when there are {@link #SPILL_AT} of them, or when it is asked for. The
 * histogram resizes itself to the largest value recorded; its buckets (lowest discernible value 1, 3 digits) are
 * those of the full-range one, so every count, percentile, mean and maximum is the same as before.
 */
final class CompactHistogram {

    private static final int SPILL_AT = 1024;

    private final long highestTrackable;
    private long[] pending = new long[4];
    private int pendingCount;
    private Histogram histogram;

    CompactHistogram(long highestTrackable) {
        this.highestTrackable = highestTrackable;
    }

    /** Records {@code value}, which must lie in [0, highestTrackable]. */
    void record(long value) {
        if (value < 0 || value > highestTrackable) {
            throw new ArrayIndexOutOfBoundsException("value " + value + " outside [0, " + highestTrackable + "]");
        }
        if (histogram != null) {
            histogram.recordValue(value);
            return;
        }
        if (pendingCount == pending.length) {
            if (pendingCount == SPILL_AT) {
                histogram().recordValue(value);
                return;
            }
            pending = Arrays.copyOf(pending, pendingCount * 2);
        }
        pending[pendingCount++] = value;
    }

    /**
     * Adds every value recorded to {@code target}. Unlike {@link #histogram()} it leaves a compact one compact, so
     * reading 10,000 conversations' few values does not build 10,000 histograms.
     */
    void addTo(Histogram target) {
        if (histogram != null) {
            target.add(histogram);
            return;
        }
        for (int i = 0; i < pendingCount; i++) {
            target.recordValue(pending[i]);
        }
    }

    /** The histogram of every value recorded; it stays the live one from now on. */
    Histogram histogram() {
        if (histogram == null) {
            histogram = new Histogram(3); // auto-resizing
            histogram.setAutoResize(true);
            for (int i = 0; i < pendingCount; i++) {
                histogram.recordValue(pending[i]);
            }
            pending = null;
            pendingCount = 0;
        }
        return histogram;
    }
}
