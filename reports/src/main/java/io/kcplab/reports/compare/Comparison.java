package io.kcplab.reports.compare;

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
        List<MetricComparison> metrics = new ArrayList<>();
        for (Metric m : Metric.values()) {
            metrics.add(MetricComparison.of(m, stats(base, m), stats(cand, m), thresholds.get(m)));
        }
        return new MatchComparison(key, seeds(base), seeds(cand), metrics);
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
