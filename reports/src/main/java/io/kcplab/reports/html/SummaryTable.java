package io.kcplab.reports.html;

import io.kcplab.reports.result.ConnectionResult;
import io.kcplab.reports.result.Metrics;
import io.kcplab.reports.result.RunResult;

import java.util.List;

/** The summary tables: one row per run of a sweep, or total + one row per connection of a run. */
final class SummaryTable {

    private static final String METRIC_HEADERS = "<th>goodput (Mbit/s)</th><th>latency p50 (ms)</th>"
            + "<th>latency p99 (ms)</th><th>retransmissions</th><th>overhead (wire B / delivered B)</th>";

    private SummaryTable() {
    }

    static String runs(List<RunResult> runs, List<String> settingKeys) {
        StringBuilder sb = new StringBuilder("<table class=\"summary\">\n<thead><tr><th>run</th><th>scenario</th>");
        settingKeys.forEach(k -> sb.append("<th>").append(Html.escape(k)).append("</th>"));
        sb.append("<th>seed</th>").append(METRIC_HEADERS).append("<th>run hash</th></tr></thead>\n<tbody>\n");
        for (RunResult r : runs) {
            sb.append("<tr><td>").append(Html.escape(r.runId())).append("</td><td>").append(Html.escape(r.scenario()))
                    .append("</td>");
            for (String k : settingKeys) {
                String v = r.settings().get(k);
                sb.append("<td>").append(v == null ? "" : Html.escape(v)).append("</td>");
            }
            sb.append("<td class=\"num\">").append(r.seed()).append("</td>");
            metricCells(sb, r.total());
            sb.append("<td><code>").append(Html.escape(r.runHash())).append("</code></td></tr>\n");
        }
        return sb.append("</tbody>\n</table>\n").toString();
    }

    static String connections(RunResult run) {
        StringBuilder sb = new StringBuilder("<table class=\"summary\">\n<thead><tr><th>connection</th>")
                .append(METRIC_HEADERS).append("<th>link losses</th><th>FEC recoveries</th></tr></thead>\n<tbody>\n");
        row(sb, "total", run.total());
        for (ConnectionResult c : run.connections()) {
            row(sb, c.connection(), c.metrics());
        }
        return sb.append("</tbody>\n</table>\n").toString();
    }

    /**
     * Server-scale runs: how the conversations' own latency percentiles spread across all of them (extras
     * {@code conv_p50_latency_ms_*}, {@code conv_p99_latency_ms_*}); empty for other runs.
     */
    static String perConversation(RunResult run) {
        Double n = run.total().extra().get("conversations");
        if (n == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder("<p>").append(Cells.count(n.longValue()))
                .append(" conversations; the table above lists the first ones. Each conversation's own message"
                        + " latency percentile, across all conversations:</p>\n<table class=\"summary\">\n<thead>"
                        + "<tr><th>per conversation</th><th>median (ms)</th><th>p90 (ms)</th><th>p99 (ms)</th>"
                        + "<th>max (ms)</th></tr></thead>\n<tbody>\n");
        for (String p : new String[] {"p50", "p99"}) {
            sb.append("<tr><td>latency ").append(p).append("</td>");
            for (String across : new String[] {"p50", "p90", "p99", "max"}) {
                Double v = run.total().extra().get("conv_" + p + "_latency_ms_" + across);
                num(sb, v == null ? "" : Cells.ms(v));
            }
            sb.append("</tr>\n");
        }
        return sb.append("</tbody>\n</table>\n").toString();
    }

    static String settings(RunResult run) {
        StringBuilder sb = new StringBuilder("<table class=\"settings\">\n<tbody>\n");
        sb.append("<tr><th>scenario</th><td>").append(Html.escape(run.scenario())).append("</td></tr>\n");
        run.settings().values().forEach((k, v) -> sb.append("<tr><th>").append(Html.escape(k)).append("</th><td>")
                .append(Html.escape(v)).append("</td></tr>\n"));
        sb.append("<tr><th>seed</th><td>").append(run.seed()).append("</td></tr>\n");
        sb.append("<tr><th>run hash</th><td><code>").append(Html.escape(run.runHash())).append("</code></td></tr>\n");
        sb.append("<tr><th>simulated duration</th><td>").append(Cells.fixed(run.durationSeconds(), 3))
                .append(" s</td></tr>\n");
        return sb.append("</tbody>\n</table>\n").toString();
    }

    private static void row(StringBuilder sb, String name, Metrics m) {
        sb.append("<tr><td>").append(Html.escape(name)).append("</td>");
        metricCells(sb, m);
        sb.append("<td class=\"num\">").append(Cells.count(m.linkLosses())).append("</td><td class=\"num\">")
                .append(Cells.count(m.fecRecoveries())).append("</td></tr>\n");
    }

    private static void metricCells(StringBuilder sb, Metrics m) {
        num(sb, Cells.mbps(m.goodputBps()));
        num(sb, Cells.ms(m.latencyMs().p50()));
        num(sb, Cells.ms(m.latencyMs().p99()));
        num(sb, Cells.count(m.retransmissions()));
        num(sb, Cells.ratio(m.overhead()));
    }

    private static void num(StringBuilder sb, String text) {
        sb.append("<td class=\"num\">").append(text).append("</td>");
    }
}
