package io.kcplab.scenarios.validate;

import io.kcplab.reports.compare.Stats;
import java.util.List;
import java.util.Locale;

/** The text table {@code kcplab validate} prints: one block per link, one row per metric. */
public final class ValidateText {

    /** Relay lateness above which the table warns that the live path did not follow the model's timing. */
    static final double LATE_WARNING_MS = 5;

    private ValidateText() {
    }

    public static String table(List<LinkValidation> links) {
        StringBuilder b = new StringBuilder();
        for (LinkValidation v : links) {
            b.append(String.format(Locale.ROOT, "%nlink %s, seeds %s%n  settings: %s%n", v.link(), v.seeds(),
                    v.settings()));
            b.append(String.format(Locale.ROOT, "  %-20s %-24s %-24s %9s %9s  %s%n", "metric",
                    "simulated mean ± sd", "live mean ± sd", "diff", "tolerance", "verdict"));
            for (MetricCheck c : v.checks()) {
                b.append(String.format(Locale.ROOT, "  %-20s %-24s %-24s %9s %9s  %s%n", c.metric(),
                        spread(c.simulated()), spread(c.live()), percent(c.difference()),
                        "±" + Math.round(c.tolerance() * 100) + "%", verdict(c)));
            }
            for (MetricCheck c : v.checks()) {
                if (c.machineLimited()) {
                    b.append(String.format(Locale.ROOT, "  note: %s: the simulated figure is beyond this machine's "
                            + "live path on a perfect link (%.3g), so the live figure is judged between the two%n",
                            c.metric(), c.machineLimit()));
                }
            }
            double late = v.live().stream().mapToDouble(Measurement::relayLateMaxMs).max().orElse(0);
            if (late > LATE_WARNING_MS) {
                b.append(String.format(Locale.ROOT, "  note: the relay released datagrams up to %.1f ms after the link"
                        + " model's due time: this machine could not keep the model's timing (busy cores?), so the"
                        + " live figures carry that error too%n", late));
            }
            for (int i = 0; i < v.seeds().size(); i++) {
                if (!v.live().get(i).finished() || !v.simulated().get(i).finished()) {
                    b.append(String.format(Locale.ROOT, "  seed %d: the bulk transfer did not finish (%s)%n",
                            v.seeds().get(i), v.live().get(i).finished() ? "simulated" : "live"));
                }
            }
        }
        return b.toString();
    }

    /** The calibration line: what the live path does on a perfect link on this machine. */
    public static String floor(Measurement m) {
        return String.format(Locale.ROOT, "platform floor (perfect link, live): echo RTT p50 %.2f ms, p90 %.2f ms;"
                + " bulk %.0f Mbit/s; relay late up to %.1f ms%n", m.rttP50Ms(), m.rttP90Ms(), m.goodputMbps(),
                m.relayLateMaxMs());
    }

    private static String verdict(MetricCheck c) {
        String v = c.agrees() ? "agrees" : "DIFFERS";
        return c.machineLimited() ? v + " (machine-limited)" : v;
    }

    private static String spread(Stats s) {
        if (s.isEmpty() || Double.isNaN(s.mean())) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.3g ± %.2g", s.mean(), Double.isNaN(s.stddev()) ? 0 : s.stddev());
    }

    private static String percent(double d) {
        if (Double.isNaN(d)) {
            return "n/a";
        }
        if (Double.isInfinite(d)) {
            return "inf";
        }
        return String.format(Locale.ROOT, "%+.1f%%", d * 100);
    }
}
