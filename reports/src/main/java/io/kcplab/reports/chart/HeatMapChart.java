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
        int items = 0;
        for (int y = 0; y < data.height(); y++) {
            for (int x = 0; x < data.width(); x++) {
                items += Double.isNaN(data.cell(x, y)) ? 0 : 1;
            }
        }
        double[][] xyz = new double[3][items];
        int i = 0;
        for (int y = 0; y < data.height(); y++) {
            for (int x = 0; x < data.width(); x++) {
                if (!Double.isNaN(data.cell(x, y))) {
                    xyz[0][i] = x;
                    xyz[1][i] = y;
                    xyz[2][i] = data.cell(x, y);
                    i++;
                }
            }
        }
        DefaultXYZDataset dataset = new DefaultXYZDataset();
        dataset.addSeries(data.metric().key(), xyz);

        double[] range = data.range();
        double lo = Double.isNaN(range[0]) ? 0 : range[0];
        double hi = Double.isNaN(range[1]) ? 1 : range[1];
        if (!(hi > lo)) { // one value (or all equal): widen so the scale is defined
            double pad = lo == 0 ? 1 : Math.abs(lo) * 0.01;
            lo -= pad;
            hi += pad;
        }
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
            XYTextAnnotation label = new XYTextAnnotation(shortNumber(xyz[2][k]), xyz[0][k], xyz[1][k]);
            label.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            // Dark text on the bright end of the ramp, white on the dark end.
            boolean bright = scale.getPaint(xyz[2][k]) instanceof Color c && (c.getRed() + c.getGreen() + c.getBlue()) > 380;
            label.setPaint(bright ? Color.BLACK : Color.WHITE);
            plot.addAnnotation(label);
        }

        JFreeChart chart = new JFreeChart(data.metric().label() + " by " + data.xSetting() + " and " + data.ySetting(),
                ChartStyle.TITLE, plot, false);
        NumberAxis legendAxis = new NumberAxis(data.metric().label());
        legendAxis.setRange(lo, hi);
        PaintScaleLegend legend = new PaintScaleLegend(scale, legendAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setAxisLocation(AxisLocation.TOP_OR_RIGHT);
        legend.setStripWidth(14);
        legend.setMargin(4, 8, 4, 4);
        chart.addSubtitle(legend);
        return ChartStyle.apply(chart);
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
