package io.kcplab.reports.chart;

import io.kcplab.reports.result.RunResult;
import io.kcplab.reports.result.Series;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One configuration's time series across its seeds: each run's series summed over its connections and smoothed,
 * then per sample time the seeds' mean and their min–max range. A run that ended earlier (stop when finished) is
 * left out of the later samples, so there the band covers the runs still going.
 */
public record SeedBand(String label, double[] times, double[] mean, double[] min, double[] max, int seeds) {

    public static SeedBand of(String label, List<RunResult> runs, String seriesName, Smoothing smoothing,
            double scale) {
        TreeMap<Double, double[]> acc = new TreeMap<>(); // time -> {sum, min, max, count}
        int seeds = 0;
        for (RunResult r : runs) {
            TreeMap<Double, Double> total = new TreeMap<>();
            for (Series s : r.series(seriesName)) {
                for (int i = 0; i < s.size(); i++) {
                    total.merge(s.time(i), s.value(i) * scale, Double::sum);
                }
            }
            if (total.isEmpty()) {
                continue;
            }
            seeds++;
            double[] smoothed = smoothing.apply(total.values().stream().mapToDouble(Double::doubleValue).toArray());
            int i = 0;
            for (double t : total.keySet()) {
                double v = smoothed[i++];
                double[] a = acc.computeIfAbsent(t, k -> new double[] {0, Double.POSITIVE_INFINITY,
                    Double.NEGATIVE_INFINITY, 0});
                a[0] += v;
                a[1] = Math.min(a[1], v);
                a[2] = Math.max(a[2], v);
                a[3]++;
            }
        }
        int n = acc.size();
        double[] times = new double[n];
        double[] mean = new double[n];
        double[] min = new double[n];
        double[] max = new double[n];
        int i = 0;
        for (Map.Entry<Double, double[]> e : acc.entrySet()) {
            double[] a = e.getValue();
            times[i] = e.getKey();
            mean[i] = a[0] / a[3];
            min[i] = a[1];
            max[i] = a[2];
            i++;
        }
        return new SeedBand(label, times, mean, min, max, seeds);
    }

    public int size() {
        return times.length;
    }
}
