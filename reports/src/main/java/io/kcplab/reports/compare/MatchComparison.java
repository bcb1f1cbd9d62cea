package io.kcplab.reports.compare;

import io.kcplab.reports.result.Metric;
import io.kcplab.reports.result.RunKey;

import java.util.List;

/**
 * One configuration (scenario + settings) present in both sets: per-metric comparisons of the
 * seed averages, of the run totals and of each flow. The seeds on the two sides are listed so a
 * mismatch is visible.
 */
public record MatchComparison(RunKey key, List<Long> baselineSeeds, List<Long> candidateSeeds,
                              List<MetricComparison> metrics) {

    public MatchComparison {
        baselineSeeds = List.copyOf(baselineSeeds);
        candidateSeeds = List.copyOf(candidateSeeds);
        metrics = List.copyOf(metrics);
    }

    public boolean isRegression() {
        return metrics.stream().anyMatch(m -> m.verdict() == Verdict.REGRESSION);
    }

    public List<MetricComparison> regressions() {
        return metrics.stream().filter(m -> m.verdict() == Verdict.REGRESSION).toList();
    }

    /** Only the metrics that had a threshold. */
    public List<MetricComparison> checked() {
        return metrics.stream().filter(m -> m.threshold() != null).toList();
    }

    /** The run totals' comparison of one metric. */
    public MetricComparison metric(Metric metric) {
        return metrics.stream().filter(m -> m.flow() == null && m.metric() == metric).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("metric " + metric.alias() + " not compared"));
    }

    public boolean seedsDiffer() {
        return !baselineSeeds.equals(candidateSeeds);
    }
}
