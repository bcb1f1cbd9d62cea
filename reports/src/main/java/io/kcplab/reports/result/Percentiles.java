package io.kcplab.reports.result;

/**
 * A latency or RTT distribution summary in milliseconds. NaN marks "no samples"
 * (e.g. no message was delivered), which is different from a latency of zero.
 */
public record Percentiles(double p50, double p90, double p99, double p999, double max, double mean) {

    public static final Percentiles NONE =
            new Percentiles(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    public Percentiles {
        check("p50", p50);
        check("p90", p90);
        check("p99", p99);
        check("p999", p999);
        check("max", max);
        check("mean", mean);
    }

    private static void check(String name, double v) {
        if (v < 0 || Double.isInfinite(v)) {
            throw new IllegalArgumentException("percentile " + name + " must be >= 0 and finite (or NaN for none), got " + v);
        }
    }
}
