package io.kcplab.reports.html;

import io.kcplab.reports.chart.RunCharts;
import io.kcplab.reports.result.RunResult;
import io.kcplab.reports.result.Series;
import io.kcplab.reports.result.StandardSeries;

/** One run's part of a page: its settings, flows, drops and connections, and (if asked) its own charts. */
final class RunSection {

    private RunSection() {
    }

    /** The anchor of a run's section: run indexes are unique in a result set. */
    static String anchor(RunResult run) {
        return "run-" + run.index();
    }

    /** {@code chartName}: prefix of the chart files' names, e.g. "protocol-mode-fast3-seed-1". */
    static String html(RunResult run, ChartEmbed embed, boolean charts, String chartName) {
        StringBuilder body = new StringBuilder();
        body.append("<section class=\"run\" id=\"").append(anchor(run)).append("\">\n<h2>")
                .append(Html.escape(run.runId())).append("</h2>\n").append(SummaryTable.settings(run))
                .append(SummaryTable.connections(run)).append(SummaryTable.perConversation(run));
        if (charts) {
            body.append(charts(run, embed, chartName));
        }
        return body.append("</section>\n").toString();
    }

    static String charts(RunResult run, ChartEmbed embed, String chartName) {
        StringBuilder body = new StringBuilder();
        if (has(run, StandardSeries.GOODPUT)) {
            body.append(embed.figure(RunCharts.goodput(run), chartName + " goodput"));
        }
        if (run.connections().stream().anyMatch(c -> c.latencyCdf().size() > 0)) {
            body.append(embed.figure(RunCharts.latencyCdf(run), chartName + " latency cdf"));
        }
        if (has(run, StandardSeries.RTT) || has(run, StandardSeries.RTO)) {
            body.append(embed.figure(RunCharts.rttAndRto(run), chartName + " rtt and rto"));
        }
        if (has(run, StandardSeries.RETRANSMISSIONS) || has(run, StandardSeries.LINK_LOSSES)) {
            body.append(embed.figure(RunCharts.retransmissionsAndLosses(run), chartName + " retransmissions"));
        }
        return body.toString();
    }

    static boolean has(RunResult run, String seriesName) {
        return run.series(seriesName).stream().anyMatch((Series s) -> s.size() > 0);
    }
}
