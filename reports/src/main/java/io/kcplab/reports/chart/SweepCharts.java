package io.kcplab.reports.chart;

import io.kcplab.reports.compare.Stats;
import io.kcplab.reports.result.Cdf;
import io.kcplab.reports.result.ConnectionResult;
import io.kcplab.reports.result.Metric;
import io.kcplab.reports.result.ResultSet;
import io.kcplab.reports.result.RunResult;
import io.kcplab.reports.result.Settings;
import io.kcplab.reports.result.StandardSeries;
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
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Charts across the configurations of a sweep: each flow's figure as the mean over seeds with a ±1 sd whisker,
 * time series as a mean line per configuration inside a band spanning its seeds' min–max, and the latency CDF of
 * each configuration's messages, its seeds pooled. A configuration has the same colour in every chart (its index in the
 * palette), and no chart repeats a colour: time series split into panels of {@link #BANDS_PER_PANEL}
 * configurations (more overlapping bands hide each other), CDFs into panels of {@link ChartStyle#PALETTE_SIZE}.
 */
public final class SweepCharts {

    static {
        Headless.ensure();
    }

    /**
     * More configurations than this would squeeze their names under the bars into unreadable stubs; the bars are
     * then numbered in configuration order, as the parameters table numbers its rows.
     */
    public static final int MAX_NAMED_CATEGORIES = 12;

    /** Bands of more configurations than this overlap too much to read; the rest go to further panels. */
    public static final int BANDS_PER_PANEL = 4;

    private static final Font LEGEND = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    private SweepCharts() {
    }

    /**
     * Mean ± sd over seeds of {@code metric} for every flow judged by it (a bulk flow's goodput while active, a
     * message flow's latency), one bar group per configuration. Results without flows show the run totals.
     */
    public static JFreeChart flowMeans(ResultSet set, Metric metric, String quantity) {
        DisplayUnit unit = DisplayUnit.of(metric);
        DefaultStatisticalCategoryDataset data = new DefaultStatisticalCategoryDataset();
        boolean flows = !set.flowIds().isEmpty();
        boolean numbered = set.configurations().size() > MAX_NAMED_CATEGORIES;
        int k = 0;
        for (Map.Entry<Settings, List<RunResult>> e : set.configurations().entrySet()) {
            String column = numbered ? Integer.toString(++k) : label(e.getKey(), e.getValue());
            if (!flows) {
                add(data, e.getValue().stream().mapToDouble(r -> unit.apply(r.total().value(metric))).toArray(),
                        "all flows pooled", column);
                continue;
            }
            for (String id : set.flowIds()) {
                double[] v = e.getValue().stream().map(r -> r.flow(id))
                        .filter(f -> f != null && f.judgedBy(metric)).mapToDouble(f -> unit.apply(f.value(metric)))
                        .toArray();
                add(data, v, id, column);
            }
        }
        CategoryAxis x = new CategoryAxis(numbered ? "configuration (# in the protocol parameters table)"
                : "configuration");
        if (!numbered) {
            x.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
            x.setMaximumCategoryLabelWidthRatio(0.6f);
        }
        StatisticalBarRenderer renderer = new StatisticalBarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setErrorIndicatorPaint(Color.DARK_GRAY);
        CategoryPlot plot = new CategoryPlot(data, x, new NumberAxis(unit.label(quantity)), renderer);
        plot.setNoDataMessage("no flow is judged by " + metric.alias());
        JFreeChart chart = new JFreeChart(quantity + " per flow (mean over seeds, whisker ±1 sd)", ChartStyle.TITLE,
                plot, true);
        compactLegend(chart);
        return ChartStyle.apply(chart);
    }

    /** A configuration's name in a legend: its settings, or its scenario's name when nothing is swept. */
    static String label(Settings settings, List<RunResult> runs) {
        return settings.isEmpty() ? runs.get(0).scenario() : settings.label();
    }

    /** Whether {@link #flowMeans} has something to show: a flow judged by the metric, or results without flows. */
    public static boolean hasFlowFor(ResultSet set, Metric metric) {
        return set.flowIds().isEmpty()
                || set.runs().stream().anyMatch(r -> r.flows().stream().anyMatch(f -> f.judgedBy(metric)));
    }

    private static void add(DefaultStatisticalCategoryDataset data, double[] values, String row, String column) {
        Stats s = Stats.of(values);
        if (!s.isEmpty()) {
            data.add(s.mean(), s.stddev(), row, column);
        }
    }

    /**
     * A time series (e.g. {@link StandardSeries#GOODPUT}) summed over each run's connections: per configuration a
     * mean line over its seeds and a band from the seeds' minimum to maximum, smoothed as the axis says. One chart,
     * or several panels of at most {@link #BANDS_PER_PANEL} configurations each.
     */
    public static List<JFreeChart> overTime(ResultSet set, String seriesName, String title, String quantity,
            String storedUnit) {
        return overTime(set, seriesName, title, quantity, storedUnit, 0);
    }

    /**
     * As above, the first configuration drawn in palette colour {@code firstColour}: a configuration's own page
     * keeps the colour it has in the sweep's charts.
     */
    public static List<JFreeChart> overTime(ResultSet set, String seriesName, String title, String quantity,
            String storedUnit, int firstColour) {
        DisplayUnit unit = DisplayUnit.of(storedUnit);
        Smoothing smoothing = Smoothing.forRuns(set.runs(), seriesName);
        List<SeedBand> bands = new ArrayList<>();
        set.configurations().forEach((settings, runs) -> {
            SeedBand b = SeedBand.of(label(settings, runs), runs, seriesName, smoothing, unit.scale());
            if (b.size() > 0) {
                bands.add(b);
            }
        });
        List<JFreeChart> panels = new ArrayList<>();
        List<List<SeedBand>> parts = panels(bands, BANDS_PER_PANEL);
        for (int p = 0; p < parts.size(); p++) {
            List<SeedBand> part = parts.get(p);
            YIntervalSeriesCollection data = new YIntervalSeriesCollection();
            for (SeedBand b : part) {
                YIntervalSeries s = new YIntervalSeries(b.label() + " (" + b.seeds() + (b.seeds() == 1 ? " seed)"
                        : " seeds)"), false, true);
                for (int i = 0; i < b.size(); i++) {
                    s.add(b.times()[i], b.mean()[i], b.min()[i], b.max()[i]);
                }
                data.addSeries(s);
            }
            String panelTitle = title + panelSuffix(bands.size(), BANDS_PER_PANEL, p, part.size());
            JFreeChart chart = ChartFactory.createXYLineChart(panelTitle, "simulated time (s)", unit.label(quantity),
                    data, PlotOrientation.VERTICAL, true, false, false);
            TextTitle how = new TextTitle("line: mean over the seeds, band: their min–max; each seed "
                    + smoothing.caption(), LEGEND);
            how.setPaint(Color.DARK_GRAY);
            chart.addSubtitle(0, how);
            DeviationRenderer renderer = new DeviationRenderer(true, false);
            renderer.setAlpha(0.12f);
            XYPlot plot = chart.getXYPlot();
            plot.setRenderer(renderer);
            plot.setNoDataMessage("no data");
            ChartStyle.apply(chart);
            for (int i = 0; i < part.size(); i++) {
                Paint colour = ChartStyle.color(firstColour + p * BANDS_PER_PANEL + i);
                renderer.setSeriesPaint(i, colour);
                renderer.setSeriesFillPaint(i, colour);
                renderer.setSeriesStroke(i, new BasicStroke(1.8f));
            }
            compactLegend(chart);
            panels.add(chart);
        }
        return panels;
    }

    /**
     * Latency CDF of one connection (by label) per configuration, all its seeds pooled: each seed weighs its
     * messages, so the line is the distribution of every message the seeds delivered (one seed's tail is not
     * the configuration's). Panels as {@link #overTime}.
     */
    public static List<JFreeChart> latencyCdf(ResultSet set, String connection) {
        List<XYSeries> lines = new ArrayList<>();
        for (Map.Entry<Settings, List<RunResult>> e : set.configurations().entrySet()) {
            List<Cdf> cdfs = new ArrayList<>();
            List<Long> weights = new ArrayList<>();
            for (RunResult run : e.getValue()) {
                for (ConnectionResult c : run.connections()) {
                    if (c.connection().equals(connection) && c.latencyCdf().size() > 0) {
                        cdfs.add(c.latencyCdf());
                        // results without a message count still count, as one seed among equals
                        weights.add(Math.max(1, c.metrics().messagesDelivered()));
                    }
                }
            }
            if (cdfs.isEmpty()) {
                continue;
            }
            Cdf pooled = Cdf.pooled(cdfs, weights.stream().mapToLong(Long::longValue).toArray());
            XYSeries xy = new XYSeries(label(e.getKey(), e.getValue()) + " (" + seeds(cdfs.size()) + ")", false,
                    true);
            for (int i = 0; i < pooled.size(); i++) {
                xy.add(pooled.value(i), pooled.fraction(i), false);
            }
            lines.add(xy);
        }
        List<JFreeChart> panels = new ArrayList<>();
        List<List<XYSeries>> parts = panels(lines, ChartStyle.PALETTE_SIZE);
        for (int p = 0; p < parts.size(); p++) {
            List<XYSeries> part = parts.get(p);
            XYSeriesCollection data = new XYSeriesCollection();
            part.forEach(data::addSeries);
            JFreeChart chart = ChartFactory.createXYLineChart("Message latency CDF of '" + connection
                    + "', each configuration's seeds pooled"
                    + panelSuffix(lines.size(), ChartStyle.PALETTE_SIZE, p, part.size()), "one-way latency (ms)",
                    "fraction of messages (all seeds)", data, PlotOrientation.VERTICAL, true, false, false);
            XYPlot plot = chart.getXYPlot();
            plot.setRenderer(new XYStepRenderer());
            plot.getRangeAxis().setRange(0, 1.0);
            plot.setNoDataMessage("no messages delivered");
            ChartStyle.apply(chart);
            for (int i = 0; i < part.size(); i++) {
                plot.getRenderer().setSeriesPaint(i, ChartStyle.color(p * ChartStyle.PALETTE_SIZE + i));
            }
            compactLegend(chart);
            panels.add(chart);
        }
        return panels;
    }

    private static String seeds(int n) {
        return n + (n == 1 ? " seed" : " seeds pooled");
    }

    /** Splits lines into groups of at most {@code size} (a divisor of the palette's size). */
    static <T> List<List<T>> panels(List<T> lines, int size) {
        List<List<T>> out = new ArrayList<>();
        for (int from = 0; from < lines.size(); from += size) {
            out.add(lines.subList(from, Math.min(lines.size(), from + size)));
        }
        if (out.isEmpty()) {
            out.add(List.of());
        }
        return out;
    }

    /** " (configurations 9–16 of 20)" on a panel of a split chart; nothing on a chart that holds them all. */
    private static String panelSuffix(int total, int perPanel, int panel, int size) {
        if (total <= perPanel) {
            return "";
        }
        int first = panel * perPanel + 1;
        return " (configurations " + first + "–" + (first + size - 1) + " of " + total + ")";
    }

    /** A small legend font keeps the legend below the plot to a line or two instead of eating the plot. */
    private static void compactLegend(JFreeChart chart) {
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setItemFont(LEGEND);
        }
    }
}
