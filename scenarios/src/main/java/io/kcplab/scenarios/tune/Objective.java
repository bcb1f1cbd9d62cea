package io.kcplab.scenarios.tune;

import io.kcplab.scenarios.ScenarioException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code kcplab tune} optimises: a goal and optional constraints, written
 * {@code GOAL[:CONSTRAINT[,CONSTRAINT...]]}.
 * <ul>
 *   <li>GOAL: {@code max-goodput}, {@code min-p99} or {@code min-overhead};</li>
 *   <li>CONSTRAINT: {@code METRIC OP VALUE}, METRIC one of {@code goodput} (units bit/s, kbit/s, Mbit/s, Gbit/s,
 *       B/s, KB/s, MB/s; KiB/s, MiB/s), {@code p99} (ms or s) or {@code overhead} (a ratio, e.g. 1.2, or a
 *       percentage of extra bytes, e.g. 20%), OP one of {@code <=}, {@code >=}, {@code <}, {@code >}.</li>
 * </ul>
 * Values are held in the report units: goodput in Mbit/s, p99 in ms, overhead as wire bytes per payload byte.
 *
 * @param goal        the metric to optimise
 * @param constraints bounds every recommendation must meet on every seed
 * @param text        the objective as given, normalised
 * @param tolerance   how close to the best goal value counts as a tie (0.05: within 5 %), among which the
 *                    recommendation is the one best on the other metrics ({@link #tieCost})
 */
public record Objective(Goal goal, List<Constraint> constraints, String text, double tolerance) {

    /** The default tie band: goal values within 5 % of the best count as equally good. */
    public static final double DEFAULT_TOLERANCE = 0.05;

    private static final Pattern CONSTRAINT = Pattern.compile(
            "\\s*(goodput|p99|overhead)\\s*(<=|>=|<|>)\\s*([0-9]+(?:\\.[0-9]+)?)\\s*([A-Za-z%/]*)\\s*");

    /** The goals. */
    public enum Goal {
        MAX_GOODPUT("max-goodput", Metric.GOODPUT),
        MIN_P99("min-p99", Metric.P99),
        MIN_OVERHEAD("min-overhead", Metric.OVERHEAD);

        final String label;
        final Metric metric;

        Goal(String label, Metric metric) {
            this.label = label;
            this.metric = metric;
        }

        public String label() {
            return label;
        }

        public Metric metric() {
            return metric;
        }
    }

    /** The metrics, in report units. */
    public enum Metric {
        GOODPUT("goodput", "Mbit/s", true),
        P99("p99", "ms", false),
        OVERHEAD("overhead", "x", false);

        final String label;
        final String unit;
        final boolean higherIsBetter;

        Metric(String label, String unit, boolean higherIsBetter) {
            this.label = label;
            this.unit = unit;
            this.higherIsBetter = higherIsBetter;
        }

        public String label() {
            return label;
        }

        public boolean higherIsBetter() {
            return higherIsBetter;
        }

        public double of(Evaluation.Stats s) {
            return switch (this) {
                case GOODPUT -> s.goodputMbps();
                case P99 -> s.p99Ms();
                case OVERHEAD -> s.overhead();
            };
        }
    }

    /** A bound on one metric; {@code strict} for {@code <} and {@code >}. */
    public record Constraint(Metric metric, boolean atMost, boolean strict, double value) {

        public boolean holds(double v) {
            if (Double.isNaN(v)) {
                return false;
            }
            if (atMost) {
                return strict ? v < value : v <= value;
            }
            return strict ? v > value : v >= value;
        }

        /** How far a value misses the bound, relative to the bound (0 when it holds). */
        public double violation(double v) {
            if (holds(v)) {
                return 0;
            }
            if (Double.isNaN(v)) {
                return Double.MAX_VALUE / 4;
            }
            return Math.abs(v - value) / Math.max(Math.abs(value), 1e-9) + 1e-9;
        }

        @Override
        public String toString() {
            return metric.label + (atMost ? (strict ? "<" : "<=") : (strict ? ">" : ">=")) + num(value)
                    + (metric == Metric.OVERHEAD ? "" : metric.unit);
        }
    }

    /** Parses an objective; a {@link ScenarioException} naming the accepted forms otherwise. */
    public static Objective parse(String text) {
        if (text == null || text.isBlank()) {
            throw bad(text, "it is empty");
        }
        String t = text.trim();
        int colon = t.indexOf(':');
        String goalText = (colon < 0 ? t : t.substring(0, colon)).trim().toLowerCase(Locale.ROOT);
        Goal goal = null;
        for (Goal g : Goal.values()) {
            if (g.label.equals(goalText)) {
                goal = g;
            }
        }
        if (goal == null) {
            throw bad(text, "unknown goal '" + goalText + "'");
        }
        List<Constraint> cs = new ArrayList<>();
        if (colon >= 0) {
            String rest = t.substring(colon + 1);
            if (rest.isBlank()) {
                throw bad(text, "nothing after ':'");
            }
            for (String part : rest.split(",", -1)) {
                Matcher m = CONSTRAINT.matcher(part.toLowerCase(Locale.ROOT));
                if (!m.matches()) {
                    throw bad(text, "'" + part.trim() + "' is not a constraint");
                }
                Metric metric = switch (m.group(1)) {
                    case "goodput" -> Metric.GOODPUT;
                    case "p99" -> Metric.P99;
                    default -> Metric.OVERHEAD;
                };
                double v = Double.parseDouble(m.group(3));
                double value = scale(metric, v, m.group(4), text);
                String op = m.group(2);
                cs.add(new Constraint(metric, op.startsWith("<"), op.length() == 1, value));
            }
        }
        StringBuilder norm = new StringBuilder(goal.label);
        for (int i = 0; i < cs.size(); i++) {
            norm.append(i == 0 ? ':' : ',').append(cs.get(i));
        }
        return new Objective(goal, List.copyOf(cs), norm.toString(), DEFAULT_TOLERANCE);
    }

    private static double scale(Metric metric, double v, String unit, String text) {
        switch (metric) {
            case GOODPUT:
                return switch (unit) {
                    case "bit/s", "bps" -> v / 1e6;
                    case "kbit/s", "kbps" -> v / 1e3;
                    case "mbit/s", "mbps" -> v;
                    case "gbit/s", "gbps" -> v * 1e3;
                    case "b/s" -> v * 8 / 1e6;
                    case "kb/s" -> v * 8 / 1e3;
                    case "mb/s" -> v * 8;
                    case "kib/s" -> v * 8 * 1024 / 1e6;
                    case "mib/s" -> v * 8 * 1024 * 1024 / 1e6;
                    default -> throw bad(text, "goodput needs a unit: bit/s, kbit/s, Mbit/s, Gbit/s, B/s, KB/s, "
                            + "MB/s, KiB/s or MiB/s (got '" + unit + "')");
                };
            case P99:
                return switch (unit) {
                    case "ms" -> v;
                    case "s" -> v * 1000;
                    case "us" -> v / 1000;
                    default -> throw bad(text, "p99 needs a unit: ms or s (got '" + unit + "')");
                };
            default:
                return switch (unit) {
                    case "", "x" -> {
                        if (v < 1) {
                            throw bad(text, "overhead is wire bytes per payload byte, at least 1 (e.g. 1.2, or 20%)");
                        }
                        yield v;
                    }
                    case "%" -> 1 + v / 100;
                    default -> throw bad(text, "overhead is a ratio such as 1.2 or a percentage such as 20% (got '"
                            + unit + "')");
                };
        }
    }

    private static ScenarioException bad(String text, String why) {
        return new ScenarioException("--objective: '" + text + "': " + why + "; accepted: GOAL[:CONSTRAINT,...] "
                + "with GOAL max-goodput, min-p99 or min-overhead and CONSTRAINT such as p99<=150ms, "
                + "goodput>=2MB/s, overhead<=1.3 (e.g. max-goodput:p99<=150ms)");
    }

    /** The same objective with another tie band (a fraction: 0.05 = 5 %); {@code --tolerance}. */
    public Objective withTolerance(double t) {
        if (!(t >= 0 && t <= 1)) {
            throw new ScenarioException("--tolerance: " + num(t * 100) + "% is out of range; accepted: 0% to 100%");
        }
        return new Objective(goal, constraints, text, t);
    }

    /**
     * Whether {@code s}'s goal value is within the tie band of {@code top}'s: goodput at least (1 − t) × the best,
     * p99 at most (1 + t) × the best, extra bytes (overhead − 1) at most (1 + t) × the best's.
     */
    public boolean tied(Evaluation.Stats s, Evaluation.Stats top) {
        return switch (goal) {
            case MAX_GOODPUT -> s.goodputMbps() >= (1 - tolerance) * top.goodputMbps();
            case MIN_P99 -> !Double.isNaN(s.p99Ms()) && s.p99Ms() <= (1 + tolerance) * top.p99Ms();
            case MIN_OVERHEAD -> s.overhead() - 1 <= (1 + tolerance) * (top.overhead() - 1);
        };
    }

    /**
     * The cost of a tied candidate on the two metrics other than the goal: the sum of its ratios to the best value
     * any tied candidate has on each (1 + 1 = 2 when it is the best on both). Overhead counts its extra bytes
     * (overhead − 1), goodput counts as best / value. For max-goodput: p99 and overhead; for min-p99: goodput and
     * overhead; for min-overhead: goodput and p99.
     */
    public double tieCost(Evaluation.Stats s, List<Evaluation.Stats> tied) {
        double minP99 = Double.POSITIVE_INFINITY;
        double minExtra = Double.POSITIVE_INFINITY;
        double maxGoodput = 0;
        for (Evaluation.Stats t : tied) {
            if (!Double.isNaN(t.p99Ms())) {
                minP99 = Math.min(minP99, t.p99Ms());
            }
            minExtra = Math.min(minExtra, t.overhead() - 1);
            maxGoodput = Math.max(maxGoodput, t.goodputMbps());
        }
        double p99 = Double.isNaN(s.p99Ms()) ? Double.POSITIVE_INFINITY : s.p99Ms() / Math.max(minP99, 1e-6);
        double extra = (s.overhead() - 1) / Math.max(minExtra, 1e-3);
        double goodput = maxGoodput / Math.max(s.goodputMbps(), 1e-9);
        return switch (goal) {
            case MAX_GOODPUT -> p99 + extra;
            case MIN_P99 -> goodput + extra;
            case MIN_OVERHEAD -> goodput + p99;
        };
    }

    /** The tie rule in words, for the report. */
    public String tieRule() {
        if (tolerance == 0) {
            return "no tie band (--tolerance 0): the best " + goal.metric.label + " wins";
        }
        String band = num(tolerance * 100) + "%";
        return switch (goal) {
            case MAX_GOODPUT -> "goodput within " + band + " of the best is a tie, won by p99 and overhead "
                    + "together";
            case MIN_P99 -> "p99 within " + band + " of the best is a tie, won by goodput and overhead together";
            case MIN_OVERHEAD -> "extra bytes within " + band + " of the best are a tie, won by goodput and p99 "
                    + "together";
        };
    }

    /**
     * Whether a candidate meets every constraint on every seed: an upper bound holds for its largest value over the
     * seeds, a lower bound for its smallest.
     */
    public boolean feasible(Evaluation e) {
        return violation(e) == 0;
    }

    /** The sum of the constraints' relative violations by a candidate's worst seed per metric (0 = feasible). */
    public double violation(Evaluation e) {
        Evaluation.Stats lo = e.min();
        Evaluation.Stats hi = e.max();
        double v = 0;
        for (Constraint c : constraints) {
            v += c.violation(c.metric.of(c.atMost() ? hi : lo));
        }
        return v;
    }

    /** Whether the stats meet every constraint. */
    public boolean feasible(Evaluation.Stats s) {
        return violation(s) == 0;
    }

    /** The sum of the constraints' relative violations (0 = feasible). */
    public double violation(Evaluation.Stats s) {
        double v = 0;
        for (Constraint c : constraints) {
            v += c.violation(c.metric.of(s));
        }
        return v;
    }

    /** The goal metric, oriented so that larger is better (NaN counts as worst). */
    public double score(Evaluation.Stats s) {
        double v = goal.metric.of(s);
        if (Double.isNaN(v)) {
            return Double.NEGATIVE_INFINITY;
        }
        return goal.metric.higherIsBetter ? v : -v;
    }

    static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e12) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.3f", v).replaceAll("0+$", "");
    }
}
