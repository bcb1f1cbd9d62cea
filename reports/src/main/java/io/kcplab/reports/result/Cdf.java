package io.kcplab.reports.result;

import java.util.Arrays;
import java.util.Objects;

/**
 * A cumulative distribution: {@code fractions[i]} of the samples are {@code <= values[i]}.
 * Both arrays are non-decreasing; fractions lie in [0, 1]. An empty CDF means "no samples".
 */
public record Cdf(double[] values, double[] fractions) {

    public static final Cdf EMPTY = new Cdf(new double[0], new double[0]);

    public Cdf {
        if (values.length != fractions.length) {
            throw new IllegalArgumentException("CDF has " + values.length + " values but " + fractions.length + " fractions");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i]) || (i > 0 && values[i] < values[i - 1])) {
                throw new IllegalArgumentException("CDF values must be finite and non-decreasing, bad at index " + i);
            }
            double f = fractions[i];
            if (!(f >= 0 && f <= 1) || (i > 0 && f < fractions[i - 1])) {
                throw new IllegalArgumentException("CDF fractions must be non-decreasing in [0, 1], bad at index " + i);
            }
        }
        values = values.clone();
        fractions = fractions.clone();
    }

    /** The empirical CDF of raw samples: one point per distinct value. */
    public static Cdf fromSamples(double[] samples) {
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double[] v = new double[n];
        double[] f = new double[n];
        int points = 0;
        for (int i = 0; i < n; i++) {
            if (i + 1 < n && sorted[i + 1] == sorted[i]) {
                continue; // keep only the last (highest fraction) point of equal samples
            }
            v[points] = sorted[i];
            f[points] = (double) (i + 1) / n;
            points++;
        }
        return new Cdf(Arrays.copyOf(v, points), Arrays.copyOf(f, points));
    }

    public int size() {
        return values.length;
    }

    public double value(int i) {
        return values[i];
    }

    public double fraction(int i) {
        return fractions[i];
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    @Override
    public double[] fractions() {
        return fractions.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cdf c && Arrays.equals(values, c.values) && Arrays.equals(fractions, c.fractions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(values), Arrays.hashCode(fractions));
    }

    @Override
    public String toString() {
        return "Cdf[" + values.length + " points]";
    }
}
