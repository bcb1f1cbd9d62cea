package io.kcplab.reports.html;

import io.kcplab.reports.chart.HeatMapChart;
import io.kcplab.reports.chart.SweepCharts;
import io.kcplab.reports.result.Metric;
import io.kcplab.reports.result.ResultSet;
import io.kcplab.reports.result.RunResult;
import io.kcplab.reports.result.Settings;
import io.kcplab.reports.result.StandardSeries;
import org.jfree.chart.JFreeChart;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The report of a result set as a folder: {@code report.html}, every chart also as PNG and SVG in
 * {@code charts/}, and for a sweep one page per configuration in {@code runs/} with a section per seed.
 *
 * <p>A report of one configuration (however many seeds) is one page: parameters, the seeds' goodput over time,
 * the runs table and a section per run; no comparison charts. A sweep page adds the parameters of every
 * configuration, the comparison charts, heat maps when two settings vary, and the runs table, each run linked to
 * its section on its configuration's page. Configurations beyond {@link #MAX_CHARTED_CONFIGURATIONS} get pages
 * without their own charts (tables only), which keeps a big sweep's report quick to write and small.
 */
public final class ReportFolder {

    public static final String HTML = "report.html";
    public static final String CHARTS = "charts";
    public static final String RUNS = "runs";
    public static final int MAX_CHARTED_CONFIGURATIONS = 40;

    private ReportFolder() {
    }

    /**
     * Writes the report into {@code dir}; returns the path of {@code report.html}. {@code focusConnection}: the
     * connection whose latency CDF the sweep page overlays across configurations (null: the first connection).
     */
    public static Path write(ResultSet set, Path dir, ReportOptions options, String focusConnection)
            throws IOException {
        if (set.runs().isEmpty()) {
            throw new IllegalArgumentException("a report needs at least one run; the result set is empty");
        }
        Files.createDirectories(dir);
        ChartFiles files = new ChartFiles(dir.resolve(CHARTS), CHARTS + "/");
        ReportOptions base = options.withChartFiles(files);
        Map<Settings, List<RunResult>> configurations = set.configurations();
        String focus = focusConnection != null ? focusConnection : firstConnection(set);
        String page;
        if (configurations.size() == 1) {
            page = single(set, configurations, base);
        } else {
            Map<Settings, String> pages = pageNames(configurations);
            writeConfigurationPages(set, configurations, pages, dir.resolve(RUNS), base, files);
            page = sweep(set, configurations, pages, base, focus);
        }
        Path html = dir.resolve(HTML);
        Files.writeString(html, page, StandardCharsets.UTF_8);
        return html;
    }

    /** One configuration: its parameters, its seeds over time, and every run's section on the same page. */
    private static String single(ResultSet set, Map<Settings, List<RunResult>> configurations,
            ReportOptions options) {
        Settings settings = configurations.keySet().iterator().next();
        List<RunResult> runs = configurations.get(settings);
        ChartEmbed embed = new ChartEmbed(options);
        StringBuilder body = new StringBuilder();
        body.append("<p>One configuration (").append(Html.escape(settings.isEmpty() ? "no swept settings"
                : settings.label())).append("), ").append(seeds(runs.size())).append(".</p>\n");
        body.append(HtmlPage.scenario(options.scenarioText()));
        String parameters = ParameterTable.html(configurations, s -> null);
        if (!parameters.isEmpty()) {
            body.append("<h2>Protocol parameters</h2>\n").append(parameters);
        }
        if (runs.size() > 1) {
            body.append("<h2>Over the seeds</h2>\n");
            for (JFreeChart c : SweepCharts.overTime(set, StandardSeries.GOODPUT, "Goodput over time, all connections",
                    "goodput", "bit/s")) {
                body.append(embed.figure(c, "goodput over time"));
            }
        }
        body.append(runsTable(set, r -> "#" + RunSection.anchor(r)));
        for (int i = 0; i < runs.size(); i++) {
            RunResult r = runs.get(i);
            // the first seed's charts: the others' are alike, and their figures are in the tables
            body.append(RunSection.html(r, embed, i == 0, "seed " + r.seed()));
        }
        return HtmlPage.render(options.title(), HtmlReport.metaLine(set.metadata()), options.links(),
                body.toString());
    }

