package io.kcplab.reports.html;

import io.kcplab.reports.compare.Comparison;
import io.kcplab.reports.compare.ComparisonResult;
import io.kcplab.reports.compare.Thresholds;
import io.kcplab.reports.io.ResultJson;
import io.kcplab.reports.result.Metric;
import io.kcplab.reports.result.ResultMetadata;
import io.kcplab.reports.result.ResultSet;
import io.kcplab.reports.result.RunResult;
import io.kcplab.reports.result.Settings;
import io.kcplab.reports.testing.SampleRuns;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HtmlReportTest {

    private static final String EVIL = "<script>alert('x')</script> & \"q\"";
    private static final RunResult RUN = SampleRuns.run(0, "wifi", Settings.of("mode", "fast3", "note", EVIL), 7, 2, 20, 1.0);
    private static final ResultMetadata META = ResultMetadata.of("0.1.0", "2025-01-01T00:00:00Z", 1);

    @Test
    void runPageEscapesTextAndEmbedsSvgCharts() {
        String page = HtmlReport.run(RUN, META, ReportOptions.titled("Run " + EVIL).withScenarioText("link:\n  loss: 5% <b>"));
        assertFalse(page.contains("<script>"), "caller text must be escaped");
        assertTrue(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"));
        assertTrue(page.contains("<pre>link:\n  loss: 5% &lt;b&gt;</pre>"));
        assertEquals(4, count(page, "<svg "), "goodput, CDF, RTT/RTO, retransmissions/losses");
        assertEquals(4, count(Pattern.compile("<svg id='chart\\d'"), page), "distinct ids per chart");
        assertTrue(page.contains("<tr><td>total</td>"));
        assertTrue(page.contains("<tr><td>c1</td>"));
        assertTrue(page.contains(RUN.runHash()));
        assertFalse(page.contains("http://") && page.contains("<link"), "no external stylesheet");
        assertFalse(page.contains("src=\"http"), "no external images");
    }

    @Test
    void pngPagesCarryDecodableBase64Images() throws Exception {
        String page = HtmlReport.run(RUN, META, ReportOptions.titled("png").withImageFormat(ImageFormat.PNG)
                .withChartSize(320, 200));
        Matcher m = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(page);
        int images = 0;
        while (m.find()) {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(m.group(1))));
            assertEquals(320, image.getWidth());
            assertEquals(200, image.getHeight());
            images++;
        }
        assertEquals(4, images);
    }

    @Test
    void sweepPageHasARowPerRunAndHeatMaps() {
        ResultSet sweep = SampleRuns.sweep(2, 1.0);
        String page = HtmlReport.sweep(sweep, ReportOptions.titled("Sweep"));
        assertEquals(sweep.runs().size(), count(page, "<tr><td>lossy-wifi/"), "one summary row per run");
        assertTrue(page.contains("<th>mode</th><th>loss</th>"), "settings columns");
        assertEquals(2, count(page, "<svg "), "automatic goodput and p99 heat maps");
        assertTrue(page.contains("goodput (Mbit/s) by mode and loss"), "heat maps in Mbit/s, like the tables");

        String chosen = HtmlReport.sweep(sweep, ReportOptions.titled("Sweep")
                .withHeatMaps(List.of(new HeatMapSpec("loss", "mode", Metric.RETRANSMISSIONS))));
        assertEquals(1, count(chosen, "<svg "));
    }

    @Test
    void incompleteSweepSaysWhichRunsAreMissing() {
        ResultSet sweep = SampleRuns.sweep(1, 1.0);
        ResultSet partial = new ResultSet(sweep.metadata(), sweep.runs().subList(0, 10));
        String page = HtmlReport.sweep(partial, ReportOptions.titled("partial"));
        assertTrue(page.contains("2 of 12 runs of the sweep are missing (indexes 10, 11)"), page);
    }

    @Test
    void writeLeavesJsonAndCsvBesideThePageAndLinksThem() throws Exception {
        Path dir = Path.of(System.getProperty("kcplab.build.dir", "target"), "html-report-test");
        ResultSet sweep = SampleRuns.sweep(1, 1.0);
        WrittenReport written = HtmlReport.write(sweep, ReportOptions.titled("Sweep"), dir, "sweep");
        String page = Files.readString(written.html());
        assertTrue(page.contains("<a href=\"sweep.csv\">"));
        assertTrue(page.contains("<a href=\"sweep.json\">"));
        assertEquals(sweep, ResultJson.read(written.json()));
        assertEquals(sweep.runs().size() + 1, Files.readAllLines(written.csv()).size());
    }

    @Test
    void comparisonPageShowsVerdictTableChartsAndSummary() {
        ResultSet base = SampleRuns.sweep(2, 1.0);
        ComparisonResult regressed = Comparison.compare(base, SampleRuns.sweep(2, 0.9), Thresholds.defaults());
        String page = ComparisonReport.html(regressed, "main<1>", "pr-42", ReportOptions.titled("Compare"));
        assertTrue(page.contains("class=\"verdict regression\">FAIL: 12 of 12 configuration(s) regressed"));
        assertTrue(page.contains("main&lt;1&gt;"));
        assertEquals(2 * 12, count(page, "<tr class=\"regression\">"), "goodput and p99 rows per configuration");
        assertEquals(4, count(page, "<svg "), "means + change chart per threshold");
        assertTrue(page.contains("<h2>Text summary</h2>"));

        ComparisonResult same = Comparison.compare(base, base, Thresholds.defaults());
        String ok = ComparisonReport.html(same, "a", "b", ReportOptions.titled("Compare"));
        assertTrue(ok.contains("class=\"verdict pass\">PASS"));
        assertEquals(0, count(ok, "<tr class=\"regression\">"));
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    private static int count(Pattern p, String text) {
        Matcher m = p.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
