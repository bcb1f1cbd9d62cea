package io.kcplab.reports.compare;

import io.kcplab.reports.html.ComparisonReport;
import io.kcplab.reports.html.ReportOptions;
import io.kcplab.reports.result.FlowResult;
import io.kcplab.reports.result.Metric;
import io.kcplab.reports.result.Metrics;
import io.kcplab.reports.result.Percentiles;
import io.kcplab.reports.result.ResultMetadata;
import io.kcplab.reports.result.ResultSet;
import io.kcplab.reports.result.RunResult;
import io.kcplab.reports.result.Settings;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gate per flow: a regression of one flow fails and is named, even when the pooled totals improve. */
class FlowComparisonTest {

    /**
     * Three seeds of a bulk + echo run. {@code pooledP99} is the whole-run latency p99 (bulk chunks and echo
     * messages pooled), {@code echoP99} the echo request flow's own, {@code bulkMbps} the bulk flow's goodput
     * while active.
     */
    private static ResultSet set(double pooledP99, double echoP99, double bulkMbps) {
        List<RunResult> runs = new ArrayList<>();
        for (int seed = 1; seed <= 3; seed++) {
            double wobble = 1 + (seed - 2) * 0.001;
            Metrics total = Metrics.builder().goodputBps(bulkMbps * 1e6 * wobble)
                    .latencyMs(p(pooledP99 * wobble)).build();
            FlowResult bulk = new FlowResult("bulk/up", "bulk", Metrics.builder()
                    .goodputBps(bulkMbps * 1e6 * wobble).latencyMs(p(pooledP99 * wobble)).retransmissions(100)
                    .build());
            FlowResult echoUp = new FlowResult("echo/up", "echo", Metrics.builder().goodputBps(32_000)
                    .latencyMs(p(echoP99 * wobble)).retransmissions(5).build());
            FlowResult echoDown = new FlowResult("echo/down", "echo", Metrics.builder().goodputBps(32_000)
                    .latencyMs(p(100 * wobble)).rttMs(p(150 * wobble)).retransmissions(5).build());
            runs.add(new RunResult(seed - 1, "presets/seed=" + seed, "presets", Settings.of("mode", "fast3"), seed,
                    "ab", 5, total, List.of(), List.of(), List.of(bulk, echoUp, echoDown)));
        }
        return new ResultSet(ResultMetadata.of("0.1.0", "t", 3), runs);
    }

    private static Percentiles p(double p99) {
        return new Percentiles(p99 / 3, p99 / 2, p99, p99, p99, p99 / 3);
    }

    @Test
    void anEchoRegressionFailsAndIsNamedThoughThePooledP99Improves() {
        ResultSet base = set(225, 141, 8.0);
        ResultSet cand = set(196, 176, 8.0); // pooled p99 -13%, the echo's own p99 +25%
        ComparisonResult r = Comparison.compare(base, cand, Thresholds.defaults());
        assertEquals(ComparisonResult.EXIT_REGRESSION, r.exitStatus());
        MatchComparison m = r.matches().get(0);
        List<String> regressed = m.regressions().stream().map(MetricComparison::label).toList();
        assertEquals(List.of("echo/up p99"), regressed);
        String text = ComparisonText.summary(r);
        assertTrue(text.contains("REGRESSION presets mode=fast3"), text);
        assertTrue(text.lines().anyMatch(l -> l.matches("\\s+echo/up\\s+p99 \\(ms\\)\\s+.*REGRESSION")), text);
        // a table: a header naming its columns, then per flow and metric both sides' mean ± sd over the seeds
        assertTrue(text.lines().anyMatch(l -> l.matches("\\s+flow\\s+metric\\s+baseline mean ± sd\\s+candidate mean ± sd"
                + "\\s+change\\s+threshold\\s+verdict")), text);
        assertTrue(text.lines().anyMatch(l -> l.matches("\\s+echo/up\\s+p99 \\(ms\\)\\s+141\\.000 ± 0\\.141\\s+176\\.000 ± 0\\.176"
                + "\\s+\\+24\\.82%\\s+p99=\\+10%\\s+REGRESSION")), text);
        assertTrue(text.lines().anyMatch(l -> l.matches("\\s+echo/down\\s+p99\\s+.*PASS")), text);
        String html = ComparisonReport.html(r, "base", "cand", ReportOptions.titled("compare"));
        assertTrue(html.contains("<th>flow</th><th>metric</th><th>baseline mean ± sd [min … max]</th>"), html);
        assertTrue(html.contains("<td>echo/up</td><td>p99 (ms)</td><td class=\"num\">141.000 ± 0.141 [140.859 … 141.141]"),
                html);
        assertTrue(html.contains("<tr class=\"regression\"><td>presets mode=fast3</td>"), "the regressed row is marked");
        // the pooled total is shown for information, not gated: it is what hid the regression
        assertNull(m.metric(Metric.LATENCY_P99).threshold());
        assertEquals(Verdict.NOT_CHECKED, m.metric(Metric.LATENCY_P99).verdict());
    }

