package io.kcplab.reports.compare;

import io.kcplab.reports.result.Metric;

/**
 * One metric of one matched configuration, baseline vs candidate: of the run totals, or of one flow.
 *
 * @param changePercent (candidate mean - baseline mean) / |baseline mean| * 100; NaN when either
 *                      side has no data; ±Infinity when the baseline mean is 0 and the candidate's is not
 * @param threshold     the threshold checked, or null when the metric is not checked
 * @param flow          the flow compared ("bulk/up"), or null for the run totals
 */
public record MetricComparison(Metric metric, Stats baseline, Stats candidate, double changePercent,
                               Threshold threshold, Verdict verdict, String flow) {

    static MetricComparison of(Metric metric, Stats baseline, Stats candidate, Threshold threshold) {
        return of(null, metric, baseline, candidate, threshold);
    }

    static MetricComparison of(String flow, Metric metric, Stats baseline, Stats candidate, Threshold threshold) {
        double change = change(baseline, candidate);
        Verdict verdict;
        if (threshold == null) {
            verdict = Verdict.NOT_CHECKED;
        } else if (baseline.isEmpty()) {
            verdict = Verdict.NO_DATA;
        } else if (candidate.isEmpty()) {
            verdict = Verdict.REGRESSION; // e.g. p99 latency with no message delivered at all
        } else {
            verdict = threshold.isRegression(change) ? Verdict.REGRESSION : Verdict.PASS;
        }
        return new MetricComparison(metric, baseline, candidate, change, threshold, verdict, flow);
    }

    /** "p99" for a total, "echo/up p99" or "bulk/up goodput_active" (a flow's goodput is while active). */
    public String label() {
        return flow == null ? metricName() : flow + " " + metricName();
    }

    /** The flow's name, or "totals" for the run totals (every flow pooled). */
    public String flowName() {
        return flow == null ? TOTALS : flow;
    }

    /** The metric's short name; a flow's goodput is "goodput_active" (while the flow was active). */
    public String metricName() {
        return flow != null && metric == Metric.GOODPUT ? "goodput_active" : metric.alias();
    }

    /** What {@link #flowName} says for the run totals. */
    public static final String TOTALS = "totals";

    static double change(Stats baseline, Stats candidate) {
        if (baseline.isEmpty() || candidate.isEmpty()) {
            return Double.NaN;
        }
        double b = baseline.mean();
        double c = candidate.mean();
        if (b == c) {
            return 0;
        }
        if (b == 0) {
            return c > 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        }
        return (c - b) / Math.abs(b) * 100;
    }
}
