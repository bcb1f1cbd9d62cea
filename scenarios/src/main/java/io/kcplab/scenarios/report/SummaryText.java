package io.kcplab.scenarios.report;

import io.kcplab.reports.compare.Stats;
import io.kcplab.reports.result.FlowResult;
import io.kcplab.reports.result.Metric;
import io.kcplab.reports.result.ResultSet;
import io.kcplab.reports.result.RunResult;
import io.kcplab.reports.result.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The tables {@code kcplab run} prints. Flows: one row per configuration and flow, each flow judged by what
 * matters for its kind (a bulk flow by goodput while active and completion time, a message flow by its own
 * messages' latency; flows are never pooled), as mean ± sd (min–max) over the seeds, with the mean retransmissions
 * of its sender and the path's drops of that sender's datagrams. Path: per configuration, the
 * link's drops by cause and each endpoint's datagrams and retransmissions (means over the seeds). Results without
 * flows (written before flows existed) get the old one-row-per-configuration totals table.
 */
public final class SummaryText {

    private SummaryText() {
    }

    public static String table(ResultSet set) {
        if (set.flowIds().isEmpty()) {
            return totals(set);
        }
        return "flows (mean ± sd (min–max) over seeds; goodput while active: first byte sent to last delivered)\n"
                + flows(set) + "\npath and endpoints (means over seeds; drops in datagrams, both directions)\n"
                + path(set);
    }

    /** One row per configuration and flow. */
    static String flows(ResultSet set) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"configuration", "flow", "runs", "goodput Mbit/s", "completion s", "latency p50 ms",
            "latency p99 ms", "rtt p99 ms", "retrans", "drops"});
        for (Map.Entry<Settings, List<RunResult>> e : set.configurations().entrySet()) {
            List<RunResult> runs = e.getValue();
            for (String id : set.flowIds()) {
                List<FlowResult> flows = new ArrayList<>();
                runs.forEach(r -> {
                    FlowResult f = r.flow(id);
                    if (f != null) {
                        flows.add(f);
                    }
                });
                if (flows.isEmpty()) {
                    continue;
                }
                boolean bulk = flows.get(0).isBulk();
                rows.add(new String[] {e.getKey().label(), id, Integer.toString(flows.size()),
                    bulk ? spread(flows, f -> f.value(Metric.GOODPUT) / 1e6, 2) : "-",
                    bulk ? spread(flows, FlowResult::completionSeconds, 2) : "-",
                    bulk ? "-" : spread(flows, f -> f.value(Metric.LATENCY_P50), 1),
                    bulk ? "-" : spread(flows, f -> f.value(Metric.LATENCY_P99), 1),
                    spread(flows, f -> f.value(Metric.RTT_P99), 1),
                    fmt(Stats.of(values(flows, f -> f.value(Metric.RETRANSMISSIONS))).mean(), 0),
                    fmt(Stats.of(values(flows, SummaryText::drops)).mean(), 0)});
            }
        }
        return render(rows, 2);
    }

    /** Datagrams of the flow's sender the path dropped, all causes; NaN in results written before flows had them. */
    private static double drops(FlowResult f) {
        double sum = 0;
        boolean any = false;
        for (Map.Entry<String, Double> e : f.metrics().extra().entrySet()) {
            if (e.getKey().startsWith("drops_")) {
                sum += e.getValue();
                any = true;
            }
        }
        return any ? sum : Double.NaN;
    }

    /** Per configuration: drops by cause and per-endpoint counters. */
    static String path(ResultSet set) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"configuration", "runs", "random loss", "burst loss", "queue drops", "mtu drops",
            "outage drops", "corrupt drops", "datagrams client/server", "retrans client/server",
            "fast retrans client/server", "FEC recoveries", "overhead"});
        for (Map.Entry<Settings, List<RunResult>> e : set.configurations().entrySet()) {
            List<RunResult> runs = e.getValue();
            rows.add(new String[] {e.getKey().label(), Integer.toString(runs.size()),
                fmt(extra(runs, "drops_random_loss"), 0), fmt(extra(runs, "drops_burst_loss"), 0),
                fmt(extra(runs, "drops_queue"), 0), fmt(extra(runs, "drops_mtu"), 0),
                fmt(extra(runs, "drops_outage"), 0), fmt(mean(runs, Metric.CORRUPT_DROPS), 0),
                pair(runs, "datagrams_sent"), pair(runs, "retransmissions"), pair(runs, "fast_retransmissions"),
                fmt(mean(runs, Metric.FEC_RECOVERIES), 0), fmt(mean(runs, Metric.OVERHEAD), 3)});
        }
        return render(rows, 1);
    }

    /** The table of results without flows: one row per configuration, means of the run totals. */
    static String totals(ResultSet set) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"configuration", "runs", "goodput Mbit/s", "latency p50 ms", "latency p99 ms",
            "rtt p99 ms", "retrans", "link losses"});
        for (Map.Entry<Settings, List<RunResult>> e : set.configurations().entrySet()) {
            List<RunResult> runs = e.getValue();
            rows.add(new String[] {e.getKey().label(), Integer.toString(runs.size()),
                fmt(mean(runs, Metric.GOODPUT) / 1e6, 3), fmt(mean(runs, Metric.LATENCY_P50), 1),
                fmt(mean(runs, Metric.LATENCY_P99), 1), fmt(mean(runs, Metric.RTT_P99), 1),
                fmt(mean(runs, Metric.RETRANSMISSIONS), 0), fmt(mean(runs, Metric.LINK_LOSSES), 0)});
        }
        return render(rows, 1);
    }

    /** Columns padded to their widest cell; the first {@code textColumns} left-aligned, numbers right-aligned. */
    private static String render(List<String[]> rows, int textColumns) {
        int[] width = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                String cell = i < textColumns ? String.format(Locale.ROOT, "%-" + width[i] + "s", r[i])
                        : String.format(Locale.ROOT, "%" + width[i] + "s", r[i]);
                sb.append(i == 0 ? "" : "  ").append(cell);
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** "5.48 ± 0.12 (5.31–5.62)" over the flows that have a value; just the value for one; "-" for none. */
    static String spread(List<FlowResult> flows, ToDoubleFunction<FlowResult> value, int decimals) {
        Stats s = Stats.of(values(flows, value));
        if (s.isEmpty()) {
            return "-";
        }
        if (s.n() == 1) {
            return fmt(s.mean(), decimals);
        }
        return fmt(s.mean(), decimals) + " ± " + fmt(s.stddev(), decimals) + " (" + fmt(s.min(), decimals) + "–"
                + fmt(s.max(), decimals) + ")";
    }

    private static double[] values(List<FlowResult> flows, ToDoubleFunction<FlowResult> value) {
        double[] v = new double[flows.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = value.applyAsDouble(flows.get(i));
        }
        return v;
    }

    private static String pair(List<RunResult> runs, String name) {
        return fmt(extra(runs, "client_" + name), 0) + "/" + fmt(extra(runs, "server_" + name), 0);
    }

    /** Mean of a total extra over the runs that have it; NaN when none does. */
    static double extra(List<RunResult> runs, String name) {
        double[] v = new double[runs.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = runs.get(i).total().extra().getOrDefault(name, Double.NaN);
        }
        return Stats.of(v).mean();
    }

    /** Mean over runs, ignoring runs without a value (NaN: no samples). */
    public static double mean(List<RunResult> runs, Metric m) {
        double sum = 0;
        int n = 0;
        for (RunResult r : runs) {
            double v = r.total().value(m);
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    private static String fmt(double v, int decimals) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