    @Test
    void goodputIsGatedOnBulkFlowsWhileActiveAndLatencyOnlyOnMessageFlows() {
        ResultSet base = set(225, 141, 8.0);
        ResultSet cand = set(225, 141, 7.0); // bulk goodput while active -12.5%
        ComparisonResult r = Comparison.compare(base, cand, Thresholds.defaults());
        assertEquals(ComparisonResult.EXIT_REGRESSION, r.exitStatus());
        MatchComparison m = r.matches().get(0);
        assertEquals(List.of("bulk/up goodput_active"), m.regressions().stream().map(MetricComparison::label).toList());
        List<String> checked = m.checked().stream().map(MetricComparison::label).toList();
        assertTrue(checked.contains("echo/up p99") && checked.contains("echo/down p99"), checked.toString());
        assertFalse(checked.contains("bulk/up p99"), "a bulk chunk's latency is not gated: " + checked);
        assertFalse(checked.contains("echo/up goodput_active"), "a message flow's goodput is its offered rate");
        assertTrue(ComparisonText.summary(r).lines().anyMatch(l -> l.matches("\\s+bulk/up\\s+goodput_active\\s+.*")));
    }

    @Test
    void goodputIsShownInMbitPerSecondAsTheRunTablesShowIt() {
        ComparisonResult r = Comparison.compare(set(225, 141, 8.0), set(225, 141, 7.0), Thresholds.defaults());
        String text = ComparisonText.summary(r);
        // stored as bit/s (8e6 ± 8e3); shown in Mbit/s, never in e-notation
        assertTrue(text.lines().anyMatch(l -> l.matches("\\s+bulk/up\\s+goodput_active \\(Mbit/s\\)\\s+8\\.000 ± 0\\.008"
                + "\\s+7\\.000 ± 0\\.007\\s+-12\\.50%\\s+goodput=-5%\\s+REGRESSION")), text);
        assertFalse(text.matches("(?s).*\\d[eE][+-]?\\d.*"), "no e-notation: " + text);
        String html = ComparisonReport.html(r, "base", "cand", ReportOptions.titled("compare"));
        assertTrue(html.contains("<td>bulk/up</td><td>goodput_active (Mbit/s)</td><td class=\"num\">8.000 ± 0.008 "
                + "[7.992 … 8.008]</td>"), html);
    }

    @Test
    void aFlowOnlyTheBaselineHasIsNotCompared() {
        ResultSet base = set(225, 141, 8.0);
        ResultSet cand = new ResultSet(base.metadata(), base.runs().stream().map(r -> new RunResult(r.index(),
                r.runId(), r.scenario(), r.settings(), r.seed(), r.runHash(), r.durationSeconds(), r.total(),
                r.connections(), r.series(), r.flows().subList(0, 1))).toList());
        ComparisonResult r = Comparison.compare(base, cand, Thresholds.defaults());
        assertTrue(r.passed());
        assertTrue(r.matches().get(0).checked().stream().noneMatch(c -> "echo/up".equals(c.flow())));
    }

    @Test
    void aRoundTripThresholdChecksTheResponseFlowOnly() {
        ResultSet base = set(225, 141, 8.0);
        ComparisonResult r = Comparison.compare(base, base, Thresholds.parse("rtt_p99=+5%"));
        List<String> checked = r.matches().get(0).checked().stream().map(MetricComparison::label).toList();
        assertEquals(List.of("echo/down rtt_p99"), checked);
        assertTrue(r.passed());
    }
}
