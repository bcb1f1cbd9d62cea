package io.kcplab.scenarios.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.kcplab.scenarios.ScenarioException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TuneObjectiveTest {

    @Test
    void goalsAndConstraintsParse() {
        Objective o = Objective.parse("max-goodput:p99<=150ms");
        assertEquals(Objective.Goal.MAX_GOODPUT, o.goal());
        assertEquals(1, o.constraints().size());
        assertEquals(Objective.Metric.P99, o.constraints().get(0).metric());
        assertEquals(150, o.constraints().get(0).value(), 1e-9);
        assertTrue(o.constraints().get(0).atMost());

        Objective g = Objective.parse(" min-overhead : goodput >= 2MB/s ");
        assertEquals(Objective.Goal.MIN_OVERHEAD, g.goal());
        assertEquals(16.0, g.constraints().get(0).value(), 1e-9); // 2 MB/s = 16 Mbit/s
        assertEquals("min-overhead:goodput>=16Mbit/s", g.text());

        assertEquals(Objective.Goal.MIN_P99, Objective.parse("min-p99").goal());
        Objective two = Objective.parse("max-goodput:p99<0.2s,overhead<=20%");
        assertEquals(200, two.constraints().get(0).value(), 1e-9);
        assertTrue(two.constraints().get(0).strict());
        assertEquals(1.2, two.constraints().get(1).value(), 1e-9);
    }

    @Test
    void feasibilityAndScore() {
        Objective o = Objective.parse("max-goodput:p99<=100ms");
        assertTrue(o.feasible(new Evaluation.Stats(5, 100, 1.1)));
        assertFalse(o.feasible(new Evaluation.Stats(5, 101, 1.1)));
        assertFalse(o.feasible(new Evaluation.Stats(5, Double.NaN, 1.1)));
        assertTrue(o.violation(new Evaluation.Stats(5, 200, 1.1)) > o.violation(new Evaluation.Stats(5, 150, 1.1)));
        // a constraint holds on every seed, not only on the mean
        Candidate c = new Candidate("", "kcp-go", 0, 30, 2, 1, 128, 128, 1350, 0, 0, false);
        Evaluation twoSeeds = new Evaluation(c, List.of(new Evaluation.Sample(1, 5, 90, 1.1, true),
                new Evaluation.Sample(2, 7, 110, 1.1, true)), 1, 0);
        assertTrue(o.feasible(twoSeeds.mean()));
        assertFalse(o.feasible(twoSeeds));
        assertTrue(Objective.parse("min-p99:goodput>=5Mbit/s").feasible(twoSeeds));
        assertFalse(Objective.parse("min-p99:goodput>=6Mbit/s").feasible(twoSeeds));
        Objective m = Objective.parse("min-overhead");
        assertTrue(m.score(new Evaluation.Stats(1, 1, 1.1)) > m.score(new Evaluation.Stats(1, 1, 1.3)));
    }

    static Evaluation eval(int window, double goodput, double p99, double overhead) {
        Candidate c = new Candidate("", "kcp-go", 0, 30, 2, 1, window, window, 1350, 0, 0, false);
        return new Evaluation(c, List.of(new Evaluation.Sample(1, goodput, p99, overhead, true)), 1, 0);
    }

    /**
     * A goal value within the tolerance of the best is a tie, won by the other two metrics together: 3.5 % less
     * goodput for a third of the p99 and a tenth of the extra bytes is the better advice; with --tolerance 0 the
     * goal alone decides; a constraint still comes first.
     */
    @Test
    void recommendationTradesATieForTheOtherMetrics() {
        Evaluation greedy = eval(2048, 17.59, 1724, 3.14);
        Evaluation sane = eval(512, 16.97, 532, 1.138);
        Evaluation fast = eval(64, 13.7, 70, 1.155);
        Objective o = Objective.parse("max-goodput");
        List<Evaluation> ranked = Tuner.ranked(o, List.of(fast, sane, greedy));
        assertEquals(List.of(greedy, sane, fast), ranked);
        assertEquals(sane, Tuner.recommend(o, ranked));
        assertEquals(greedy, Tuner.recommend(o.withTolerance(0), ranked));
        assertEquals(fast, Tuner.recommend(o.withTolerance(0.3), ranked));
        Objective bounded = Objective.parse("max-goodput:p99<=100ms");
        assertEquals(fast, Tuner.recommend(bounded, Tuner.ranked(bounded, List.of(fast, sane, greedy))));
        // a lower p99 bought with much more overhead does not win a tie
        Evaluation a = eval(1024, 26.60, 215.4, 1.463);
        Evaluation b = eval(2048, 26.05, 212.0, 2.506);
        assertEquals(a, Tuner.recommend(o, Tuner.ranked(o, List.of(a, b))));
        assertThrows(ScenarioException.class, () -> o.withTolerance(1.5));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "fastest", "max-goodput:", "max-goodput:p99<=150", "max-goodput:p99==150ms",
        "min-p99:goodput>=2", "min-p99:goodput>=2parsecs", "min-overhead:overhead<=0.5", "max-goodput:latency<=1ms",
        "max-goodput:p99<=150ms,"})
    void badObjectivesAreOneLineUserErrors(String text) {
        ScenarioException e = assertThrows(ScenarioException.class, () -> Objective.parse(text));
        assertTrue(e.getMessage().startsWith("--objective: "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    /** Any p99 bound in ms, and any goodput floor in kbit/s, reads back as the number given. */
    @Test
    void boundsReadBackExactly() {
        qt().withFixedSeed(12L).withExamples(300).forAll(integers().between(1, 1_000_000))
                .checkAssert(v -> {
                    assertEquals(v, Objective.parse("max-goodput:p99<=" + v + "ms").constraints().get(0).value(),
                            1e-9);
                    assertEquals(v / 1000.0,
                            Objective.parse("min-p99:goodput>=" + v + "kbit/s").constraints().get(0).value(), 1e-9);
                    Objective o = Objective.parse("min-p99:goodput>=" + v + "kbit/s");
                    assertEquals(o, Objective.parse(o.text()));
                });
    }
}
