package io.kcplab.reports.html;

import io.kcplab.reports.result.ConnectionResult;
import io.kcplab.reports.result.FlowResult;
import io.kcplab.reports.result.Metric;
import io.kcplab.reports.result.Metrics;
import io.kcplab.reports.result.RunResult;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The summary tables: one row per run of a sweep, or a run's flows, drops and connections. Flows are never
 * pooled: a bulk flow shows goodput while active and completion time, a message flow its own messages' latency.
 * Results without flows (written before flows existed) get the whole-run totals.
 */
final class SummaryTable {

    /** Drop causes as the converter's extras name them ({@code drops_<cause>}), with their labels. */
    private static final String[][] DROP_CAUSES = {{"random_loss", "random loss"}, {"burst_loss", "burst loss"},
        {"queue", "queue overflow"}, {"mtu", "MTU"}, {"outage", "outage / partition"}};

    private static final String METRIC_HEADERS = "<th>goodput (Mbit/s)</th><th>latency p50 (ms)</th>"
            + "<th>latency p99 (ms)</th><th>retransmissions</th><th>overhead (wire B / delivered B)</th>";

    private SummaryTable() {
    }

    static String runs(List<RunResult> runs, List<String> settingKeys) {
        return runs(runs, settingKeys, r -> null);
    }

    /** {@code href}: where each run's own section is (null: no link). */
    static String runs(List<RunResult> runs, List<String> settingKeys, Function<RunResult, String> href) {
        Map<String, Boolean> flows = flowKinds(runs);
        if (flows.isEmpty()) {
            return totalsRuns(runs, settingKeys, href);
        }
        StringBuilder sb = new StringBuilder("<table class=\"summary\">\n<thead><tr><th>run</th><th>scenario</th>");
        settingKeys.forEach(k -> sb.append("<th>").append(Html.escape(k)).append("</th>"));
        sb.append("<th>seed</th>");
        flows.forEach((id, bulk) -> {
            String f = Html.escape(id);
            sb.append(bulk ? "<th>" + f + ": goodput while active (Mbit/s)</th><th>" + f + ": completion (s)</th>"
                    : "<th>" + f + ": latency p50 (ms)</th><th>" + f + ": latency p99 (ms)</th>");
        });
        sb.append("<th>random loss</th><th>queue drops</th><th>retransmissions</th><th>run hash</th></tr></thead>\n"
                + "<tbody>\n");
        for (RunResult r : runs) {
            runCells(sb, r, href, settingKeys);
            flows.forEach((id, bulk) -> {
                FlowResult f = r.flow(id);
                if (f == null) {
                    num(sb, "");
                    num(sb, "");
                } else if (bulk) {
                    num(sb, Cells.mbps(f.value(Metric.GOODPUT)));
                    num(sb, Cells.fixed(f.completionSeconds(), 3));
                } else {
                    num(sb, Cells.ms(f.value(Metric.LATENCY_P50)));
                    num(sb, Cells.ms(f.value(Metric.LATENCY_P99)));
                }
            });
            num(sb, extraCount(r.total(), "drops_random_loss"));
            num(sb, extraCount(r.total(), "drops_queue"));
            num(sb, Cells.count(r.total().retransmissions()));
            sb.append("<td><code>").append(Html.escape(r.runHash())).append("</code></td></tr>\n");
        }
        return sb.append("</tbody>\n</table>\n").toString();
    }

    /** Each flow id of the runs, in order of appearance, and whether it is a bulk flow. */
    private static Map<String, Boolean> flowKinds(List<RunResult> runs) {
        Map<String, Boolean> kinds = new LinkedHashMap<>();
        runs.forEach(r -> r.flows().forEach(f -> kinds.putIfAbsent(f.flow(), f.isBulk())));
        return kinds;
    }

    /** A row's opening cells, shared by both tables: run, scenario, the varying settings, seed. */
    private static void runCells(StringBuilder sb, RunResult r, Function<RunResult, String> href,
            List<String> settingKeys) {
        sb.append("<tr><td>").append(runCell(r, href)).append("</td><td>").append(Html.escape(r.scenario()))
                .append("</td>");
        for (String k : settingKeys) {
            String v = r.settings().get(k);
            sb.append("<td>").append(v == null ? "" : Html.escape(v)).append("</td>");
        }
        sb.append("<td class=\"num\">").append(r.seed()).append("</td>");
    }

    private static String runCell(RunResult r, Function<RunResult, String> href) {
        String link = href.apply(r);
        return link == null ? Html.escape(r.runId())
                : "<a href=\"" + Html.escape(link) + "\">" + Html.escape(r.runId()) + "</a>";
    }

    private static String totalsRuns(List<RunResult> runs, List<String> settingKeys,
            Function<RunResult, String> href) {
        StringBuilder sb = new StringBuilder("<table class=\"summary\">\n<thead><tr><th>run</th><th>scenario</th>");
        settingKeys.forEach(k -> sb.append("<th>").append(Html.escape(k)).append("</th>"));
        sb.append("<th>seed</th>").append(METRIC_HEADERS).append("<th>run hash</th></tr></thead>\n<tbody>\n");
        for (RunResult r : runs) {
            runCells(sb, r, href, settingKeys);
            metricCells(sb, r.total());
            sb.append("<td><code>").append(Html.escape(r.runHash())).append("</code></td></tr>\n");
        }
        return sb.append("</tbody>\n</table>\n").toString();
    }

