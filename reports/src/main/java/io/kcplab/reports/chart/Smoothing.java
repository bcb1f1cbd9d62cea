package io.kcplab.reports.chart;

import io.kcplab.reports.result.RunResult;
import io.kcplab.reports.result.Series;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Locale;

/**
 * A centred moving mean over {@code 2 * halfWidth + 1} samples of {@code sampleSeconds} each. Per-interval goodput
 * jumps with every retransmission burst; the mean over about a twelfth of the run shows the trend, and the chart
 * states the window so nobody mistakes it for the raw samples.
 */
public record Smoothing(int halfWidth, double sampleSeconds) {

    public static final Smoothing NONE = new Smoothing(0, 0);

    /** About 1/12 of the longest run (an odd number of whole samples of the series' interval). */
    public static Smoothing forRuns(Collection<RunResult> runs, String seriesName) {
        double interval = Double.NaN;
        double duration = 0;
        for (RunResult r : runs) {
            duration = Math.max(duration, r.durationSeconds());
            for (Series s : r.series(seriesName)) {
                if (s.size() > 1 && Double.isNaN(interval)) {
                    interval = s.time(1) - s.time(0);
                }
            }
        }
        if (!(interval > 0)) {
            return NONE;
        }
        int half = (int) Math.round(duration / 12 / interval / 2);
        return new Smoothing(Math.max(0, half), interval);
    }

    public int samples() {
        return 2 * halfWidth + 1;
    }

    /** values smoothed; near the ends the window shrinks to the samples there are. */
    public double[] apply(double[] values) {
        if (halfWidth == 0) {
            return values.clone();
        }
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            int from = Math.max(0, i - halfWidth);
            int to = Math.min(values.length - 1, i + halfWidth);
            double sum = 0;
            for (int k = from; k <= to; k++) {
                sum += values[k];
            }
            out[i] = sum / (to - from + 1);
        }
        return out;
    }

    /** "moving mean over 0.3 s (3 samples)", or "per 0.1 s sample, not smoothed". */
    public String caption() {
        if (halfWidth == 0) {
            return sampleSeconds > 0 ? "per " + seconds(sampleSeconds) + " s sample, not smoothed" : "not smoothed";
        }
        return "moving mean over " + seconds(samples() * sampleSeconds) + " s (" + samples() + " samples)";
    }

    /** "0.5", "1.25": milliseconds precision without trailing zeros. */
    private static String seconds(double s) {
        return new BigDecimal(String.format(Locale.ROOT, "%.3f", s)).stripTrailingZeros().toPlainString();
    }
}
