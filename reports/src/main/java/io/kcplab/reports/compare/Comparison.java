package io.kcplab.reports.compare;

import io.kcplab.reports.result.FlowResult;
import io.kcplab.reports.result.Metric;
import io.kcplab.reports.result.ResultSet;
import io.kcplab.reports.result.RunKey;
import io.kcplab.reports.result.RunResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Holds a candidate result set against a baseline: runs are matched by (scenario, settings),
 * every metric is averaged over the seeds of each side (spread kept as min/max/stddev), and
 * the thresholded metrics get verdicts on the change of the means.
 *
 * <p>Per flow: when the runs carry flows, a threshold is checked on every flow the metric judges
 * ({@link FlowResult#judgedBy}: goodput while active on bulk flows, message latency on message
 * flows, retransmissions on all) instead of on the run totals, which pool flows of different
 * kinds. A threshold no flow has data for stays on the totals (and old results without flows
 * are gated on the totals as before).
 */
public final class Comparison {

    private Comparison() {
    }

    public static ComparisonResult compare(ResultSet baseline, ResultSet candidate, Thresholds thresholds) {
        Map<RunKey, List<RunResult>> base = group(baseline);
        Map<RunKey, List<RunResult>> cand = group(candidate);
        List<MatchComparison> matches = new ArrayList<>();
        List<RunResult> unmatchedBaseline = new ArrayList<>();
        for (Map.Entry<RunKey, List<RunResult>> e : base.entrySet()) {
            List<RunResult> partner = cand.get(e.getKey());
            if (partner == null) {
                unmatchedBaseline.addAll(e.getValue());
            } else {
                matches.add(match(e.getKey(), e.getValue(), partner, thresholds));
            }
        }
        List<RunResult> unmatchedCandidate = new ArrayList<>();
        cand.forEach((key, runs) -> {
            if (!base.containsKey(key)) {
                unmatchedCandidate.addAll(runs);
            }
        });
        return new ComparisonResult(matches, unmatchedBaseline, unmatchedCandidate, thresholds);
    }

    private static MatchComparison match(RunKey key, List<RunResult> base, List<RunResult> cand, Thresholds thresholds) {
        List<MetricComparison> perFlow = new ArrayList<>();
        java.util.Set<Metric> gatedPerFlow = java.util.EnumSet.noneOf(Metric.class);
        for (FlowResult flow : flowsOfBoth(base, cand)) {
            for (Threshold t : thresholds.all()) {
                if (!flow.judgedBy(t.metric())) {
                    continue;
                }
                Stats b = flowStats(base, flow.flow(), t.metric());
                Stats c = flowStats(cand, flow.flow(), t.metric());
                if (b.isEmpty() && c.isEmpty()) {
                    continue; // e.g. rtt of a request flow: round trips are on the response flow
                }
                perFlow.add(MetricComparison.of(flow.flow(), t.metric(), b, c, t));
                gatedPerFlow.add(t.metric());
            }
        }
        List<MetricComparison> metrics = new ArrayList<>();
        for (Metric m : Metric.values()) {
            Threshold t = gatedPerFlow.contains(m) ? null : thresholds.get(m);
            metrics.add(MetricComparison.of(m, stats(base, m), stats(cand, m), t));
        }
        metrics.addAll(perFlow);
        return new MatchComparison(key, seeds(base), seeds(cand), metrics);
    }

    /** The flows (one representative result each) that both sides have, in the baseline's order. */
    private static List<FlowResult> flowsOfBoth(List<RunResult> base, List<RunResult> cand) {
        Map<String, FlowResult> inBase = new LinkedHashMap<>();
        base.forEach(r -> r.flows().forEach(f -> inBase.putIfAbsent(f.flow(), f)));
        java.util.Set<String> inCand = new java.util.HashSet<>();
        cand.forEach(r -> r.flows().forEach(f -> inCand.add(f.flow())));
        return inBase.values().stream().filter(f -> inCand.contains(f.flow())).toList();
    }

    /** A flow's metric over the seeds; a run without the flow counts as no data. */
    private static Stats flowStats(List<RunResult> runs, String flow, Metric metric) {
        double[] values = new double[runs.size()];
        for (int i = 0; i < values.length; i++) {
            FlowResult f = runs.get(i).flow(flow);
            values[i] = f == null ? Double.NaN : f.value(metric);
        }
        return Stats.of(values);
    }

    private static Map<RunKey, List<RunResult>> group(ResultSet set) {
        Map<RunKey, List<RunResult>> groups = new LinkedHashMap<>();
        for (RunResult r : set.runs()) {
            groups.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r);
        }
        return groups;
    }

    private static Stats stats(List<RunResult> runs, Metric metric) {
        double[] values = new double[runs.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = runs.get(i).total().value(metric);
        }
        return Stats.of(values);
    }

    private static List<Long> seeds(List<RunResult> runs) {
        return runs.stream().map(RunResult::seed).sorted().toList();
    }
}
