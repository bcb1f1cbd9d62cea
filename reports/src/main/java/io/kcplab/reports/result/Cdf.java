package io.kcplab.reports.result;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

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

    /**
     * Several runs' CDFs as one: run {@code i}'s fraction weighs {@code weights[i]} (its sample count), so the result
     * is the CDF of all their samples together, evaluated at every value any of them has. Runs of weight 0 or an
     * empty CDF add nothing.
     */
    public static Cdf pooled(List<Cdf> cdfs, long[] weights) {
        if (cdfs.size() != weights.length) {
            throw new IllegalArgumentException(cdfs.size() + " CDFs but " + weights.length + " weights");
        }
        TreeSet<Double> xs = new TreeSet<>();
        long total = 0;
        for (int i = 0; i < cdfs.size(); i++) {
            if (weights[i] > 0 && cdfs.get(i).size() > 0) {
                total += weights[i];
                for (double v : cdfs.get(i).values) {
                    xs.add(v);
                }
            }
        }
        if (total == 0) {
            return EMPTY;
        }
        double[] v = new double[xs.size()];
        double[] f = new double[xs.size()];
        int k = 0;
        for (double x : xs) {
            double sum = 0;
            for (int i = 0; i < cdfs.size(); i++) {
                if (weights[i] > 0) {
                    sum += weights[i] * cdfs.get(i).at(x);
                }
            }
            v[k] = x;
            f[k] = Math.min(1.0, k > 0 ? Math.max(f[k - 1], sum / total) : sum / total);
            k++;
        }
        return new Cdf(v, f);
    }

    /** The fraction of samples {@code <= x}: the step function through the points (0 before the first). */
    public double at(double x) {
        int i = Arrays.binarySearch(values, x);
        if (i < 0) {
            i = -i - 2; // the last point below x
        } else {
            while (i + 1 < values.length && values[i + 1] == x) {
                i++;
            }
        }
        return i < 0 ? 0 : fractions[i];
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
