package io.kcplab.reports.compare;

import io.kcplab.reports.chart.DisplayUnit;
import io.kcplab.reports.result.RunResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A plain-text summary for CI logs: per configuration a table of its checked flows and metrics, then the verdict.
 */
public final class ComparisonText {

    private ComparisonText() {
    }

    public static String summary(ComparisonResult result) {
        StringBuilder out = new StringBuilder();
        out.append("Thresholds: ").append(result.thresholds().isEmpty() ? "(none)" : result.thresholds().text()).append('\n');
        for (MatchComparison m : result.matches()) {
            out.append(m.isRegression() ? "REGRESSION " : "ok         ").append(m.key().label())
                    .append("  (seeds ").append(m.baselineSeeds().size()).append(" vs ").append(m.candidateSeeds().size())
                    .append(m.seedsDiffer() ? ", seed lists differ" : "").append(")\n");
            table(out, m.checked());
        }
        for (RunResult r : result.unmatchedBaseline()) {
            out.append("only in baseline:  ").append(r.runId()).append(" (").append(r.key().label()).append(")\n");
        }
        for (RunResult r : result.unmatchedCandidate()) {
            out.append("only in candidate: ").append(r.runId()).append(" (").append(r.key().label()).append(")\n");
        }
        out.append(verdictLine(result)).append('\n');
        return out.toString();
    }

    /**
     * One row per checked flow and metric, columns aligned: flow, metric with its display unit, baseline and
     * candidate mean ± sd over the seeds, change of the means, threshold, verdict; so a log shows which flow
     * regressed and by how much. Rates are shown in Mbit/s like {@code kcplab run}'s tables, not the stored bit/s.
     */
    private static void table(StringBuilder out, List<MetricComparison> rows) {
        if (rows.isEmpty()) {
            return;
        }
        List<String[]> cells = new ArrayList<>();
        cells.add(new String[] {"flow", "metric", "baseline mean ± sd", "candidate mean ± sd", "change", "threshold",
            "verdict"});
        for (MetricComparison c : rows) {
            DisplayUnit unit = DisplayUnit.of(c.metric());
            cells.add(new String[] {c.flowName(), unit.label(c.metricName()), meanSd(c.baseline(), unit),
                meanSd(c.candidate(), unit), percent(c.changePercent()), c.threshold().text(), c.verdict().toString()});
        }
        int[] width = new int[cells.get(0).length];
        for (String[] row : cells) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        for (String[] row : cells) {
            StringBuilder line = new StringBuilder("    ");
            for (int i = 0; i < row.length; i++) {
                boolean numeric = i >= 2 && i <= 4; // numbers align right
                String cell = numeric ? " ".repeat(width[i] - row[i].length()) + row[i] : row[i];
                line.append(cell);
                if (i < row.length - 1) {
                    line.append(numeric ? "" : " ".repeat(width[i] - row[i].length())).append("  ");
                }
            }
            out.append(line).append('\n');
        }
    }

    /** "141.000 ± 0.141" in the display unit; "n/a" without data. */
    static String meanSd(Stats s, DisplayUnit unit) {
        return s.isEmpty() ? "n/a" : number(unit.apply(s.mean())) + " ± " + number(unit.apply(s.stddev()));
    }

    public static String verdictLine(ComparisonResult result) {
        return switch (result.exitStatus()) {
            case ComparisonResult.EXIT_PASS -> "PASS: " + result.matches().size() + " configuration(s) within thresholds";
            case ComparisonResult.EXIT_REGRESSION -> "FAIL: " + result.regressions().size() + " of "
                    + result.matches().size() + " configuration(s) regressed";
            default -> "FAIL: baseline and candidate share no configuration (scenario + settings); nothing compared";
        };
    }

    static String number(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        return Math.abs(v) >= 1e5 || (v != 0 && Math.abs(v) < 1e-3)
                ? String.format(Locale.ROOT, "%.4g", v) : String.format(Locale.ROOT, "%.3f", v);
    }

    public static String percent(double change) {
        if (Double.isNaN(change)) {
            return "n/a";
        }
        if (Double.isInfinite(change)) {
            return change > 0 ? "+inf%" : "-inf%";
        }
        return String.format(Locale.ROOT, "%+.2f%%", change);
    }
}
