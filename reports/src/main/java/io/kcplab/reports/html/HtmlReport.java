package io.kcplab.reports.html;

import io.kcplab.reports.chart.HeatMapChart;
import io.kcplab.reports.io.ResultCsv;
import io.kcplab.reports.io.ResultJson;
import io.kcplab.reports.result.Metric;
import io.kcplab.reports.result.ResultMetadata;
import io.kcplab.reports.result.ResultSet;
import io.kcplab.reports.result.RunResult;
import org.jfree.chart.JFreeChart;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Self-contained HTML pages (inline CSS, charts embedded as inline SVG or base64 PNG, no
 * external resources): one per run, or one per sweep. All caller text is escaped.
 */
public final class HtmlReport {

    private HtmlReport() {
    }

    /** A run page: settings, scenario text, per-connection summary, and the run's charts. */
    public static String run(RunResult run, ResultMetadata metadata, ReportOptions options) {
        ChartEmbed embed = new ChartEmbed(options);
        StringBuilder body = new StringBuilder();
        body.append("<h2>Run</h2>\n").append(SummaryTable.settings(run));
        body.append(HtmlPage.scenario(options.scenarioText()));
        body.append("<h2>Summary</h2>\n").append(SummaryTable.connections(run))
                .append(SummaryTable.perConversation(run));
        body.append("<h2>Charts</h2>\n").append(RunSection.charts(run, embed, "run " + run.index()));
        return HtmlPage.render(options.title(), metaLine(metadata), options.links(), body.toString());
    }

    /** A sweep page: scenario text, heat maps, one summary row per run. */
    public static String sweep(ResultSet set, ReportOptions options) {
        ChartEmbed embed = new ChartEmbed(options);
        StringBuilder body = new StringBuilder();
        body.append(HtmlPage.scenario(options.scenarioText()));
        List<HeatMapSpec> heatMaps = options.heatMaps().isEmpty() ? automaticHeatMaps(set) : options.heatMaps();
        if (!heatMaps.isEmpty()) {
            body.append("<h2>Heat maps</h2>\n");
            for (HeatMapSpec spec : heatMaps) {
                body.append(embed.figure(HeatMapChart.build(set, spec.x(), spec.y(), spec.metric())));
            }
        }
        body.append("<h2>Runs (").append(set.runs().size()).append(")</h2>\n")
                .append(SummaryTable.runs(set.runs(), set.settingKeys()));
        List<Integer> missing = set.missingIndices();
        if (!missing.isEmpty()) {
            body.append("<p class=\"regression\">").append(missing.size()).append(" of ")
                    .append(set.metadata().sweepSize()).append(" runs of the sweep are missing (indexes ")
                    .append(Html.escape(abbreviate(missing))).append(").</p>\n");
        }
        return HtmlPage.render(options.title(), metaLine(set.metadata()), options.links(), body.toString());
    }

    /**
     * Writes {@code base.json}, {@code base.csv} and {@code base.html} into {@code dir}; the page
     * links to the two data files. A set of exactly one run gets a run page, others a sweep page.
     */
    public static WrittenReport write(ResultSet set, ReportOptions options, Path dir, String baseName) throws IOException {
        Files.createDirectories(dir);
        Path json = dir.resolve(baseName + ".json");
        Path csv = dir.resolve(baseName + ".csv");
        Path html = dir.resolve(baseName + ".html");
        ResultJson.write(set, json);
        ResultCsv.write(set, csv);
        List<Link> links = new ArrayList<>(options.links());
        links.add(new Link("results (CSV)", csv.getFileName().toString()));
        links.add(new Link("results (JSON)", json.getFileName().toString()));
        ReportOptions withLinks = options.withLinks(links);
        String page = set.runs().size() == 1 ? run(set.runs().get(0), set.metadata(), withLinks) : sweep(set, withLinks);
        Files.writeString(html, page, StandardCharsets.UTF_8);
        return new WrittenReport(html, json, csv);
    }

    /** Goodput and p99 heat maps over the first two settings that take more than one value. */
    static List<HeatMapSpec> automaticHeatMaps(ResultSet set) {
        List<String> varying = new ArrayList<>();
        for (String key : set.settingKeys()) {
            Set<String> values = new LinkedHashSet<>();
            set.runs().forEach(r -> {
                if (r.settings().get(key) != null) {
                    values.add(r.settings().get(key));
                }
            });
            if (values.size() > 1) {
                varying.add(key);
            }
        }
        if (varying.size() < 2) {
            return List.of();
        }
        return List.of(new HeatMapSpec(varying.get(0), varying.get(1), Metric.GOODPUT),
                new HeatMapSpec(varying.get(0), varying.get(1), Metric.LATENCY_P99));
    }

    static String metaLine(ResultMetadata m) {
        return "KcpLab " + m.toolVersion() + (m.createdAt().isEmpty() ? "" : " · " + m.createdAt())
                + (m.isShard() ? " · shard " + m.shard() : "");
    }

    static String abbreviate(List<Integer> values) {
        List<String> shown = values.stream().limit(20).map(String::valueOf).toList();
        return String.join(", ", shown) + (values.size() > 20 ? ", …" : "");
    }

    /** Convenience for callers that hold a chart and want it as a standalone figure in their own page. */
    public static String figure(JFreeChart chart, ReportOptions options) {
        return new ChartEmbed(options).figure(chart);
    }
}
