package io.kcplab.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kcplab.reports.chart.ChartRenderer;
import io.kcplab.reports.chart.RunCharts;
import io.kcplab.reports.result.ResultSet;
import io.kcplab.reports.result.RunResult;
import io.kcplab.reports.result.Series;
import io.kcplab.reports.result.StandardSeries;
import io.kcplab.scenarios.report.ReportWriter;
import io.kcplab.scenarios.report.SweepCharts;
import io.kcplab.scenarios.run.Progress;
import io.kcplab.scenarios.run.SweepRunner;
import io.kcplab.scenarios.sweep.RunPlan;
import io.kcplab.scenarios.sweep.SweepPlanner;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportAndChartsTest {

    static final String SCENARIO = """
            name: charts
            duration: 1500ms
            sample_interval: 100ms
            seeds: [1, 2]
            links:
              both: {rate: 8Mbit, delay: 15ms, loss: 2%}
            protocol: {mode: [normal, fast3], fec: off, crypt: off, sndwnd: 64}
            workloads:
              - {type: bulk}
              - {type: echo, interval: 50ms}
            """;

    @Test
    void aRunHasChartsWithOnePointPerSampleInterval(@TempDir Path tmp) throws Exception {
        RunPlan plan = SweepPlanner.plan(ScenarioSource.text("charts", SCENARIO));
        ResultSet set = SweepRunner.run(plan, 0, 0, 2, Progress.none(), "");
        RunResult run = set.runs().get(0);
        assertEquals(1.5, run.durationSeconds(), 1e-9);
        for (Series s : run.series(StandardSeries.GOODPUT)) {
            assertEquals(15, s.size(), "1.5 s / 100 ms samples: " + s);
        }
        assertEquals(2, run.series(StandardSeries.GOODPUT).size(), "bulk and echo");
        assertEquals(2, run.series(StandardSeries.LINK_LOSSES).size(), "both link directions");
        double peak = java.util.Arrays.stream(run.series(StandardSeries.GOODPUT).get(0).values()).max().orElse(0);
        assertTrue(peak > 1e6, "bulk moves Mbit/s: " + peak);

        JFreeChart goodput = RunCharts.goodput(run);
        XYDataset data = ((XYPlot) goodput.getPlot()).getDataset();
        assertEquals(2, data.getSeriesCount());
        assertEquals(15, data.getItemCount(0));
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(ChartRenderer.png(goodput, 640, 320)));
        assertEquals(640, png.getWidth());
        assertEquals(320, png.getHeight());
        assertTrue(distinctColours(png) > 3, "the chart draws something");

        JFreeChart cdf = SweepCharts.latencyCdf(set, "echo");
        assertEquals(2, ((XYPlot) cdf.getPlot()).getDataset().getSeriesCount(), "one CDF per configuration");
        assertTrue(((XYPlot) cdf.getPlot()).getDataset().getItemCount(0) > 5);
        JFreeChart overTime = SweepCharts.goodputOverTime(set);
        assertEquals(15, ((XYPlot) overTime.getPlot()).getDataset().getItemCount(1));

        Path html = ReportWriter.writeReport(set, tmp, "KcpLab: charts", SCENARIO, "echo");
        String page = Files.readString(html);
        assertTrue(page.contains("Configurations compared"));
        assertTrue(countOf(page, "<svg") >= 4, "sweep charts embedded");
        assertTrue(page.contains("runs/run-0.html") && page.contains("runs/run-2.html"));
        String runPage = Files.readString(tmp.resolve("runs/run-2.html"));
        assertTrue(countOf(runPage, "<svg") >= 3, "the run page has the run's charts");
        for (int i = 0; i < 4; i++) {
            assertEquals(1, countOf(page, "id='sweepchart" + i + "'"), "chart ids unique");
        }
    }

    private static int distinctColours(BufferedImage img) {
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 4) {
            for (int x = 0; x < img.getWidth(); x += 4) {
                colours.add(img.getRGB(x, y));
            }
        }
        return colours.size();
    }

    private static int countOf(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
