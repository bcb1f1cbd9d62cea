package io.kcplab.reports.compare;

/**
 * Mean and spread of one metric over the seeds of a configuration. NaN samples ("no data")
 * are left out; {@code n} counts the rest. Standard deviation is the sample one (n - 1).
 */
public record Stats(int n, double mean, double min, double max, double stddev) {

    public static final Stats EMPTY = new Stats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    public static Stats of(double[] samples) {
        int n = 0;
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : samples) {
            if (!Double.isNaN(v)) {
                n++;
                sum += v;
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (n == 0) {
            return EMPTY;
        }
        double mean = sum / n;
        double squares = 0;
        for (double v : samples) {
            if (!Double.isNaN(v)) {
                squares += (v - mean) * (v - mean);
            }
        }
        double stddev = n > 1 ? Math.sqrt(squares / (n - 1)) : 0;
        return new Stats(n, mean, min, max, stddev);
    }

    public boolean isEmpty() {
        return n == 0;
    }
}
