package io.kcplab.scenarios.report;

import io.kcplab.reports.result.Metric;
import io.kcplab.reports.result.ResultSet;
import io.kcplab.reports.result.RunResult;
import io.kcplab.reports.result.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The table {@code kcplab run} prints: one row per configuration, means over its seeds. */
public final class SummaryText {

    private SummaryText() {
    }

    public static String table(ResultSet set) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"configuration", "runs", "goodput Mbit/s", "latency p50 ms", "latency p99 ms",
            "rtt p99 ms", "retrans", "link losses"});
        for (Map.Entry<Settings, List<RunResult>> e : SweepCharts.configurations(set).entrySet()) {
            List<RunResult> runs = e.getValue();
            rows.add(new String[] {e.getKey().label(), Integer.toString(runs.size()),
                fmt(mean(runs, Metric.GOODPUT) / 1e6, 3), fmt(mean(runs, Metric.LATENCY_P50), 1),
                fmt(mean(runs, Metric.LATENCY_P99), 1), fmt(mean(runs, Metric.RTT_P99), 1),
                fmt(mean(runs, Metric.RETRANSMISSIONS), 0), fmt(mean(runs, Metric.LINK_LOSSES), 0)});
        }
        int[] width = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                String cell = i == 0 ? String.format(Locale.ROOT, "%-" + width[i] + "s", r[i])
                        : String.format(Locale.ROOT, "%" + width[i] + "s", r[i]);
                sb.append(i == 0 ? "" : "  ").append(cell);
            }
            sb.append('\n');
        }
        return sb.toString();
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
