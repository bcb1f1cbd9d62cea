package io.kcplab.reports.testing;

import io.kcplab.reports.result.Cdf;
import io.kcplab.reports.result.ConnectionResult;
import io.kcplab.reports.result.FlowResult;
import io.kcplab.reports.result.Metric;
import io.kcplab.reports.result.Metrics;
import io.kcplab.reports.result.Percentiles;
import io.kcplab.reports.result.ResultMetadata;
import io.kcplab.reports.result.ResultSet;
import io.kcplab.reports.result.RunResult;
import io.kcplab.reports.result.Series;
import io.kcplab.reports.result.Settings;
import io.kcplab.reports.result.StandardSeries;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Builds random but valid result sets from one seed, so a property failure is replayed by its
 * seed. Text includes CSV/HTML-hostile characters; numbers span many magnitudes, NaN and -0.0.
 */
public final class RandomResults {

    private static final String[] TEXT = {"a", "fast3", "10/3", "x,y", "say \"hi\"", "line\nbreak", " pad ",
            "<b>&amp;</b>", "日本", "é", "0.05", "-", "normal"};
    private static final String[] KEYS = {"mode", "loss", "fec", "delay", "cipher", "wnd", "mtu"};

    private final SplittableRandom random;
    private final List<String> flowIds = new ArrayList<>();
    private final List<String> flowWorkloads = new ArrayList<>();

    public RandomResults(long seed) {
        this.random = new SplittableRandom(seed);
        for (String id : FLOW_IDS) {
            if (random.nextInt(3) == 0) {
                flowIds.add(id);
                flowWorkloads.add(WORKLOADS[random.nextInt(WORKLOADS.length)]);
            }
        }
    }

    /** Number of examples for property tests; CI can lower or raise it with -Dkcplab.qt.examples. */
    public static int examples(int defaultCount) {
        return Integer.getInteger("kcplab.qt.examples", defaultCount);
    }

    public ResultSet resultSet() {
        int n = random.nextInt(0, 8);
        List<RunResult> runs = new ArrayList<>();
        List<Integer> indexes = new ArrayList<>();
        int next = 0;
        for (int i = 0; i < n; i++) {
            next += random.nextInt(1, 3);
            indexes.add(next - 1);
        }
        for (int i = 0; i < n; i++) {
            runs.add(run(indexes.get(i), i));
        }
        return new ResultSet(new ResultMetadata(text(), "2025-01-0" + random.nextInt(1, 10) + "T00:00:00Z", "",
                random.nextInt(0, 3) == 0 ? 0 : next), runs);
    }

    /** A run; {@code unique} makes run id and seed distinct within a set. */
    public RunResult run(int index, int unique) {
        LinkedHashMap<String, String> settings = new LinkedHashMap<>();
        int settingCount = random.nextInt(0, 4);
        for (int i = 0; i < settingCount; i++) {
            settings.put(KEYS[random.nextInt(KEYS.length)], text());
        }
        int connections = random.nextInt(0, 3);
        List<ConnectionResult> cs = new ArrayList<>();
        List<Series> series = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            String name = "c" + c;
            cs.add(new ConnectionResult(name, metrics(), cdf()));
            if (random.nextBoolean()) {
                series.add(series(StandardSeries.GOODPUT, "bit/s", name));
            }
            if (random.nextBoolean()) {
                series.add(series(StandardSeries.RTT, "ms", name));
            }
        }
        List<FlowResult> flows = new ArrayList<>();
        // the set's flows or none (results from before flows), as the runs of one scenario have the same flows in
        // the same order: CSV keeps one flow order per set
        if (random.nextInt(4) != 0) {
            for (int f = 0; f < flowIds.size(); f++) {
                flows.add(new FlowResult(flowIds.get(f), flowWorkloads.get(f), flowMetrics()));
            }
        }
        return new RunResult(index, "run-" + unique + "-" + text(), text(), new Settings(settings),
                unique * 1000L + random.nextLong(0, 1000), Long.toHexString(random.nextLong()),
                number(), metrics(), cs, series, flows, protocol());
    }

    /** Protocol parameters, or none (older results): any text, in a random order. */
    private java.util.Map<String, String> protocol() {
        java.util.Map<String, String> p = new java.util.LinkedHashMap<>();
        int n = random.nextInt(2) == 0 ? 0 : random.nextInt(1, 10);
        for (int i = 0; i < n; i++) {
            p.put("p" + random.nextInt(100), text());
        }
        return p;
    }

    private static final String[] FLOW_IDS = {"bulk/up", "c0/up", "c0/down", "say \"hi\"/up", "10/3/down",
        "line\nbreak/up", "0.05/down", "x,y/up"};
    private static final String[] WORKLOADS = {"bulk", "echo", "cbr", "onoff"};

    /** Metrics holding only what a flow carries ({@link FlowResult#METRICS}) and its extras. */
    public Metrics flowMetrics() {
        Metrics.Builder b = Metrics.builder();
        for (Metric m : FlowResult.METRICS) {
            if (m.integral()) {
                b.set(m, random.nextLong(0, 1L << 53));
            } else if (m.key().startsWith("latency_") || m.key().startsWith("rtt_")) {
                b.set(m, random.nextInt(5) == 0 ? Double.NaN : number());
            } else {
                b.set(m, number());
            }
        }
        if (random.nextBoolean()) {
            b.extra(FlowResult.ACTIVE_S, number());
        }
        if (random.nextBoolean()) {
            b.extra(FlowResult.COMPLETION_S, random.nextInt(6) == 0 ? Double.NaN : number());
        }
        return b.build();
    }

    public Metrics metrics() {
        Metrics.Builder b = Metrics.builder();
        for (Metric m : Metric.values()) {
            if (m.integral()) {
                b.set(m, random.nextLong(0, 1L << 53));
            } else if (m.key().startsWith("latency_") || m.key().startsWith("rtt_")) {
                b.set(m, random.nextInt(5) == 0 ? Double.NaN : number());
            } else {
                b.set(m, number());
            }
        }
        int extras = random.nextInt(0, 3);
        for (int i = 0; i < extras; i++) {
            b.extra("x" + random.nextInt(5), random.nextInt(6) == 0 ? Double.NaN : signed());
        }
        return b.build();
    }

    public Series series(String name, String unit, String connection) {
        int n = random.nextInt(0, 20);
        double[] t = new double[n];
        double[] v = new double[n];
        double time = 0;
        for (int i = 0; i < n; i++) {
            time += random.nextDouble() * 0.5;
            t[i] = time;
            v[i] = random.nextInt(10) == 0 ? Double.NaN : signed();
        }
        return new Series(name, unit, connection, t, v);
    }

    public Cdf cdf() {
        int n = random.nextInt(0, 30);
        double[] samples = new double[n];
        for (int i = 0; i < n; i++) {
            samples[i] = number();
        }
        return Cdf.fromSamples(samples);
    }

    /** Non-negative doubles over many magnitudes, including 0 and -0.0. */
    public double number() {
        switch (random.nextInt(8)) {
            case 0:
                return 0.0;
            case 1:
                return -0.0;
            case 2:
                return random.nextInt(0, 100_000);
            default:
                return random.nextDouble() * Math.pow(10, random.nextInt(-6, 12));
        }
    }

    private double signed() {
        return random.nextBoolean() ? number() : -number();
    }

    public String text() {
        return TEXT[random.nextInt(TEXT.length)];
    }

    public Percentiles percentiles() {
        double p50 = number();
        return new Percentiles(p50, p50 * 2, p50 * 3, p50 * 4, p50 * 5, p50 * 1.5);
    }
}
