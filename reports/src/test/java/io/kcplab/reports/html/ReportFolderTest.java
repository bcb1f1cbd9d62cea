package io.kcplab.reports.html;

import io.kcplab.reports.result.ResultMetadata;
import io.kcplab.reports.result.ResultSet;
import io.kcplab.reports.result.RunResult;
import io.kcplab.reports.result.Settings;
import io.kcplab.reports.testing.SampleRuns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportFolderTest {

    private static Map<String, String> preset(String nodelay, String interval) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("engine", "kcp-go");
        p.put("nodelay", nodelay);
        p.put("interval", interval);
        p.put("fec", "10/3");
        return p;
    }

    private static ResultSet sweepWithParameters() {
        List<RunResult> runs = new ArrayList<>();
        for (RunResult r : SampleRuns.sweep(2, 1.0).runs()) {
            boolean fast3 = r.settings().get("mode").equals("fast3");
            runs.add(r.withProtocol(fast3 ? preset("1", "10 ms") : preset("0", "40 ms")));
        }
        return new ResultSet(ResultMetadata.of("t", "", runs.size()), runs);
    }

    @Test
    void aSweepReportWritesChartFilesConfigurationPagesAndLinksEveryRun(@TempDir Path dir) throws IOException {
        ResultSet set = sweepWithParameters();
        Path html = ReportFolder.write(set, dir, ReportOptions.titled("Sweep"), null);
        String page = Files.readString(html);
        for (RunResult r : set.runs()) {
            String href = "runs/" + ReportFolder.pageNames(set.configurations()).get(r.settings()) + "#run-"
                    + r.index();
            assertTrue(page.contains("<a href=\"" + href + "\">"), "run " + r.runId() + " linked");
            String own = Files.readString(dir.resolve(href.substring(0, href.indexOf('#'))));
            assertTrue(own.contains("id=\"run-" + r.index() + "\""), "its section exists");
        }
        assertTrue(Files.exists(dir.resolve("runs/mode-fast3-loss-0-05.html")), "readable page names");
        assertTrue(Files.exists(dir.resolve("charts/goodput-per-flow.png"))
                && Files.exists(dir.resolve("charts/goodput-per-flow.svg")));
        assertTrue(page.contains("href=\"charts/goodput-per-flow.svg\""));
        assertTrue(Files.exists(dir.resolve("charts/heatmap-goodput-mode-loss.png")), "heat maps as files too");
        assertFalse(page.replaceAll("<div class=\"table-wrap\"><table", "").contains("<table"),
                "every table scrolls inside its own box");
    }

    @Test
    void theParametersTableShowsEachConfigurationsValues(@TempDir Path dir) throws IOException {
        String page = Files.readString(ReportFolder.write(sweepWithParameters(), dir, ReportOptions.titled("S"),
                null));
        assertTrue(page.contains("<th>engine</th><th>nodelay</th><th>interval</th><th>fec</th>"));
        assertTrue(page.contains(">mode=fast3 loss=0</a></td><td>kcp-go</td><td>1</td><td>10 ms</td><td>10/3</td>"),
                "fast3's values");
        assertTrue(page.contains(">mode=normal loss=0</a></td><td>kcp-go</td><td>0</td><td>40 ms</td>"),
                "normal's values");
    }

    @Test
    void oneConfigurationIsOnePageWithoutComparisons(@TempDir Path dir) throws IOException {
        List<RunResult> runs = new ArrayList<>();
        for (int seed = 1; seed <= 3; seed++) {
            runs.add(SampleRuns.run(seed - 1, "one", Settings.of("mode", "fast3"), seed, 2, 20, 1.0)
                    .withProtocol(preset("1", "10 ms")));
        }
        ResultSet set = new ResultSet(ResultMetadata.of("t", "", 3), runs);
        String page = Files.readString(ReportFolder.write(set, dir, ReportOptions.titled("One"), null));
        assertTrue(page.contains("One configuration (mode=fast3), 3 seeds."));
        assertFalse(page.contains("Configurations compared"));
        assertFalse(page.contains("per flow"), "no comparison charts");
        assertFalse(Files.exists(dir.resolve("runs")), "everything on one page");
        for (RunResult r : runs) {
            assertTrue(page.contains("<a href=\"#run-" + r.index() + "\">"));
            assertTrue(page.contains("id=\"run-" + r.index() + "\""));
        }
        assertTrue(page.contains("<td>1</td><td>10 ms</td>"), "its parameters");
        assertTrue(Files.exists(dir.resolve("charts/goodput-over-time.png")), "the seeds' band");
        assertTrue(Files.exists(dir.resolve("charts/seed-1-rtt-and-rto.svg")), "the first seed's charts");
    }

    @Test
    void anEmptySetHasNoReport(@TempDir Path dir) {
        ResultSet empty = new ResultSet(ResultMetadata.of("t", "", 0), List.of());
        assertThrows(IllegalArgumentException.class, () -> ReportFolder.write(empty, dir, ReportOptions.titled("x"),
                null));
    }

    @Test
    void chartNamesAreReadableSlugs() {
        assertEquals("latency-cdf-echo", ChartFiles.slug("latency CDF 'echo'"));
        assertEquals("protocol-mode-fast3-seed-1", ChartFiles.slug("protocol.mode=fast3 seed 1"));
        assertEquals("chart", ChartFiles.slug("…"));
    }
}
