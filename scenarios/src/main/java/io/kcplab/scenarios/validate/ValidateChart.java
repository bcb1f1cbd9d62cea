package io.kcplab.scenarios.validate;

import io.kcplab.reports.chart.ChartStyle;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.data.category.DefaultCategoryDataset;

/** A bar per metric and link: the live mean over the simulated mean (1.0 = the simulator predicted reality). */
public final class ValidateChart {

    private ValidateChart() {
    }

    public static JFreeChart of(List<LinkValidation> links) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (LinkValidation v : links) {
            for (MetricCheck c : v.checks()) {
                if (!Double.isNaN(c.difference()) && !Double.isInfinite(c.difference())) {
                    data.addValue(1 + c.difference(), v.link(), c.metric());
                }
            }
        }
        JFreeChart chart = ChartFactory.createBarChart("Live / simulated (1.0 = agreement)", null,
                "live mean / simulated mean", data, PlotOrientation.VERTICAL, true, false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        ValueMarker one = new ValueMarker(1.0, Color.DARK_GRAY, new BasicStroke(1.5f));
        plot.addRangeMarker(one);
        BarRenderer r = (BarRenderer) plot.getRenderer();
        r.setShadowVisible(false);
        r.setDrawBarOutline(false);
        for (int i = 0; i < links.size(); i++) {
            r.setSeriesPaint(i, ChartStyle.color(i));
        }
        return chart;
    }
}
