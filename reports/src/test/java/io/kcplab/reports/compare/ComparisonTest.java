package io.kcplab.reports.compare;

import io.kcplab.reports.result.Metric;
import io.kcplab.reports.result.ResultMetadata;
import io.kcplab.reports.result.ResultSet;
import io.kcplab.reports.result.RunResult;
import io.kcplab.reports.testing.SampleRuns;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ComparisonTest {

    private static final ResultSet BASELINE = SampleRuns.sweep(3, 1.0);

    @Test
    void identicalSetsPass() {
        ComparisonResult r = Comparison.compare(BASELINE, BASELINE, Thresholds.defaults());
        assertEquals(SampleRuns.MODES.length * SampleRuns.LOSSES.length, r.matches().size());
        assertTrue(r.passed());
        assertEquals(ComparisonResult.EXIT_PASS, r.exitStatus());
        assertFalse(r.hasUnmatched());
        for (MatchComparison m : r.matches()) {
            assertEquals(List.of(1L, 2L, 3L), m.baselineSeeds());
            assertEquals(0.0, m.metric(Metric.GOODPUT).changePercent());
            assertEquals(Verdict.PASS, m.metric(Metric.GOODPUT).verdict());
            assertEquals(Verdict.NOT_CHECKED, m.metric(Metric.RETRANSMISSIONS).verdict());
        }
        assertTrue(ComparisonText.summary(r).endsWith("PASS: 12 configuration(s) within thresholds\n"));
    }

    @Test
    void plantedRegressionIsFlagged() {
        // 10% worse everywhere: goodput -10% (threshold -5%), latency +11% (threshold +10%).
        ResultSet worse = SampleRuns.sweep(3, 0.9);
        ComparisonResult r = Comparison.compare(BASELINE, worse, Thresholds.defaults());
        assertEquals(ComparisonResult.EXIT_REGRESSION, r.exitStatus());
        assertEquals(r.matches().size(), r.regressions().size());
        MetricComparison goodput = r.matches().get(0).metric(Metric.GOODPUT);
        assertEquals(-10, goodput.changePercent(), 1.5);
        assertEquals(Verdict.REGRESSION, goodput.verdict());
        assertEquals(Verdict.REGRESSION, r.matches().get(0).metric(Metric.LATENCY_P99).verdict());
        assertTrue(ComparisonText.summary(r).contains("REGRESSION lossy-wifi mode=normal loss=0"));
    }

    @Test
    void smallNoiseWithinThresholdPassesAndLooseThresholdsForgiveTheRegression() {
        ResultSet slightlyWorse = SampleRuns.sweep(3, 0.98);
        assertTrue(Comparison.compare(BASELINE, slightlyWorse, Thresholds.defaults()).passed());
        ResultSet worse = SampleRuns.sweep(3, 0.9);
        assertTrue(Comparison.compare(BASELINE, worse, Thresholds.defaults().with("goodput=-20%,p99=+20%")).passed());
    }

    @Test
    void improvementIsNotARegression() {
        ComparisonResult r = Comparison.compare(BASELINE, SampleRuns.sweep(3, 1.5), Thresholds.defaults());
        assertTrue(r.passed());
        assertTrue(r.matches().get(0).metric(Metric.GOODPUT).changePercent() > 40);
    }

    @Test
    void spreadOverSeedsIsReported() {
        ComparisonResult r = Comparison.compare(BASELINE, BASELINE, Thresholds.defaults());
        Stats s = r.matches().get(0).metric(Metric.GOODPUT).baseline();
        assertEquals(3, s.n());
        assertTrue(s.min() < s.mean() && s.mean() < s.max(), s.toString());
        assertTrue(s.stddev() > 0);
        double sum = 0;
        for (int i = 0; i < 3; i++) {
            sum += BASELINE.runs().get(i).total().goodputBps();
        }
        assertEquals(sum / 3, s.mean(), 1e-6);
    }

    @Test
    void unmatchedRunsAreListedOnBothSides() {
        List<RunResult> fewer = new ArrayList<>(BASELINE.runs().subList(3, BASELINE.runs().size()));
        ResultSet candidate = new ResultSet(ResultMetadata.of("x", "t", 0), fewer);
        ComparisonResult r = Comparison.compare(BASELINE, candidate, Thresholds.defaults());
        assertEquals(3, r.unmatchedBaseline().size());
        assertTrue(r.unmatchedCandidate().isEmpty());
        assertTrue(r.passed(), "unmatched runs are listed, not failed");
        assertTrue(ComparisonText.summary(r).contains("only in baseline:  " + BASELINE.runs().get(0).runId()));

        ComparisonResult reversed = Comparison.compare(candidate, BASELINE, Thresholds.defaults());
        assertEquals(3, reversed.unmatchedCandidate().size());
    }

    @Test
    void nothingInCommonExitsWithItsOwnStatus() {
        ResultSet other = new ResultSet(ResultMetadata.of("x", "t", 0), List.of());
        ComparisonResult r = Comparison.compare(BASELINE, other, Thresholds.defaults());
        assertEquals(ComparisonResult.EXIT_NOTHING_COMPARED, r.exitStatus());
        assertFalse(r.passed());
    }

    @Test
    void candidateWithoutAnyLatencySampleRegresses() {
        Stats base = Stats.of(new double[] {10, 12});
        MetricComparison c = MetricComparison.of(Metric.LATENCY_P99, base, Stats.of(new double[] {Double.NaN}),
                Threshold.of(Metric.LATENCY_P99, 10));
        assertEquals(Verdict.REGRESSION, c.verdict());
        MetricComparison zeroBase = MetricComparison.of(Metric.RETRANSMISSIONS, Stats.of(new double[] {0}),
                Stats.of(new double[] {3}), Threshold.of(Metric.RETRANSMISSIONS, 50));
        assertEquals(Double.POSITIVE_INFINITY, zeroBase.changePercent());
        assertEquals(Verdict.REGRESSION, zeroBase.verdict());
    }
}
