package io.kcplab.scenarios.report;

import io.kcplab.reports.html.HtmlReport;
import io.kcplab.reports.html.Link;
import io.kcplab.reports.html.ReportOptions;
import io.kcplab.reports.io.ResultCsv;
import io.kcplab.reports.io.ResultJson;
import io.kcplab.reports.result.Metric;
import io.kcplab.reports.result.ResultSet;
import io.kcplab.reports.result.RunResult;
import io.kcplab.reports.result.Settings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a result set into a folder: {@code results.json} (full fidelity; merge and compare read it),
 * {@code results.csv} (one row per run) and, unless asked not to, {@code report.html} plus one run page per
 * configuration ({@code runs/run-INDEX.html}, its first seed) with that run's charts.
 */
public final class ReportWriter {

    public static final String JSON = "results.json";
    public static final String CSV = "results.csv";
    public static final String HTML = "report.html";
    /** Run pages are ~0.5 MB each (inline SVG time series); a big sweep gets pages for its first configurations. */
    public static final int MAX_RUN_PAGES = 40;

    private ReportWriter() {
    }

    public static void writeResults(ResultSet set, Path dir) throws IOException {
        Files.createDirectories(dir);
        ResultJson.write(set, dir.resolve(JSON));
        ResultCsv.write(set, dir.resolve(CSV));
    }

    /**
     * The HTML report. {@code focusConnection}: the connection whose latency CDF the sweep page overlays across
     * configurations (null: the first connection). Returns the report's path.
     */
    public static Path writeReport(ResultSet set, Path dir, String title, String scenarioText,
            String focusConnection) throws IOException {
        Files.createDirectories(dir);
        ReportOptions base = ReportOptions.titled(title).withScenarioText(scenarioText);
        List<Link> links = new ArrayList<>();
        links.add(new Link("results (CSV)", CSV));
        links.add(new Link("results (JSON)", JSON));
        Path html = dir.resolve(HTML);
        if (set.runs().size() == 1) {
            Files.writeString(html, HtmlReport.run(set.runs().get(0), set.metadata(), base.withLinks(links)),
                    StandardCharsets.UTF_8);
            return html;
        }
        Map<Settings, List<RunResult>> configs = SweepCharts.configurations(set);
        Path runsDir = dir.resolve("runs");
        Files.createDirectories(runsDir);
        int pages = 0;
        for (Map.Entry<Settings, List<RunResult>> e : configs.entrySet()) {
            if (pages++ == MAX_RUN_PAGES) {
                break; // big sweeps: the sweep page and the data files carry the rest
            }
            RunResult first = e.getValue().get(0);
            String file = "run-" + first.index() + ".html";
            ReportOptions runOptions = ReportOptions.titled(title + ": " + first.runId())
                    .withLinks(List.of(new Link("back to the sweep", "../" + HTML)));
            Files.writeString(runsDir.resolve(file), HtmlReport.run(first, set.metadata(), runOptions),
                    StandardCharsets.UTF_8);
            links.add(new Link("run " + e.getKey().label(), "runs/" + file));
        }
        ReportOptions options = base.withLinks(links);
        String page = HtmlReport.sweep(set, options);
        String focus = focusConnection;
        if (focus == null && !set.runs().get(0).connections().isEmpty()) {
            focus = set.runs().get(0).connections().get(0).connection();
        }
        List<String> figures = new ArrayList<>();
        figures.add(HtmlReport.figure(SweepCharts.means(set, "Goodput", "goodput (Mbit/s)", 1e-6, Metric.GOODPUT),
                options));
        figures.add(HtmlReport.figure(SweepCharts.means(set, "Latency", "ms", 1, Metric.LATENCY_P50,
                Metric.LATENCY_P99, Metric.RTT_P99), options));
        figures.add(HtmlReport.figure(SweepCharts.goodputOverTime(set), options));
        if (focus != null) {
            figures.add(HtmlReport.figure(SweepCharts.latencyCdf(set, focus), options));
        }
        StringBuilder charts = new StringBuilder("<h2>Configurations compared</h2>\n");
        for (int i = 0; i < figures.size(); i++) {
            // each standalone figure is numbered chart0; give every one its own id prefix
            charts.append(figures.get(i).replace("chart0", "sweepchart" + i));
        }
        Files.writeString(html, splice(page, charts.toString()), StandardCharsets.UTF_8);
        return html;
    }

    /**
     * Puts our cross-configuration charts before the runs table of the reports' sweep page. (The reports module
     * has no hook for extra sections yet; the marker is the runs heading it writes.)
     */
    static String splice(String page, String section) {
        String renamed = section;
        int at = page.indexOf("<h2>Runs (");
        if (at < 0) {
            at = page.lastIndexOf("</body>");
        }
        return page.substring(0, at) + renamed + page.substring(at);
    }
}
