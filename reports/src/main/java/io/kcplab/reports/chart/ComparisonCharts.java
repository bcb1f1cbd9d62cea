package io.kcplab.reports.chart;

import io.kcplab.reports.compare.ComparisonResult;
import io.kcplab.reports.compare.MatchComparison;
import io.kcplab.reports.compare.MetricComparison;
import io.kcplab.reports.compare.Verdict;
import io.kcplab.reports.result.Metric;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Paint;
import java.util.ArrayList;
import java.util.List;

/**
 * Baseline vs candidate per matched configuration. Columns are the configurations (in match
 * order); rows are "baseline" and "candidate" (means with a standard-deviation whisker), or the
 * relative change with the threshold drawn as a dashed line and regressed bars in orange-red.
 */
public final class ComparisonCharts {

    public static final String BASELINE = "baseline";
    private static final Color REGRESSION = new Color(0xD55E00);
    public static final String CANDIDATE = "candidate";

    static {
        Headless.ensure();
    }

    private ComparisonCharts() {
    }

    /** Seed-mean of the metric for both sides, with ±1 stddev whiskers. */
    public static JFreeChart means(ComparisonResult result, Metric metric) {
        DefaultStatisticalCategoryDataset data = new DefaultStatisticalCategoryDataset();
        DisplayUnit unit = DisplayUnit.of(metric); // rates in Mbit/s, as in the tables beside the chart
        for (MatchComparison m : result.matches()) {
            MetricComparison c = m.metric(metric);
            String column = column(result, m);
            data.add(unit.apply(c.baseline().mean()), unit.apply(c.baseline().stddev()), BASELINE, column);
            data.add(unit.apply(c.candidate().mean()), unit.apply(c.candidate().stddev()), CANDIDATE, column);
        }
        CategoryAxis x = new CategoryAxis("configuration");
        x.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        x.setMaximumCategoryLabelWidthRatio(0.6f);
        StatisticalBarRenderer renderer = new StatisticalBarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setErrorIndicatorPaint(Color.DARK_GRAY);
        renderer.setDefaultToolTipGenerator(null);
        CategoryPlot plot = new CategoryPlot(data, x, new NumberAxis(unit.label(metric.alias())), renderer);
        plot.setNoDataMessage("no matched configurations");
        JFreeChart chart = new JFreeChart(metric.alias() + ": baseline vs candidate (mean over seeds, ±1 sd)",
                ChartStyle.TITLE, plot, true);
        return ChartStyle.apply(chart);
    }

    /** Relative change of the metric per configuration, in percent, with the threshold line if one is set. */
    public static JFreeChart change(ComparisonResult result, Metric metric) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        List<Boolean> regressed = new ArrayList<>();
        for (MatchComparison m : result.matches()) {
            MetricComparison c = m.metric(metric);
            double change = c.changePercent();
            // Infinite/NaN changes cannot be drawn as bars; they are in the table instead.
            data.addValue(Double.isFinite(change) ? change : null, "change", column(result, m));
            regressed.add(c.verdict() == Verdict.REGRESSION);
        }
        JFreeChart chart = ChartFactory.createBarChart(metric.alias() + ": candidate vs baseline (%)", "configuration",
                "change (%)", data, PlotOrientation.VERTICAL, false, false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        plot.setNoDataMessage("no matched configurations");
        BarRenderer renderer = new BarRenderer() {
            private static final long serialVersionUID = 1L;

            @Override
            public Paint getItemPaint(int row, int column) {
                return regressed.get(column) ? REGRESSION : ChartStyle.color(0);
            }
        };
        plot.setRenderer(renderer);
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        var threshold = result.thresholds().get(metric);
        if (threshold != null) {
            ValueMarker marker = new ValueMarker(threshold.up() ? threshold.percent() : -threshold.percent());
            marker.setPaint(REGRESSION);
            marker.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {6f, 4f}, 0f));
            marker.setLabel("threshold " + threshold.text());
            marker.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
            marker.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
            plot.addRangeMarker(marker);
        }
        plot.addRangeMarker(new ValueMarker(0, Color.GRAY, new BasicStroke(1f)));
        ChartStyle.apply(chart);
        return chart;
    }

    /** Column label: the settings alone when every match is of one scenario (shorter axis labels). */
    static String column(ComparisonResult result, MatchComparison m) {
        String scenario = m.key().scenario();
        boolean oneScenario = result.matches().stream().allMatch(x -> x.key().scenario().equals(scenario));
        return oneScenario && !m.key().settings().isEmpty() ? m.key().settings().label() : m.key().label();
    }
}
