package io.kcplab.scenarios.tune;

import io.kcplab.reports.chart.ChartStyle;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Polygon;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.text.DecimalFormat;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;

/**
 * Two panels over one goodput axis: p99 (top, log scale) and overhead (bottom) of every candidate. Grey the rest,
 * blue the Pareto front (over all three metrics, so a blue point may look dominated in one panel and win in the
 * other), orange kcptun's presets, red the recommendation; the bars through the coloured points span their seeds'
 * minimum to maximum on both axes.
 */
public final class TuneChart {

    private TuneChart() {
    }

    public static JFreeChart of(Tuner.Result r) {
        NumberAxis goodput = new NumberAxis("goodput (Mbit/s)");
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(goodput);
        plot.setGap(12);

        LogAxis p99 = new LogAxis("p99 (ms, log scale)");
        p99.setBase(10);
        p99.setSmallestValue(0.01);
        p99.setNumberFormatOverride(new DecimalFormat("0.###"));
        double decades = decades(r);
        // labels at powers of 10 over a wide range, else at powers of 2 (32, 64, 128, ...)
        p99.setTickUnit(new NumberTickUnit(decades >= 1.5 ? 1 : Math.log10(2)));
        p99.setMinorTickCount(decades >= 1.5 ? 9 : 1);
        p99.setMinorTickMarksVisible(true);
        XYPlot top = panel(r, p99, e -> e.mean().p99Ms(), e -> e.min().p99Ms(), e -> e.max().p99Ms(), true);
        plot.add(top, 3);

        NumberAxis overhead = new NumberAxis("overhead (wire / payload bytes)");
        overhead.setAutoRangeIncludesZero(false);
        XYPlot bottom = panel(r, overhead, e -> e.mean().overhead(), e -> e.min().overhead(),
                e -> e.max().overhead(), false);
        plot.add(bottom, 2);
        // the objective's constraints as dashed lines
        for (Objective.Constraint c : r.settings().objective().constraints()) {
            ValueMarker m = new ValueMarker(c.value(), Color.RED.darker(), new BasicStroke(1.2f,
                    BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
            m.setLabel(c.toString());
            m.setLabelAnchor(RectangleAnchor.TOP_LEFT);
            m.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
            switch (c.metric()) {
                case P99 -> top.addRangeMarker(m);
                case OVERHEAD -> bottom.addRangeMarker(m);
                default -> {
                    top.addDomainMarker(m);
                    bottom.addDomainMarker(new ValueMarker(c.value(), Color.RED.darker(), m.getStroke()));
                }
            }
        }

        Tuner.Settings s = r.settings();
        JFreeChart chart = new JFreeChart("kcplab tune: " + s.link() + ", " + s.workload().label() + ", "
                + s.objective().text(), JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.addSubtitle(new TextTitle(TuneText.p99Meaning(s.workload())));
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private static XYPlot panel(Tuner.Result r, org.jfree.chart.axis.ValueAxis y, ToDoubleFunction<Evaluation> mean,
                                ToDoubleFunction<Evaluation> min, ToDoubleFunction<Evaluation> max, boolean legend) {
        XYIntervalSeries others = new XYIntervalSeries("other candidates");
        XYIntervalSeries front = new XYIntervalSeries("Pareto front");
        XYIntervalSeries presets = new XYIntervalSeries("kcptun presets");
        XYIntervalSeries best = new XYIntervalSeries("recommended");
        for (Evaluation e : r.evaluations()) {
            XYIntervalSeries target = e == r.best() ? best : r.presets().contains(e) ? presets
                    : r.pareto().contains(e) ? front : others;
            double v = mean.applyAsDouble(e);
            if (Double.isNaN(v) || v <= 0) {
                continue;
            }
            Evaluation.Stats m = e.mean();
            if (target != others) {
                series(target, m.goodputMbps(), e.min().goodputMbps(), e.max().goodputMbps(), v,
                        min.applyAsDouble(e), max.applyAsDouble(e));
            } else {
                series(target, m.goodputMbps(), m.goodputMbps(), m.goodputMbps(), v, v, v);
            }
        }
        XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
        for (XYIntervalSeries s : List.of(others, front, presets, best)) {
            data.addSeries(s);
        }
        XYErrorRenderer renderer = new XYErrorRenderer();
        renderer.setDefaultLinesVisible(false);
        renderer.setSeriesPaint(0, new Color(175, 175, 175));
        renderer.setSeriesPaint(1, ChartStyle.color(0));
        renderer.setSeriesPaint(2, new Color(230, 140, 20));
        renderer.setSeriesPaint(3, Color.RED);
        renderer.setSeriesShape(0, new Ellipse2D.Double(-2.5, -2.5, 5, 5));
        renderer.setSeriesShape(1, new Rectangle2D.Double(-3.5, -3.5, 7, 7));
        renderer.setSeriesShape(2, new Polygon(new int[] {0, 5, 0, -5}, new int[] {-5, 0, 5, 0}, 4));
        renderer.setSeriesShape(3, new Ellipse2D.Double(-6, -6, 12, 12));
        renderer.setDefaultSeriesVisibleInLegend(legend);
        XYPlot plot = new XYPlot(data, null, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        // the grey cloud first, the recommendation last (on top)
        plot.setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD);
        return plot;
    }

    private static void series(XYIntervalSeries s, double x, double xLo, double xHi, double y, double yLo,
                               double yHi) {
        s.add(x, xLo, xHi, y, Math.max(yLo, Double.MIN_NORMAL), yHi);
    }

    /** How many decades the candidates' p99 spans (0 when none has one). */
    private static double decades(Tuner.Result r) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (Evaluation e : r.evaluations()) {
            double v = e.mean().p99Ms();
            if (!Double.isNaN(v) && v > 0) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        return hi > 0 ? Math.log10(hi / lo) : 0;
    }
}
