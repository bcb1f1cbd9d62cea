package io.kcplab.reports.chart;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.CategoryItemRenderer;
import org.jfree.chart.renderer.xy.XYItemRenderer;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;

/** One look for every chart: white plot, light grid, a fixed colour-blind-friendly palette. */
public final class ChartStyle {

    static {
        Headless.ensure();
    }

    /** Okabe-Ito palette (distinguishable with the common colour-vision deficiencies). */
    private static final Color[] PALETTE = {
            new Color(0x0072B2), new Color(0xE69F00), new Color(0x009E73), new Color(0xD55E00),
            new Color(0xCC79A7), new Color(0x56B4E9), new Color(0xF0E442), new Color(0x000000)};

    static final Color GRID = new Color(0xDDDDDD);
    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 14);

    private ChartStyle() {
    }

    /** Distinct colours before one would repeat: charts with more lines than this split into panels. */
    public static final int PALETTE_SIZE = PALETTE.length;

    /** Colour {@code i}; repeats beyond {@link #PALETTE_SIZE}, so callers with more lines split them into panels. */
    public static Paint color(int i) {
        return PALETTE[Math.floorMod(i, PALETTE.length)];
    }

    static JFreeChart apply(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        if (chart.getTitle() != null) {
            chart.getTitle().setFont(TITLE);
        }
        Plot plot = chart.getPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlinePaint(Color.GRAY);
        if (plot instanceof XYPlot xy) {
            xy.setDomainGridlinePaint(GRID);
            xy.setRangeGridlinePaint(GRID);
            XYItemRenderer r = xy.getRenderer();
            int count = xy.getDataset() == null ? 0 : xy.getDataset().getSeriesCount();
            for (int i = 0; r != null && i < count; i++) {
                r.setSeriesPaint(i, color(i));
                r.setSeriesStroke(i, new BasicStroke(1.6f));
            }
        } else if (plot instanceof CategoryPlot cat) {
            cat.setRangeGridlinePaint(GRID);
            CategoryItemRenderer r = cat.getRenderer();
            int count = cat.getDataset() == null ? 0 : cat.getDataset().getRowCount();
            for (int i = 0; r != null && i < count; i++) {
                r.setSeriesPaint(i, color(i));
            }
        }
        return chart;
    }
}
