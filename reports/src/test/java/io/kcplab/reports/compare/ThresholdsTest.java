package io.kcplab.reports.compare;

import io.kcplab.reports.result.Metric;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

class ThresholdsTest {

    @Test
    void defaultsAreGoodputDropAndP99Rise() {
        Thresholds d = Thresholds.defaults();
        assertEquals("goodput=-5%,p99=+10%", d.text());
        Threshold goodput = d.get(Metric.GOODPUT);
        assertTrue(goodput.isRegression(-5.01));
        assertFalse(goodput.isRegression(-5.0));
        assertFalse(goodput.isRegression(+50));
        Threshold p99 = d.get(Metric.LATENCY_P99);
        assertTrue(p99.isRegression(10.5));
        assertFalse(p99.isRegression(-80));
    }

    @Test
    void overridesReplaceOrRemoveEntries() {
        Thresholds t = Thresholds.defaults().with(" goodput = -2.5% , latency_p50_ms=+20%, p99=off ");
        assertEquals(Threshold.of(Metric.GOODPUT, -2.5), t.get(Metric.GOODPUT));
        assertEquals(Threshold.of(Metric.LATENCY_P50, 20), t.get(Metric.LATENCY_P50));
        assertNull(t.get(Metric.LATENCY_P99));
        assertEquals(Thresholds.defaults(), Thresholds.defaults().with(""));
        assertEquals("retrans=+15%", Thresholds.parse("RETRANS=+15%").text());
    }

    @Test
    void textParsesBackToTheSameThresholds() {
        qt().withExamples(200).forAll(integers().between(0, Metric.values().length - 1), doubles().between(-500, 500))
                .checkAssert((ordinal, percent) -> {
                    double rounded = Math.round(percent * 100) / 100.0;
                    Thresholds t = Thresholds.of(Threshold.of(Metric.values()[ordinal], rounded));
                    assertEquals(t, Thresholds.parse(t.text()), t.text());
                });
    }

    @Test
    void badSyntaxNamesTheEntryAndTheForm() {
        for (String bad : new String[] {"goodput", "goodput=5%", "goodput=-5", "goodput:-5%", "goodput=-x%", ",",
                "goodput=-5%,", "=+5%"}) {
            var e = assertThrows(IllegalArgumentException.class, () -> Thresholds.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("bad threshold '"), e.getMessage());
            assertTrue(e.getMessage().contains("METRIC=+N%"), e.getMessage());
        }
    }

    @Test
    void unknownMetricListsTheAcceptedNames() {
        var e = assertThrows(IllegalArgumentException.class, () -> Thresholds.parse("thruput=-5%"));
        assertTrue(e.getMessage().contains("unknown metric 'thruput'"), e.getMessage());
        assertTrue(e.getMessage().contains("goodput|goodput_bps"), e.getMessage());
        assertTrue(e.getMessage().contains("p99|latency_p99_ms"), e.getMessage());
    }

    @Test
    void aMetricTwiceIsAnError() {
        var e = assertThrows(IllegalArgumentException.class, () -> Thresholds.parse("p99=+5%,latency_p99_ms=+9%"));
        assertTrue(e.getMessage().contains("both set p99"), e.getMessage());
    }
}
