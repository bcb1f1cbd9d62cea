package io.kcplab.reports.html;

import io.kcplab.reports.chart.ComparisonCharts;
import io.kcplab.reports.chart.DisplayUnit;
import io.kcplab.reports.compare.ComparisonResult;
import io.kcplab.reports.compare.ComparisonText;
import io.kcplab.reports.compare.MatchComparison;
import io.kcplab.reports.compare.MetricComparison;
import io.kcplab.reports.compare.Threshold;
import io.kcplab.reports.compare.Verdict;
import io.kcplab.reports.result.RunResult;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The page of {@code kcplab compare}: overall verdict, a table of every checked flow and metric per
 * configuration (baseline and candidate mean ± sd [min … max] over the seeds, change, threshold, verdict; a
 * regressed row is marked), charts per checked metric, unmatched runs, and the plain-text summary.
 */
public final class ComparisonReport {

    private ComparisonReport() {
    }

    public static String html(ComparisonResult result, String baselineName, String candidateName, ReportOptions options) {
        ChartEmbed embed = new ChartEmbed(options);
        StringBuilder body = new StringBuilder();
        String cls = result.passed() ? "pass" : "regression";
        body.append("<p class=\"verdict ").append(cls).append("\">").append(Html.escape(ComparisonText.verdictLine(result)))
                .append("</p>\n");
        body.append("<p>baseline: <code>").append(Html.escape(baselineName)).append("</code> · candidate: <code>")
                .append(Html.escape(candidateName)).append("</code> · thresholds: <code>")
                .append(Html.escape(result.thresholds().isEmpty() ? "(none)" : result.thresholds().text()))
                .append("</code></p>\n");
        body.append(HtmlPage.scenario(options.scenarioText()));
        body.append("<h2>Checked metrics</h2>\n").append(table(result));
        if (!result.matches().isEmpty()) {
            body.append("<h2>Charts</h2>\n");
            for (Threshold t : result.thresholds().all()) {
                body.append(embed.figure(ComparisonCharts.means(result, t.metric())));
                body.append(embed.figure(ComparisonCharts.change(result, t.metric())));
            }
        }
        if (result.hasUnmatched()) {
            body.append("<h2>Unmatched runs</h2>\n<table>\n<thead><tr><th>side</th><th>run</th><th>configuration</th>"
                    + "<th>seed</th></tr></thead>\n<tbody>\n");
            unmatched(body, "baseline only", result.unmatchedBaseline());
            unmatched(body, "candidate only", result.unmatchedCandidate());
            body.append("</tbody>\n</table>\n");
        }
        body.append("<h2>Text summary</h2>\n<pre>").append(Html.escape(ComparisonText.summary(result))).append("</pre>\n");
        return HtmlPage.render(options.title(), "", options.links(), body.toString());
    }

    public static void write(ComparisonResult result, String baselineName, String candidateName, ReportOptions options,
                             Path file) throws IOException {
        Files.writeString(file, html(result, baselineName, candidateName, options), StandardCharsets.UTF_8);
    }

    private static String table(ComparisonResult result) {
        StringBuilder sb = new StringBuilder("<table class=\"comparison\">\n<thead><tr><th>configuration</th><th>seeds</th>"
                + "<th>flow</th><th>metric</th><th>baseline mean ± sd [min … max]</th>"
                + "<th>candidate mean ± sd [min … max]</th><th>change</th><th>threshold</th><th>verdict</th></tr>"
                + "</thead>\n<tbody>\n");
        for (MatchComparison m : result.matches()) {
            List<MetricComparison> checked = m.checked();
            for (MetricComparison c : checked) {
                String cls = c.verdict() == Verdict.REGRESSION ? " class=\"regression\"" : "";
                sb.append("<tr").append(cls).append("><td>").append(Html.escape(m.key().label())).append("</td><td class=\"num\">")
                        .append(m.baselineSeeds().size()).append(" / ").append(m.candidateSeeds().size())
                        .append(m.seedsDiffer() ? " (differ)" : "").append("</td><td>")
                        .append(Html.escape(c.flowName())).append("</td><td>")
                        .append(Html.escape(DisplayUnit.of(c.metric()).label(c.metricName())))
                        .append("</td><td class=\"num\">")
                        .append(spread(c, true)).append("</td><td class=\"num\">").append(spread(c, false))
                        .append("</td><td class=\"num\">").append(Html.escape(ComparisonText.percent(c.changePercent())))
                        .append("</td><td><code>").append(Html.escape(c.threshold().text())).append("</code></td><td>")
                        .append(c.verdict()).append("</td></tr>\n");
            }
        }
        return sb.append("</tbody>\n</table>\n").toString();
    }

    private static String spread(MetricComparison c, boolean baseline) {
        var s = baseline ? c.baseline() : c.candidate();
        if (s.isEmpty()) {
            return "no data";
        }
        DisplayUnit unit = DisplayUnit.of(c.metric()); // rates in Mbit/s, as in the text summary below the table
        int decimals = c.metric().integral() ? 0 : 3;
        return Cells.fixed(unit.apply(s.mean()), decimals) + " ± " + Cells.fixed(unit.apply(s.stddev()), decimals)
                + " [" + Cells.fixed(unit.apply(s.min()), decimals) + " … " + Cells.fixed(unit.apply(s.max()), decimals)
                + "]";
    }

    private static void unmatched(StringBuilder sb, String side, List<RunResult> runs) {
        for (RunResult r : runs) {
            sb.append("<tr><td>").append(side).append("</td><td>").append(Html.escape(r.runId())).append("</td><td>")
                    .append(Html.escape(r.key().label())).append("</td><td class=\"num\">").append(r.seed())
                    .append("</td></tr>\n");
        }
    }
}
