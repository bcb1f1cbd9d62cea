package io.kcplab.reports.compare;

import io.kcplab.reports.io.NumberText;
import io.kcplab.reports.result.Metric;

/**
 * How far a metric may move before a comparison calls it a regression. The sign gives the
 * bad direction: {@code goodput=-5%} fails when the candidate's mean goodput is more than 5%
 * below the baseline's; {@code p99=+10%} fails when p99 latency rises by more than 10%.
 */
public record Threshold(Metric metric, double percent, boolean up) {

    public Threshold {
        if (!(percent >= 0) || Double.isInfinite(percent)) {
            throw new IllegalArgumentException("threshold for " + metric.alias() + " must be a finite percentage >= 0, got "
                    + percent);
        }
    }

    /** {@code Threshold.of(Metric.GOODPUT, -5)}: negative = a drop regresses, positive = a rise regresses. */
    public static Threshold of(Metric metric, double signedPercent) {
        boolean up = signedPercent > 0 || (signedPercent == 0 && 1 / signedPercent > 0);
        return new Threshold(metric, Math.abs(signedPercent), up);
    }

    /** True when a change (in percent of the baseline mean) crosses this threshold. */
    public boolean isRegression(double changePercent) {
        return up ? changePercent > percent : changePercent < -percent;
    }

    /** "p99=+10%" — the form {@link Thresholds#parse} reads. */
    public String text() {
        return metric.alias() + "=" + (up ? "+" : "-") + NumberText.of(percent).replaceAll("\\.0$", "") + "%";
    }

    @Override
    public String toString() {
        return text();
    }
}
