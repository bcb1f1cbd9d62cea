package io.kcplab.reports.chart;

import io.kcplab.reports.result.Metric;
import io.kcplab.reports.result.ResultSet;
import io.kcplab.reports.result.RunResult;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * A metric over two swept settings: cell {@code [y][x]} is the mean over every run with that
 * pair of values (seeds and any other settings averaged together; NaN metrics skipped), and
 * {@code sds[y][x]} the sample standard deviation over those runs (as {@code Stats}) (the seeds' spread). A cell
 * with no run is NaN in both. {@code pooled}: the other settings that vary within a cell (averaged over with
 * the seeds; empty when a cell's runs differ only by seed).
 */
public record HeatMapData(String xSetting, List<String> xValues, String ySetting, List<String> yValues,
                          Metric metric, double[][] cells, double[][] sds, int[][] counts, List<String> pooled) {

    public static HeatMapData of(ResultSet set, String xSetting, String ySetting, Metric metric) {
        if (xSetting.equals(ySetting)) {
            throw new IllegalArgumentException("a heat map needs two different settings, got '" + xSetting + "' twice");
        }
        LinkedHashSet<String> xs = new LinkedHashSet<>();
        LinkedHashSet<String> ys = new LinkedHashSet<>();
        for (RunResult r : set.runs()) {
            String x = r.settings().get(xSetting);
            String y = r.settings().get(ySetting);
            if (x != null && y != null) {
                xs.add(x);
                ys.add(y);
            }
        }
        if (xs.isEmpty()) {
            throw new IllegalArgumentException("no run has both settings '" + xSetting + "' and '" + ySetting
                    + "'; the settings in this result set are: " + String.join(", ", set.settingKeys()));
        }
        List<String> xValues = SettingAxis.order(xs);
        List<String> yValues = SettingAxis.order(ys);
        double[][] sums = new double[yValues.size()][xValues.size()];
        double[][] squares = new double[yValues.size()][xValues.size()];
        int[][] counts = new int[yValues.size()][xValues.size()];
        for (RunResult r : set.runs()) {
            String x = r.settings().get(xSetting);
            String y = r.settings().get(ySetting);
            double v = r.total().value(metric);
            if (x != null && y != null && !Double.isNaN(v)) {
                int yi = yValues.indexOf(y);
                int xi = xValues.indexOf(x);
                sums[yi][xi] += v;
                squares[yi][xi] += v * v;
                counts[yi][xi]++;
            }
        }
        double[][] cells = new double[yValues.size()][xValues.size()];
        double[][] sds = new double[yValues.size()][xValues.size()];
        for (int yi = 0; yi < cells.length; yi++) {
            for (int xi = 0; xi < cells[yi].length; xi++) {
                int n = counts[yi][xi];
                double mean = n == 0 ? Double.NaN : sums[yi][xi] / n;
                cells[yi][xi] = mean;
                sds[yi][xi] = n == 0 ? Double.NaN
                        : n == 1 ? 0 : Math.sqrt(Math.max(0, (squares[yi][xi] - n * mean * mean) / (n - 1)));
            }
        }
        List<String> pooled = new java.util.ArrayList<>();
        for (String key : set.settingKeys()) {
            if (key.equals(xSetting) || key.equals(ySetting)) {
                continue;
            }
            java.util.Set<String> values = new java.util.HashSet<>();
            set.runs().forEach(r -> values.add(String.valueOf(r.settings().get(key))));
            if (values.size() > 1) {
                pooled.add(key);
            }
        }
        return new HeatMapData(xSetting, xValues, ySetting, yValues, metric, cells, sds, counts,
                List.copyOf(pooled));
    }

    public int width() {
        return xValues.size();
    }

    public int height() {
        return yValues.size();
    }

    public double cell(int x, int y) {
        return cells[y][x];
    }

    /** The spread (sample sd) over the runs of a cell; 0 for a cell of one run. */
    public double sd(int x, int y) {
        return sds[y][x];
    }

    /** Smallest and largest non-NaN cell, or {NaN, NaN} when all are empty. */
    public double[] range() {
        double lo = Double.NaN;
        double hi = Double.NaN;
        for (double[] row : cells) {
            for (double v : row) {
                if (!Double.isNaN(v)) {
                    lo = Double.isNaN(lo) ? v : Math.min(lo, v);
                    hi = Double.isNaN(hi) ? v : Math.max(hi, v);
                }
            }
        }
        return new double[] {lo, hi};
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HeatMapData h && xSetting.equals(h.xSetting) && ySetting.equals(h.ySetting)
                && xValues.equals(h.xValues) && yValues.equals(h.yValues) && metric == h.metric
                && Arrays.deepEquals(cells, h.cells) && Arrays.deepEquals(sds, h.sds)
                && Arrays.deepEquals(counts, h.counts) && pooled.equals(h.pooled);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(cells) * 31 + xValues.hashCode();
    }
}
