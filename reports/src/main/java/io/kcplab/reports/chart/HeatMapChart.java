package io.kcplab.reports.chart;

import io.kcplab.reports.io.NumberText;
import io.kcplab.reports.result.Direction;
import io.kcplab.reports.result.Metric;
import io.kcplab.reports.result.ResultSet;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.DefaultXYZDataset;

import java.awt.Color;
import java.awt.Font;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Sweep heat map: two settings on the axes, a metric as colour, a colour legend, and each
 * cell's value printed on it. The dataset holds one item per non-empty cell.
 */
public final class HeatMapChart {

    static {
        Headless.ensure();
    }

    private HeatMapChart() {
    }

    public static JFreeChart build(ResultSet set, String xSetting, String ySetting, Metric metric) {
        return build(HeatMapData.of(set, xSetting, ySetting, metric));
    }

    public static JFreeChart build(HeatMapData data) {
        DisplayUnit unit = DisplayUnit.of(data.metric());
        int items = 0;
        for (int y = 0; y < data.height(); y++) {
            for (int x = 0; x < data.width(); x++) {
                items += Double.isNaN(data.cell(x, y)) ? 0 : 1;
            }
        }
        double[][] xyz = new double[3][items];
        String[] text = new String[items];
        int i = 0;
        for (int y = 0; y < data.height(); y++) {
            for (int x = 0; x < data.width(); x++) {
                if (!Double.isNaN(data.cell(x, y))) {
                    xyz[0][i] = x;
                    xyz[1][i] = y;
                    xyz[2][i] = unit.apply(data.cell(x, y));
                    text[i] = shortNumber(xyz[2][i]) + (data.counts()[y][x] > 1
                            ? " ± " + shortNumber(unit.apply(data.sd(x, y))) : "");
                    i++;
                }
            }
        }
        DefaultXYZDataset dataset = new DefaultXYZDataset();
        dataset.addSeries(data.metric().key(), xyz);

        double[] range = scaleRange(data, unit);
        double lo = range[0];
        double hi = range[1];
        GradientPaintScale scale = new GradientPaintScale(lo, hi, data.metric().direction() == Direction.LOWER_IS_BETTER);

        XYBlockRenderer renderer = new XYBlockRenderer();
        renderer.setBlockWidth(1);
        renderer.setBlockHeight(1);
        renderer.setPaintScale(scale);
        SymbolAxis xAxis = new SymbolAxis(data.xSetting(), data.xValues().toArray(String[]::new));
        SymbolAxis yAxis = new SymbolAxis(data.ySetting(), data.yValues().toArray(String[]::new));
        xAxis.setGridBandsVisible(false);
        yAxis.setGridBandsVisible(false);
        xAxis.setRange(-0.5, data.width() - 0.5);
        yAxis.setRange(-0.5, data.height() - 0.5);
        XYPlot plot = new XYPlot(dataset, xAxis, yAxis, renderer);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        for (int k = 0; k < items; k++) {
            XYTextAnnotation label = new XYTextAnnotation(text[k], xyz[0][k], xyz[1][k]);
            label.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            // Dark text on the bright end of the ramp, white on the dark end.
            boolean bright = scale.getPaint(xyz[2][k]) instanceof Color c && (c.getRed() + c.getGreen() + c.getBlue()) > 380;
            label.setPaint(bright ? Color.BLACK : Color.WHITE);
            plot.addAnnotation(label);
        }

        String quantity = unit.label(data.metric().alias());
        JFreeChart chart = new JFreeChart(quantity + " by " + data.xSetting() + " and " + data.ySetting()
                + (data.pooled().isEmpty() ? " (mean ± sd over seeds)"
                : " (mean ± sd over seeds and " + String.join(", ", data.pooled()) + ")"), ChartStyle.TITLE, plot,
                false);
        NumberAxis legendAxis = new NumberAxis(quantity + ", colour scale " + shortNumber(lo) + " – " + shortNumber(hi));
        legendAxis.setRange(lo, hi);
        PaintScaleLegend legend = new PaintScaleLegend(scale, legendAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setAxisLocation(AxisLocation.TOP_OR_RIGHT);
        legend.setStripWidth(14);
        legend.setMargin(4, 8, 4, 4);
        chart.addSubtitle(legend);
        return ChartStyle.apply(chart);
    }

    /**
     * The colour scale's range in display units: from zero (so colour differences are proportional to the values,
     * not exaggerated by a cropped scale) up to the largest cell; a metric with negative values starts at its
     * smallest. Widened when every cell is equal, so the scale is defined.
     */
    public static double[] scaleRange(HeatMapData data, DisplayUnit unit) {
        double[] range = data.range();
        double lo = Double.isNaN(range[0]) ? 0 : Math.min(0, unit.apply(range[0]));
        double hi = Double.isNaN(range[1]) ? 1 : unit.apply(range[1]);
        if (!(hi > lo)) {
            hi = lo + (lo == 0 ? 1 : Math.abs(lo) * 0.01);
        }
        return new double[] {lo, hi};
    }

    /** Three significant digits keep cell labels short ("1.23E7" style for big numbers is avoided). */
    static String shortNumber(double v) {
        if (v == 0 || Double.isNaN(v)) {
            return NumberText.of(v);
        }
        BigDecimal d = new BigDecimal(v).round(new MathContext(3));
        double abs = Math.abs(v);
        if (abs >= 1e6) {
            return new BigDecimal(v / 1e6).round(new MathContext(3)).stripTrailingZeros().toPlainString() + "M";
        }
        if (abs >= 1e4) {
            return new BigDecimal(v / 1e3).round(new MathContext(3)).stripTrailingZeros().toPlainString() + "k";
        }
        return d.stripTrailingZeros().toPlainString();
    }
}