    /** Several configurations: parameters side by side, comparison charts, heat maps, runs linked to their pages. */
    private static String sweep(ResultSet set, Map<Settings, List<RunResult>> configurations,
            Map<Settings, String> pages, ReportOptions options, String focus) {
        ChartEmbed embed = new ChartEmbed(options);
        StringBuilder body = new StringBuilder();
        int seeds = configurations.values().stream().mapToInt(List::size).max().orElse(0);
        body.append("<p>").append(configurations.size()).append(" configurations, up to ").append(seeds(seeds))
                .append(" each: ").append(set.runs().size()).append(" runs.</p>\n");
        body.append(HtmlPage.scenario(options.scenarioText()));
        String parameters = ParameterTable.html(configurations, s -> RUNS + "/" + pages.get(s));
        if (!parameters.isEmpty()) {
            body.append("<h2>Protocol parameters</h2>\n").append(parameters);
        }
        body.append("<h2>Configurations compared</h2>\n");
        if (SweepCharts.hasFlowFor(set, Metric.GOODPUT)) {
            body.append(embed.figure(SweepCharts.flowMeans(set, Metric.GOODPUT, "goodput while active"),
                    "goodput per flow"));
        }
        if (SweepCharts.hasFlowFor(set, Metric.LATENCY_P99)) {
            body.append(embed.figure(SweepCharts.flowMeans(set, Metric.LATENCY_P99, "p99 message latency"),
                    "latency p99 per flow"));
        }
        for (JFreeChart c : SweepCharts.overTime(set, StandardSeries.GOODPUT, "Goodput over time, all connections",
                "goodput", "bit/s")) {
            body.append(embed.figure(c, "goodput over time"));
        }
        if (focus != null) {
            for (JFreeChart c : SweepCharts.latencyCdf(set, focus)) {
                body.append(embed.figure(c, "latency cdf " + focus));
            }
        }
        List<HeatMapSpec> heatMaps = options.heatMaps().isEmpty() ? HtmlReport.automaticHeatMaps(set)
                : options.heatMaps();
        if (!heatMaps.isEmpty()) {
            body.append("<h2>Heat maps</h2>\n");
            for (HeatMapSpec spec : heatMaps) {
                body.append(embed.figure(HeatMapChart.build(set, spec.x(), spec.y(), spec.metric()),
                        "heatmap " + spec.metric().alias() + " " + spec.x() + " " + spec.y()));
            }
        }
        body.append(runsTable(set, r -> RUNS + "/" + pages.get(r.settings()) + "#" + RunSection.anchor(r)));
        List<Integer> missing = set.missingIndices();
        if (!missing.isEmpty()) {
            body.append("<p class=\"regression\">").append(missing.size()).append(" of ")
                    .append(set.metadata().sweepSize()).append(" runs of the sweep are missing (indexes ")
                    .append(Html.escape(HtmlReport.abbreviate(missing))).append(").</p>\n");
        }
        return HtmlPage.render(options.title(), HtmlReport.metaLine(set.metadata()), options.links(),
                body.toString());
    }

    private static void writeConfigurationPages(ResultSet set, Map<Settings, List<RunResult>> configurations,
            Map<Settings, String> pages, Path runsDir, ReportOptions options, ChartFiles files) throws IOException {
        Files.createDirectories(runsDir);
        ReportOptions sub = options.withChartFiles(files.linkedAs("../" + CHARTS + "/"))
                .withLinks(List.of(new Link("back to the report", "../" + HTML))).withScenarioText("");
        int k = 0;
        for (Map.Entry<Settings, List<RunResult>> e : configurations.entrySet()) {
            boolean charts = k++ < MAX_CHARTED_CONFIGURATIONS;
            String label = e.getKey().label();
            String name = pages.get(e.getKey()).replace(".html", "");
            ChartEmbed embed = new ChartEmbed(sub);
            StringBuilder body = new StringBuilder();
            body.append("<p>Configuration ").append(k).append(" of ").append(configurations.size()).append(", ")
                    .append(seeds(e.getValue().size())).append(".</p>\n");
            Map<Settings, List<RunResult>> one = new LinkedHashMap<>();
            one.put(e.getKey(), e.getValue());
            String parameters = ParameterTable.html(one, s -> null);
            if (!parameters.isEmpty()) {
                body.append("<h2>Protocol parameters</h2>\n").append(parameters);
            }
            if (charts && e.getValue().size() > 1) {
                ResultSet own = new ResultSet(set.metadata(), e.getValue());
                for (JFreeChart c : SweepCharts.overTime(own, StandardSeries.GOODPUT, "Goodput over time, "
                        + label, "goodput", "bit/s", k - 1)) {
                    body.append(embed.figure(c, name + " goodput over time"));
                }
            }
            body.append(runsTable(new ResultSet(set.metadata(), e.getValue()),
                    r -> "#" + RunSection.anchor(r)));
            List<RunResult> runs = e.getValue();
            for (int i = 0; i < runs.size(); i++) {
                RunResult r = runs.get(i);
                body.append(RunSection.html(r, embed, charts && i == 0, name + " seed " + r.seed()));
            }
            Files.writeString(runsDir.resolve(pages.get(e.getKey())), HtmlPage.render(options.title() + ": " + label,
                    HtmlReport.metaLine(set.metadata()), sub.links(), body.toString()), StandardCharsets.UTF_8);
        }
    }

    private static String runsTable(ResultSet set, java.util.function.Function<RunResult, String> href) {
        return "<h2>Runs (" + set.runs().size() + ")</h2>\n" + SummaryTable.runs(set.runs(), set.settingKeys(), href);
    }

    /** A readable, unique file name per configuration: "protocol-mode-fast3.html". */
    static Map<Settings, String> pageNames(Map<Settings, List<RunResult>> configurations) {
        Map<Settings, String> names = new LinkedHashMap<>();
        Set<String> used = new HashSet<>();
        for (Settings s : configurations.keySet()) {
            String base = s.isEmpty() ? "configuration" : ChartFiles.slug(s.label());
            String name = base;
            for (int k = 2; !used.add(name); k++) {
                name = base + "-" + k;
            }
            names.put(s, name + ".html");
        }
        return names;
    }

    private static String seeds(int n) {
        return n == 1 ? "1 seed" : n + " seeds";
    }

    private static String firstConnection(ResultSet set) {
        List<String> names = new ArrayList<>();
        set.runs().get(0).connections().forEach(c -> names.add(c.connection()));
        return names.isEmpty() ? null : names.get(0);
    }
}
