package io.kcplab.reports.compare;

import io.kcplab.reports.result.RunResult;

import java.util.Locale;

/** A plain-text summary for CI logs: one line per checked metric of each configuration, then the verdict. */
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
            for (MetricComparison c : m.checked()) {
                out.append(String.format(Locale.ROOT, "    %-24s %14s -> %14s  %9s  [%s] %s%n", c.label(),
                        number(c.baseline().mean()), number(c.candidate().mean()), percent(c.changePercent()),
                        c.threshold().text(), c.verdict()));
            }
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
