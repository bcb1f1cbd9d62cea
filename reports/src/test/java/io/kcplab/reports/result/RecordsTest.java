package io.kcplab.reports.result;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordsTest {

    @Test
    void settingsKeepOrderButCompareAsMaps() {
        Settings a = Settings.of("mode", "fast3", "loss", "0.05");
        Settings b = Settings.of("loss", "0.05", "mode", "fast3");
        assertEquals(a, b);
        assertEquals("mode=fast3 loss=0.05", a.label());
        assertEquals(List.of("mode", "loss"), List.copyOf(a.values().keySet()));
        var seed = assertThrows(IllegalArgumentException.class, () -> Settings.of("seed", "1"));
        assertTrue(seed.getMessage().contains("run field"), seed.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Settings.of("mode", ""));
        assertThrows(IllegalArgumentException.class, () -> Settings.of("bad key", "x"));
    }

    @Test
    void seriesAndCdfAreImmutableAndValidated() {
        double[] t = {0, 1, 2};
        Series s = new Series("goodput", "bit/s", "c0", t, new double[] {1, 2, 3});
        t[0] = 99;
        assertEquals(0, s.time(0));
        s.times()[1] = 42;
        assertEquals(1, s.time(1));
        assertEquals(s, new Series("goodput", "bit/s", "c0", new double[] {0, 1, 2}, new double[] {1, 2, 3}));
        assertThrows(IllegalArgumentException.class, () -> new Series("rtt", "ms", "c0", new double[] {1, 0}, new double[2]));
        assertThrows(IllegalArgumentException.class, () -> new Series("rtt", "ms", "c0", new double[1], new double[2]));

        Cdf cdf = Cdf.fromSamples(new double[] {5, 1, 5, 3});
        assertArrayEquals(new double[] {1, 3, 5}, cdf.values());
        assertArrayEquals(new double[] {0.25, 0.5, 1.0}, cdf.fractions());
        assertThrows(IllegalArgumentException.class, () -> new Cdf(new double[] {1, 2}, new double[] {0.5, 0.4}));
    }

    @Test
    void metricsBuilderDefaultsAndChecks() {
        Metrics m = Metrics.builder().goodputBps(10).retransmissions(3).extra("queue_max", 7).build();
        assertEquals(3, m.retransmissions());
        assertTrue(Double.isNaN(m.latencyMs().p99()), "no latency samples is NaN, not 0");
        assertEquals(0, m.linkLosses());
        assertEquals(Map.of("queue_max", 7.0), m.extra());
        assertEquals(m, m.toBuilder().build());
        var counter = assertThrows(IllegalArgumentException.class, () -> Metrics.builder().set(Metric.RETRANSMISSIONS, 1.5));
        assertTrue(counter.getMessage().contains("retransmissions is a counter"), counter.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Metrics.builder().goodputBps(-1).build());
        assertThrows(IllegalArgumentException.class, () -> Metrics.builder().extra("p99", 1).build());
        assertEquals(Metric.LATENCY_P99, Metric.find("p99"));
        assertEquals(Metric.LATENCY_P99, Metric.find("latency_p99_ms"));
    }

    @Test
    void resultSetSortsByIndexAndRejectsDuplicates() {
        Metrics m = Metrics.builder().build();
        RunResult r0 = RunResult.summary(0, "a", "s", Settings.NONE, 1, "ab", 1, m);
        RunResult r1 = RunResult.summary(1, "b", "s", Settings.NONE, 2, "cd", 1, m);
        ResultMetadata meta = ResultMetadata.of("v", "t", 2);
        assertEquals(List.of(r0, r1), new ResultSet(meta, List.of(r1, r0)).runs());
        var id = assertThrows(IllegalArgumentException.class, () -> new ResultSet(meta,
                List.of(r0, RunResult.summary(1, "a", "s", Settings.NONE, 2, "cd", 1, m))));
        assertTrue(id.getMessage().contains("run id 'a' appears twice"), id.getMessage());
        var config = assertThrows(IllegalArgumentException.class, () -> new ResultSet(meta,
                List.of(r0, RunResult.summary(1, "b", "s", Settings.NONE, 1, "cd", 1, m))));
        assertTrue(config.getMessage().contains("same scenario, settings and seed"), config.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ResultMetadata("v", "t", "3/2", 0));
        assertThrows(IllegalArgumentException.class, () -> RunResult.summary(0, "a", "s", Settings.NONE, 1, "xyz", 1, m));
    }
}