    /** A run's flows, its drops by cause, then its connections (whole-conversation figures) and totals. */
    static String connections(RunResult run) {
        return flows(run) + drops(run) + connectionTable(run);
    }

    /** One row per flow: what matters for its kind, and the sending endpoint's counters. */
    static String flows(RunResult run) {
        if (run.flows().isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("<table class=\"summary\">\n<thead><tr><th>flow</th><th>workload</th>"
                + "<th>goodput while active (Mbit/s)</th><th>completion (s)</th><th>latency p50 (ms)</th>"
                + "<th>latency p99 (ms)</th><th>round trip p99 (ms)</th><th>retransmissions</th>"
                + "<th>fast retransmissions</th><th>datagrams sent</th>"
                + "<th>of them dropped: loss / queue / other</th></tr></thead>\n<tbody>\n");
        for (FlowResult f : run.flows()) {
            boolean bulk = f.isBulk();
            sb.append("<tr><td>").append(Html.escape(f.flow())).append("</td><td>").append(Html.escape(f.workload()))
                    .append("</td>");
            num(sb, bulk ? Cells.mbps(f.value(Metric.GOODPUT)) : "–");
            num(sb, bulk ? Cells.fixed(f.completionSeconds(), 3) : "–");
            num(sb, bulk ? "–" : Cells.ms(f.value(Metric.LATENCY_P50)));
            num(sb, bulk ? "–" : Cells.ms(f.value(Metric.LATENCY_P99)));
            num(sb, Cells.ms(f.value(Metric.RTT_P99)));
            num(sb, Cells.count(f.metrics().retransmissions()));
            num(sb, Cells.count(f.metrics().fastRetransmissions()));
            num(sb, Cells.count(f.metrics().datagramsSent()));
            num(sb, flowDrops(f.metrics().extra()));
            sb.append("</tr>\n");
        }
        return sb.append("</tbody>\n</table>\n").toString();
    }

    /**
     * The path's drops of a flow's datagrams: random and burst loss / queue overflow / MTU and outage; "–" for
     * results written before flows had them.
     */
    private static String flowDrops(Map<String, Double> x) {
        if (!x.containsKey("drops_queue")) {
            return "–";
        }
        double loss = x.getOrDefault("drops_random_loss", 0.0) + x.getOrDefault("drops_burst_loss", 0.0);
        double other = x.getOrDefault("drops_mtu", 0.0) + x.getOrDefault("drops_outage", 0.0);
        return Cells.count((long) loss) + " / " + Cells.count(x.get("drops_queue").longValue()) + " / "
                + Cells.count((long) other);
    }

    /** The path's drops by cause, per direction (empty for results without them). */
    static String drops(RunResult run) {
        Map<String, Double> x = run.total().extra();
        if (!x.containsKey("drops_queue")) {
            return "";
        }
        StringBuilder sb = new StringBuilder("<table class=\"summary\">\n<thead><tr><th>drops (datagrams)</th>"
                + "<th>client → server</th><th>server → client</th><th>both</th></tr></thead>\n<tbody>\n");
        for (String[] cause : DROP_CAUSES) {
            sb.append("<tr><td>").append(cause[1]).append("</td>");
            num(sb, extraCount(run.total(), "link_up_drops_" + cause[0]));
            num(sb, extraCount(run.total(), "link_down_drops_" + cause[0]));
            num(sb, extraCount(run.total(), "drops_" + cause[0]));
            sb.append("</tr>\n");
        }
        sb.append("<tr><td>corrupted on the link / rejected by the receiver</td><td class=\"num\" colspan=\"2\"></td>");
        num(sb, extraCount(run.total(), "link_corrupted") + " / " + Cells.count(run.total().corruptDrops()));
        sb.append("</tr>\n");
        return sb.append("</tbody>\n</table>\n").toString();
    }

    private static String extraCount(Metrics m, String name) {
        Double v = m.extra().get(name);
        return v == null ? "–" : Cells.count(v.longValue());
    }

    private static String connectionTable(RunResult run) {
        StringBuilder sb = new StringBuilder("<table class=\"summary\">\n<thead><tr><th>connection</th>")
                .append(METRIC_HEADERS).append("<th>link losses</th><th>FEC recoveries</th></tr></thead>\n<tbody>\n");
        // every flow pooled over the whole run: kept for comparison with older results, not a verdict on any flow
        row(sb, run.flows().isEmpty() ? "total" : "all flows pooled (whole run)", run.total());
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
                .append(" conversations: the flows cover all of them, the connection rows only the first ones."
                        + " Each conversation's own message latency percentile, across all conversations:</p>\n<table class=\"summary\">\n<thead>"
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
