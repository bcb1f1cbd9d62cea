package io.kcplab.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kcplab.reports.chart.ChartRenderer;
import io.kcplab.reports.chart.RunCharts;
import io.kcplab.reports.chart.SweepCharts;
import io.kcplab.reports.result.ResultSet;
import io.kcplab.reports.result.RunResult;
import io.kcplab.reports.result.Series;
import io.kcplab.reports.result.StandardSeries;
import io.kcplab.scenarios.report.ReportWriter;
import io.kcplab.scenarios.run.Progress;
import io.kcplab.scenarios.run.SweepRunner;
import io.kcplab.scenarios.sweep.RunPlan;
import io.kcplab.scenarios.sweep.SweepPlanner;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.IntervalXYDataset;
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

        List<JFreeChart> cdf = SweepCharts.latencyCdf(set, "echo");
        assertEquals(1, cdf.size(), "two configurations fit one panel");
        assertEquals(2, ((XYPlot) cdf.get(0).getPlot()).getDataset().getSeriesCount(), "one CDF per configuration");
        assertTrue(((XYPlot) cdf.get(0).getPlot()).getDataset().getItemCount(0) > 5);
        List<JFreeChart> overTime = SweepCharts.overTime(set, StandardSeries.GOODPUT, "Goodput", "goodput", "bit/s");
        IntervalXYDataset bands = (IntervalXYDataset) ((XYPlot) overTime.get(0).getPlot()).getDataset();
        assertEquals(2, bands.getSeriesCount(), "one band per configuration");
        assertEquals(15, bands.getItemCount(1));

        Path html = ReportWriter.writeReport(set, tmp, "KcpLab: charts", SCENARIO, "echo");
        String page = Files.readString(html);
        assertTrue(page.contains("Configurations compared"));
        assertTrue(countOf(page, "<svg") >= 4, "sweep charts embedded");
        assertTrue(page.contains("href=\"runs/protocol-mode-normal.html#run-0\"")
                && page.contains("href=\"runs/protocol-mode-fast3.html#run-3\""), "every run linked to its section");
        String runPage = Files.readString(tmp.resolve("runs/protocol-mode-fast3.html"));
        assertTrue(runPage.contains("id=\"run-2\"") && runPage.contains("id=\"run-3\""), "a section per seed");
        assertTrue(countOf(runPage, "<svg") >= 3, "the configuration page has its first seed's charts");
        for (int i = 0; i < 4; i++) {
            assertEquals(1, countOf(page, "id='chart" + i + "'"), "chart ids unique");
        }
    }

    @Test
    void chartsAreFilesTooAndThePageLinksEach(@TempDir Path tmp) throws Exception {
        ResultSet set = SweepRunner.run(SweepPlanner.plan(ScenarioSource.text("charts", SCENARIO)), 0, 0, 2,
                Progress.none(), "");
        Path html = ReportWriter.writeReport(set, tmp, "KcpLab: charts", SCENARIO, "echo");
        String page = Files.readString(html);
        Path charts = tmp.resolve("charts");
        List<String> png;
        List<String> svg;
        try (var files = Files.list(charts)) {
            List<String> names = files.map(f -> f.getFileName().toString()).sorted().toList();
            png = names.stream().filter(n -> n.endsWith(".png")).map(n -> n.substring(0, n.length() - 4)).toList();
            svg = names.stream().filter(n -> n.endsWith(".svg")).map(n -> n.substring(0, n.length() - 4)).toList();
        }
        assertEquals(png, svg, "each chart as PNG and SVG");
        assertTrue(png.containsAll(List.of("goodput-per-flow", "latency-p99-per-flow", "goodput-over-time",
                "latency-cdf-echo")), "readable names: " + png);
        int linked = 0;
        for (String name : png) {
            boolean inReport = page.contains("href=\"charts/" + name + ".png\"")
                    && page.contains("href=\"charts/" + name + ".svg\"");
            boolean inRunPage = false;
            try (var pages = Files.list(tmp.resolve("runs"))) {
                for (Path p : pages.toList()) {
                    String text = Files.readString(p);
                    inRunPage |= text.contains("href=\"../charts/" + name + ".png\"")
                            && text.contains("href=\"../charts/" + name + ".svg\"");
                }
            }
            assertTrue(inReport || inRunPage, name + " is linked from a page");
            linked++;
            assertTrue(isPng(charts.resolve(name + ".png")), name + ".png is a PNG");
            assertTrue(Files.readString(charts.resolve(name + ".svg")).contains("<svg"), name + ".svg is an SVG");
        }
        assertTrue(linked >= 4 + 2 * 3, "sweep charts and each configuration's run charts: " + linked);
    }

    @Test
    void theParametersTableListsEachPresetsValues(@TempDir Path tmp) throws Exception {
        ResultSet set = SweepRunner.run(SweepPlanner.plan(ScenarioSource.text("charts", SCENARIO)), 0, 0, 2,
                Progress.none(), "");
        assertEquals("0", set.runs().get(0).protocol().get("nodelay"));
        assertEquals("40 ms", set.runs().get(0).protocol().get("interval"), "normal: 0/40/2/1");
        assertEquals("1", set.runs().get(2).protocol().get("nodelay"));
        assertEquals("10 ms", set.runs().get(2).protocol().get("interval"), "fast3: 1/10/2/1");
        assertEquals("64", set.runs().get(2).protocol().get("sndwnd"));
        assertEquals("off", set.runs().get(2).protocol().get("fec"));
        String page = Files.readString(ReportWriter.writeReport(set, tmp, "KcpLab: charts", SCENARIO, "echo"));
        String table = page.substring(page.indexOf("<table class=\"parameters\">"));
        table = table.substring(0, table.indexOf("</table>"));
        for (String header : List.of("engine", "nodelay", "interval", "resend", "nc", "sndwnd", "rcvwnd", "mtu",
                "fec")) {
            assertTrue(table.contains("<th>" + header + "</th>"), header);
        }
        assertTrue(table.contains("protocol.mode=normal</a></td><td>kcp-go</td><td>0</td><td>40 ms</td><td>2</td>"
                + "<td>1</td><td>64</td>"), table);
        assertTrue(table.contains("protocol.mode=fast3</a></td><td>kcp-go</td><td>1</td><td>10 ms</td><td>2</td>"
                + "<td>1</td><td>64</td>"), table);
    }

    @Test
    void aSingleConfigurationReportHasNoComparisonSection(@TempDir Path tmp) throws Exception {
        String one = SCENARIO.replace("mode: [normal, fast3]", "mode: fast3");
        ResultSet set = SweepRunner.run(SweepPlanner.plan(ScenarioSource.text("one", one)), 0, 0, 2,
                Progress.none(), "");
        assertEquals(2, set.runs().size());
        String page = Files.readString(ReportWriter.writeReport(set, tmp, "KcpLab: one", one, "echo"));
        assertTrue(page.contains("One configuration"), "labelled as one configuration");
        assertTrue(page.contains("2 seeds"));
        assertTrue(!page.contains("Configurations compared") && !page.contains("per flow"), "no comparison charts");
        assertTrue(!page.contains("sweep of"), "not called a sweep");
        assertTrue(page.contains("href=\"#run-0\"") && page.contains("id=\"run-1\""), "runs link to sections");
        assertTrue(page.contains("Goodput over time"), "the seeds' band");
        assertTrue(!Files.exists(tmp.resolve("runs")), "one page");
    }

    private static boolean isPng(Path file) throws java.io.IOException {
        byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(file), 8);
        return java.util.Arrays.equals(head, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
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
