package io.kcplab.scenarios.report;

import io.kcplab.reports.chart.ChartStyle;
import io.kcplab.reports.result.ConnectionResult;
import io.kcplab.reports.result.Metric;
import io.kcplab.reports.result.ResultSet;
import io.kcplab.reports.result.RunResult;
import io.kcplab.reports.result.Series;
import io.kcplab.reports.result.Settings;
import io.kcplab.reports.result.StandardSeries;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Charts across the configurations of a sweep (the reports' sweep page draws heat maps only when two settings
 * vary; a one-setting sweep such as the preset comparison needs these): metric means over seeds with ±1 sd
 * whiskers, goodput over time and the latency CDF of each configuration's first seed.
 */
public final class SweepCharts {

    static {
        ChartStyle.color(0); // loads the reports' chart setup, which turns on headless AWT first
    }

    private SweepCharts() {
    }

    /** Runs grouped by settings, in run order. */
    public static Map<Settings, List<RunResult>> configurations(ResultSet set) {
        Map<Settings, List<RunResult>> groups = new LinkedHashMap<>();
        for (RunResult r : set.runs()) {
            groups.computeIfAbsent(r.settings(), k -> new ArrayList<>()).add(r);
        }
        return groups;
    }

    /** Mean ± sd over seeds of each metric, one bar group per configuration. */
    public static JFreeChart means(ResultSet set, String title, String axis, double scale, Metric... metrics) {
        DefaultStatisticalCategoryDataset data = new DefaultStatisticalCategoryDataset();
        for (Map.Entry<Settings, List<RunResult>> e : configurations(set).entrySet()) {
            for (Metric m : metrics) {
                double[] v = e.getValue().stream().mapToDouble(r -> r.total().value(m) * scale)
                        .filter(x -> !Double.isNaN(x)).toArray();
                if (v.length == 0) {
                    continue;
                }
                double mean = java.util.Arrays.stream(v).average().orElse(0);
                double var = java.util.Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum() / v.length;
                data.add(mean, Math.sqrt(var), m.alias(), e.getKey().label());
            }
        }
        CategoryAxis x = new CategoryAxis("configuration");
        x.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        x.setMaximumCategoryLabelWidthRatio(0.6f);
        StatisticalBarRenderer renderer = new StatisticalBarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setErrorIndicatorPaint(Color.DARK_GRAY);
        for (int i = 0; i < metrics.length; i++) {
            renderer.setSeriesPaint(i, ChartStyle.color(i));
        }
        CategoryPlot plot = new CategoryPlot(data, x, new NumberAxis(axis), renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xDDDDDD));
        plot.setNoDataMessage("no data");
        return finish(new JFreeChart(title + " (mean over seeds, ±1 sd)", JFreeChart.DEFAULT_TITLE_FONT, plot, true));
    }

    /** Total goodput over time of each configuration's first run, Mbit/s. */
    public static JFreeChart goodputOverTime(ResultSet set) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Map.Entry<Settings, List<RunResult>> e : configurations(set).entrySet()) {
            RunResult first = e.getValue().get(0);
            XYSeries xy = new XYSeries(e.getKey().label() + " (seed " + first.seed() + ")", false, true);
            Map<Double, Double> sum = new java.util.TreeMap<>();
            for (Series s : first.series(StandardSeries.GOODPUT)) {
                for (int i = 0; i < s.size(); i++) {
                    sum.merge(s.time(i), s.value(i) / 1e6, Double::sum);
                }
            }
            sum.forEach((t, v) -> xy.add(t, v, false));
            data.addSeries(xy);
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Goodput over time, all connections", "simulated time (s)",
                "goodput (Mbit/s)", data, PlotOrientation.VERTICAL, true, false, false);
        return styleXy(chart);
    }

    /** Latency CDF of one connection (by label) in each configuration's first run. */
    public static JFreeChart latencyCdf(ResultSet set, String connection) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Map.Entry<Settings, List<RunResult>> e : configurations(set).entrySet()) {
            RunResult first = e.getValue().get(0);
            for (ConnectionResult c : first.connections()) {
                if (c.connection().equals(connection) && c.latencyCdf().size() > 0) {
                    XYSeries xy = new XYSeries(e.getKey().label(), false, true);
                    for (int i = 0; i < c.latencyCdf().size(); i++) {
                        xy.add(c.latencyCdf().value(i), c.latencyCdf().fraction(i), false);
                    }
                    data.addSeries(xy);
                }
            }
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Message latency CDF of '" + connection + "' (first seed)",
                "one-way latency (ms)", "fraction of messages", data, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = (XYPlot) chart.getPlot();
        plot.setRenderer(new XYStepRenderer());
        plot.getRangeAxis().setRange(0, 1.0);
        return styleXy(chart);
    }

    private static JFreeChart styleXy(JFreeChart chart) {
        XYPlot plot = (XYPlot) chart.getPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xDDDDDD));
        plot.setRangeGridlinePaint(new Color(0xDDDDDD));
        plot.setNoDataMessage("no data");
        for (int i = 0; i < plot.getDataset().getSeriesCount(); i++) {
            plot.getRenderer().setSeriesPaint(i, ChartStyle.color(i));
            plot.getRenderer().setSeriesStroke(i, new BasicStroke(1.6f));
        }
        return finish(chart);
    }

    private static JFreeChart finish(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        return chart;
    }
}
