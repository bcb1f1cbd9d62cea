package io.kcplab.reports.chart;

import io.kcplab.reports.result.Metric;
import io.kcplab.reports.result.ResultSet;
import io.kcplab.reports.result.RunResult;
import io.kcplab.reports.result.Settings;
import io.kcplab.reports.testing.SampleRuns;
import io.kcplab.reports.compare.Comparison;
import io.kcplab.reports.compare.ComparisonResult;
import io.kcplab.reports.compare.Thresholds;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChartsTest {

    private static final RunResult RUN = SampleRuns.run(0, "wifi", Settings.of("mode", "fast3"), 1, 2, 37, 1.0);

    @Test
    void goodputHasOneLinePerConnectionWithEveryPoint() throws IOException {
        JFreeChart chart = RunCharts.goodput(RUN);
        XYDataset data = chart.getXYPlot().getDataset();
        assertEquals(2, data.getSeriesCount());
        assertEquals("c0", data.getSeriesKey(0));
        assertEquals(37, data.getItemCount(0));
        assertEquals(37, data.getItemCount(1));
        assertEquals(RUN.series("goodput").get(1).value(5) / 1e6, data.getYValue(1, 5), 1e-9, "plotted in Mbit/s");
        assertTrue(chart.getXYPlot().getRangeAxis().getLabel().contains("Mbit/s"));
        assertDrawn(chart, 640, 360);
    }

    @Test
    void rttRtoAndRetransmissionChartsCombineTwoSeriesPerConnection() throws IOException {
        JFreeChart rtt = RunCharts.rttAndRto(RUN);
        assertEquals(4, rtt.getXYPlot().getDataset().getSeriesCount());
        assertEquals("rtt c0", rtt.getXYPlot().getDataset().getSeriesKey(0));
        assertEquals("rto c0", rtt.getXYPlot().getDataset().getSeriesKey(2));
        JFreeChart retrans = RunCharts.retransmissionsAndLosses(RUN);
        XYDataset d = retrans.getXYPlot().getDataset();
        assertEquals(4, d.getSeriesCount());
        for (int s = 0; s < 4; s++) {
            assertEquals(37, d.getItemCount(s));
        }
        assertDrawn(rtt, 500, 300);
        assertDrawn(retrans, 300, 500);
    }

    @Test
    void latencyCdfPlotsEveryCdfPoint() throws IOException {
        JFreeChart chart = RunCharts.latencyCdf(RUN);
        XYPlot plot = chart.getXYPlot();
        assertEquals(2, plot.getDataset().getSeriesCount());
        assertEquals(RUN.connections().get(0).latencyCdf().size(), plot.getDataset().getItemCount(0));
        assertEquals(1.0, plot.getDataset().getYValue(0, plot.getDataset().getItemCount(0) - 1));
        assertDrawn(chart, 800, 400);
    }

    @Test
    void chartWithoutDataStillRenders() throws IOException {
        RunResult bare = RunResult.summary(0, "r", "s", Settings.NONE, 1, "ab", 1, RUN.total());
        JFreeChart chart = RunCharts.goodput(bare);
        assertEquals(0, chart.getXYPlot().getDataset().getSeriesCount());
        BufferedImage image = decode(ChartRenderer.png(chart, 200, 100));
        assertEquals(200, image.getWidth());
    }

    @Test
    void heatMapHasACellPerSettingPair() throws IOException {
        ResultSet sweep = SampleRuns.sweep(2, 1.0);
        HeatMapData data = HeatMapData.of(sweep, "loss", "mode", Metric.GOODPUT);
        assertEquals(SampleRuns.LOSSES.length, data.width());
        assertEquals(SampleRuns.MODES.length, data.height());
        assertEquals(java.util.List.of("0", "0.01", "0.05", "0.1"), data.xValues(), "numeric values sort numerically");
        assertEquals(2, data.counts()[0][0], "two seeds per cell");
        double expected = (sweep.runs().get(0).total().goodputBps() + sweep.runs().get(1).total().goodputBps()) / 2;
        assertEquals(expected, data.cell(0, 0), 1e-6);
        assertTrue(data.cell(0, 0) > data.cell(3, 0), "more loss, less goodput");

        JFreeChart chart = HeatMapChart.build(data);
        XYDataset dataset = chart.getXYPlot().getDataset();
        assertEquals(1, dataset.getSeriesCount());
        assertEquals(SampleRuns.LOSSES.length * SampleRuns.MODES.length, dataset.getItemCount(0));
        assertEquals(SampleRuns.LOSSES.length * SampleRuns.MODES.length, chart.getXYPlot().getAnnotations().size());
        assertTrue(chart.getSubtitleCount() >= 1, "has a colour legend");
        assertDrawn(chart, 700, 420);
    }

    @Test
    void heatMapNamesMissingSettings() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> HeatMapData.of(SampleRuns.sweep(1, 1.0), "loss", "fec", Metric.GOODPUT));
        assertTrue(e.getMessage().contains("settings in this result set are: mode, loss"), e.getMessage());
    }

    @Test
    void svgIsDeterministicAndUsesTheGivenId() {
        String a = ChartRenderer.svg(RunCharts.goodput(RUN), 400, 300, "g1");
        String b = ChartRenderer.svg(RunCharts.goodput(RUN), 400, 300, "g1");
        assertEquals(a, b);
        assertTrue(a.startsWith("<svg"), a.substring(0, 40));
        assertTrue(a.contains("id='g1'"), a.substring(0, 80));
        assertTrue(a.contains("viewBox='0.0 0.0 400.0 300.0'"), "scales without cropping");
        assertTrue(a.contains("<polyline") || a.contains("<path"), "draws lines");
        assertThrows(IllegalArgumentException.class, () -> ChartRenderer.svg(RunCharts.goodput(RUN), 400, 300, "1 bad"));
        assertThrows(IllegalArgumentException.class, () -> ChartRenderer.png(RunCharts.goodput(RUN), 0, 300));
    }

    @Test
    void comparisonChartsHaveBothSidesPerMatchAndTheThresholdLine() throws IOException {
        ResultSet base = SampleRuns.sweep(2, 1.0);
        ComparisonResult result = Comparison.compare(base, SampleRuns.sweep(2, 0.9), Thresholds.defaults());
        JFreeChart means = ComparisonCharts.means(result, Metric.GOODPUT);
        var meansData = means.getCategoryPlot().getDataset();
        assertEquals(List.of(ComparisonCharts.BASELINE, ComparisonCharts.CANDIDATE), meansData.getRowKeys());
        assertEquals(result.matches().size(), meansData.getColumnCount());
        assertEquals("mode=normal loss=0", meansData.getColumnKey(0), "one scenario: settings label only");
        assertEquals("goodput (Mbit/s)", means.getCategoryPlot().getRangeAxis().getLabel(), "as the tables show it");
        double storedMean = result.matches().get(0).metric(Metric.GOODPUT).baseline().mean();
        assertEquals(storedMean * 1e-6, meansData.getValue(0, 0).doubleValue(), 1e-9, "bit/s shown in Mbit/s");
        assertDrawn(means, 900, 450);

        JFreeChart change = ComparisonCharts.change(result, Metric.GOODPUT);
        var changeData = change.getCategoryPlot().getDataset();
        assertEquals(result.matches().size(), changeData.getColumnCount());
        assertEquals(-10, changeData.getValue(0, 0).doubleValue(), 1.5);
        java.util.Collection<?> markers = change.getCategoryPlot().getRangeMarkers(org.jfree.chart.ui.Layer.FOREGROUND);
        assertTrue(markers.stream().anyMatch(m -> ((org.jfree.chart.plot.ValueMarker) m).getValue() == -5.0),
                "threshold line at -5%");
        assertTrue(!change.getCategoryPlot().getRenderer().getItemPaint(0, 0)
                .equals(ChartStyle.color(0)), "regressed bars are highlighted");
        assertDrawn(change, 900, 450);
    }

    static void assertDrawn(JFreeChart chart, int width, int height) throws IOException {
        BufferedImage image = decode(ChartRenderer.png(chart, width, height));
        assertEquals(width, image.getWidth());
        assertEquals(height, image.getHeight());
        int background = image.getRGB(0, 0);
        int differing = 0;
        for (int y = 0; y < height; y += 2) {
            for (int x = 0; x < width; x += 2) {
                differing += image.getRGB(x, y) != background ? 1 : 0;
            }
        }
        assertTrue(differing > width * height / 400, "image is (nearly) blank: " + differing + " pixels differ");
    }

    static BufferedImage decode(byte[] png) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertTrue(image != null, "not a decodable PNG");
        return image;
    }
}
