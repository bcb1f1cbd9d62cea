package io.kcplab.reports.chart;

import io.kcplab.reports.result.Cdf;
import io.kcplab.reports.result.ConnectionResult;
import io.kcplab.reports.result.Metric;
import io.kcplab.reports.result.Metrics;
import io.kcplab.reports.result.ResultMetadata;
import io.kcplab.reports.result.ResultSet;
import io.kcplab.reports.result.RunResult;
import io.kcplab.reports.result.Settings;
import io.kcplab.reports.result.StandardSeries;
import io.kcplab.reports.testing.SampleRuns;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.IntervalXYDataset;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;

import java.awt.Paint;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SweepChartsTest {

    @Test
    void heatMapColourScaleStartsAtZeroAndShowsMbitPerSecondWithTheSeedsSpread() {
        ResultSet sweep = SampleRuns.sweep(3, 1.0);
        HeatMapData data = HeatMapData.of(sweep, "loss", "mode", Metric.GOODPUT);
        JFreeChart chart = HeatMapChart.build(data);
        PaintScaleLegend legend = null;
        for (int i = 0; i < chart.getSubtitleCount(); i++) {
            if (chart.getSubtitle(i) instanceof PaintScaleLegend l) {
                legend = l;
            }
        }
        assertTrue(legend != null, "has a colour legend");
        PaintScale scale = legend.getScale();
        assertEquals(0, scale.getLowerBound(), 0, "the colour scale starts at zero, not at the smallest cell");
        assertEquals(data.range()[1] / 1e6, scale.getUpperBound(), 1e-9, "up to the largest cell, in Mbit/s");
        assertTrue(data.range()[0] / 1e6 > 5, "cells are far from zero, so a cropped scale would exaggerate");
        assertTrue(legend.getAxis().getLabel().contains("Mbit/s") && legend.getAxis().getLabel().contains("0 – "),
                legend.getAxis().getLabel());
        double mean = data.cell(0, 0) / 1e6;
        String cell = chart.getXYPlot().getAnnotations().stream()
                .map(a -> ((org.jfree.chart.annotations.XYTextAnnotation) a).getText()).findFirst().orElseThrow();
        assertTrue(cell.startsWith(HeatMapChart.shortNumber(mean) + " ± "), "mean ± sd over seeds: " + cell);
        double[] seeds = sweep.runs().subList(0, 3).stream().mapToDouble(r -> r.total().goodputBps()).toArray();
        double m = (seeds[0] + seeds[1] + seeds[2]) / 3;
        double sd = Math.sqrt(((seeds[0] - m) * (seeds[0] - m) + (seeds[1] - m) * (seeds[1] - m)
                + (seeds[2] - m) * (seeds[2] - m)) / 2);
        assertEquals(sd, data.sd(0, 0), 1e-6, "sample sd of the cell's three seeds");
        assertTrue(chart.getTitle().getText().endsWith("(mean ± sd over seeds)"), chart.getTitle().getText());

        List<RunResult> runs = new ArrayList<>();
        sweep.runs().forEach(r -> runs.add(new RunResult(r.index(), r.runId(), r.scenario(),
                r.settings().with("fec", r.index() % 2 == 0 ? "off" : "10/3"), r.seed(), r.runHash(),
                r.durationSeconds(), r.total(), r.connections(), r.series())));
        ResultSet three = new ResultSet(sweep.metadata(), runs);
        JFreeChart pooled = HeatMapChart.build(HeatMapData.of(three, "loss", "mode", Metric.GOODPUT));
        assertTrue(pooled.getTitle().getText().endsWith("(mean ± sd over seeds and fec)"),
                "a third varying setting is named: " + pooled.getTitle().getText());
    }

    @Test
    void timeSeriesShowTheSeedsMeanAndRangePerConfiguration() {
        ResultSet sweep = SampleRuns.sweep(3, 1.0);
        List<JFreeChart> panels = SweepCharts.overTime(sweep, StandardSeries.GOODPUT, "Goodput", "goodput", "bit/s");
        assertEquals(3, panels.size(), "12 configurations in panels of " + SweepCharts.BANDS_PER_PANEL);
        IntervalXYDataset band = (IntervalXYDataset) panels.get(0).getXYPlot().getDataset();
        assertEquals(SweepCharts.BANDS_PER_PANEL, band.getSeriesCount());
        // first configuration, first sample, no smoothing (5 samples of 0.1 s: the window is one sample)
        double[] seeds = new double[3];
        for (int s = 0; s < 3; s++) {
            seeds[s] = sweep.runs().get(s).series(StandardSeries.GOODPUT).get(0).value(0) / 1e6;
        }
        double min = Math.min(seeds[0], Math.min(seeds[1], seeds[2]));
        double max = Math.max(seeds[0], Math.max(seeds[1], seeds[2]));
        assertEquals((seeds[0] + seeds[1] + seeds[2]) / 3, band.getYValue(0, 0), 1e-9, "line: mean over seeds");
        assertEquals(min, band.getStartYValue(0, 0), 1e-9, "band from the seeds' minimum");
        assertEquals(max, band.getEndYValue(0, 0), 1e-9, "to their maximum");
        assertTrue(max > min, "the seeds differ, so the band has a width");
        assertTrue(panels.get(1).getTitle().getText().contains("configurations 5–8 of 12"));
        TextTitle how = (TextTitle) panels.get(0).getSubtitle(0);
        assertTrue(how.getText().contains("band: their min–max") && how.getText().contains("not smoothed"),
                how.getText());
    }

    @Test
    void noColourRepeatsWithinAChartAndAConfigurationKeepsItsColour() {
        ResultSet sweep = SampleRuns.sweep(1, 1.0);
        List<JFreeChart> panels = SweepCharts.overTime(sweep, StandardSeries.GOODPUT, "Goodput", "goodput", "bit/s");
        List<Paint> all = new ArrayList<>();
        for (JFreeChart chart : panels) {
            Set<Paint> inChart = new HashSet<>();
            int n = chart.getXYPlot().getDataset().getSeriesCount();
            for (int i = 0; i < n; i++) {
                Paint p = chart.getXYPlot().getRenderer().getSeriesPaint(i);
                assertTrue(inChart.add(p), "colour repeated within one chart");
                all.add(p);
            }
        }
        assertEquals(12, all.size());
        for (int i = 0; i < all.size(); i++) {
            assertEquals(ChartStyle.color(i), all.get(i), "configuration " + i + " has palette colour " + i);
        }
        ResultSet third = new ResultSet(sweep.metadata(), List.copyOf(sweep.configurations().values()).get(2));
        JFreeChart own = SweepCharts.overTime(third, StandardSeries.GOODPUT, "G", "goodput", "bit/s", 2).get(0);
        assertEquals(ChartStyle.color(2), own.getXYPlot().getRenderer().getSeriesPaint(0),
                "a configuration's own chart keeps its sweep colour");
        List<JFreeChart> cdfs = SweepCharts.latencyCdf(sweep, "c0");
        assertEquals(2, cdfs.size(), "12 CDFs in panels of " + ChartStyle.PALETTE_SIZE);
        assertEquals(ChartStyle.color(0), cdfs.get(0).getXYPlot().getRenderer().getSeriesPaint(0));
    }

    @Test
    void latencyCdfPoolsEverySeedOfAConfiguration() {
        Settings fast = Settings.of("mode", "fast");
        List<RunResult> runs = new ArrayList<>();
        double[][] samples = {{10, 11, 12}, {100, 110}};
        for (int s = 0; s < samples.length; s++) {
            Metrics m = Metrics.builder().messagesDelivered(samples[s].length).build();
            runs.add(new RunResult(s, "r" + s, "x", fast, s + 1, "a" + s, 1, m,
                    List.of(new ConnectionResult("echo", m, Cdf.fromSamples(samples[s]))), List.of()));
        }
        JFreeChart chart = SweepCharts.latencyCdf(new ResultSet(ResultMetadata.of("t", "", 2), runs), "echo").get(0);
        assertTrue(chart.getTitle().getText().contains("seeds pooled"), chart.getTitle().getText());
        XYDataset data = chart.getXYPlot().getDataset();
        assertEquals(1, data.getSeriesCount(), "one line per configuration");
        assertTrue(data.getSeriesKey(0).toString().contains("2 seeds pooled"), data.getSeriesKey(0).toString());
        int n = data.getItemCount(0);
        assertEquals(5, n, "every message of both seeds");
        assertEquals(110, data.getXValue(0, n - 1), 1e-9, "the second seed's tail is in the line");
        assertEquals(0.6, data.getYValue(0, 2), 1e-9, "3 of 5 messages by 12 ms");
    }

    @Test
    void smoothingStatesItsWindowAndAveragesOverIt() {
        Smoothing s = new Smoothing(1, 0.1);
        double[] out = s.apply(new double[] {0, 3, 6, 9});
        assertEquals(1.5, out[0], 1e-12, "edge: mean of the two samples there are");
        assertEquals(3, out[1], 1e-12);
        assertEquals(6, out[2], 1e-12);
        assertEquals("moving mean over 0.3 s (3 samples)", s.caption());
        RunResult longRun = SampleRuns.run(0, "s", Settings.of("mode", "fast"), 1, 1, 600, 1.0); // 60 s
        ResultSet set = new ResultSet(ResultMetadata.of("t", "", 1), List.of(longRun));
        Smoothing chosen = Smoothing.forRuns(set.runs(), StandardSeries.GOODPUT);
        assertEquals(25, chosen.halfWidth(), "about a twelfth of 60 s: 51 samples of 0.1 s");
    }

    @Test
    void flowMeansSkipFlowsNotJudgedByTheMetric() {
        ResultSet sweep = SampleRuns.sweep(2, 1.0);
        assertTrue(SweepCharts.hasFlowFor(sweep, Metric.GOODPUT), "no flows: the totals are shown");
        JFreeChart chart = SweepCharts.flowMeans(sweep, Metric.GOODPUT, "goodput");
        var data = chart.getCategoryPlot().getDataset();
        assertEquals(List.of("all flows pooled"), data.getRowKeys());
        assertEquals(12, data.getColumnCount());
        assertTrue(chart.getCategoryPlot().getRangeAxis().getLabel().contains("Mbit/s"));
        assertEquals("mode=normal loss=0", data.getColumnKey(0), "up to 12 configurations: named bars");

        List<RunResult> runs = new ArrayList<>(sweep.runs());
        runs.add(SampleRuns.run(100, "lossy-wifi", Settings.of("mode", "fast2", "loss", "0"), 1, 1, 5, 1.0));
        JFreeChart big = SweepCharts.flowMeans(new ResultSet(sweep.metadata(), runs), Metric.GOODPUT, "goodput");
        var bigData = big.getCategoryPlot().getDataset();
        assertEquals(13, bigData.getColumnCount());
        assertEquals("1", bigData.getColumnKey(0), "13 configurations: numbered bars");
        assertEquals("13", bigData.getColumnKey(12));
        assertTrue(big.getCategoryPlot().getDomainAxis().getLabel().contains("# in the protocol parameters table"));
    }
}
