package io.kcplab.scenarios.tune;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The plain-text report of {@code kcplab tune}: the Pareto front as a table and a text chart, the recommendation
 * with its flags and builder line, and kcptun's presets side by side. A pure function of the result: the same
 * search gives the same text, byte for byte.
 */
public final class TuneText {

    static final int MAX_ROWS = 20;
    static final int CHART_WIDTH = 64;
    static final int CHART_HEIGHT = 13;

    private TuneText() {
    }

    static String stats(Evaluation.Stats s) {
        return String.format(Locale.ROOT, "%.2f Mbit/s, p99 %s ms, overhead %s", s.goodputMbps(),
                ms(s.p99Ms()), Double.isNaN(s.overhead()) ? "n/a" : String.format(Locale.ROOT, "%.3fx",
                        s.overhead()));
    }

    private static String ms(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String spread(double mean, double min, double max, String fmt) {
        if (Double.isNaN(mean)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, fmt + " [" + fmt + "-" + fmt + "]", mean, min, max);
    }

    /** The whole report. */
    public static String report(Tuner.Result r) {
        Tuner.Settings s = r.settings();
        StringBuilder sb = new StringBuilder();
        sb.append("kcplab tune: link ").append(s.link()).append(", workload ").append(s.workload().label())
                .append(s.workload() == Tuner.Workload.BULK ? " (" + s.bulkSize() + ")" : " (" + s.duration() + ")")
                .append(", objective ").append(s.objective().text()).append('\n');
        sb.append(String.format(Locale.ROOT, "%d candidates x %d seed(s) = %d simulated runs, search seed %d%s%n",
                r.evaluations().size(), s.seeds(), r.runs(), s.searchSeed(),
                s.islands() == 1 ? "" : ", " + s.islands() + " islands"));
        if (!r.complete()) {
            List<Integer> missing = new ArrayList<>();
            for (int k = 1; k <= s.islands(); k++) {
                if (!r.islandsHeld().contains(k)) {
                    missing.add(k);
                }
            }
            sb.append(r.islandsHeld().size() == 1
                    ? "shard " + r.islandsHeld().get(0) + "/" + s.islands() + ": island " + r.islandsHeld().get(0)
                            + " of " + s.islands() + " only; join all shards with kcplab tune --merge DIR...\n"
                    : "PARTIAL: islands " + join(missing) + " of " + s.islands() + " are missing\n");
        }
        sb.append(p99Meaning(s.workload())).append("\n\n");
        front(r, sb);
        sb.append('\n');
        chart(r, sb);
        sb.append('\n');
        recommendation(r, sb);
        sb.append('\n');
        presets(r, sb);
        StringBuilder out = new StringBuilder();
        sb.toString().lines().forEach(l -> out.append(l.stripTrailing()).append('\n'));
        return out.toString();
    }

    private static void front(Tuner.Result r, StringBuilder sb) {
        sb.append("Pareto front (goodput up, p99 down, overhead down; mean [min-max] over seeds; * = recommended):\n");
        sb.append(String.format(Locale.ROOT, "  %-28s %-28s %-26s %s%n", "goodput Mbit/s", "p99 ms", "overhead x",
                "settings"));
        // settings that make no difference on this link give identical figures: one row each, with a count
        List<Evaluation> shown = new ArrayList<>();
        List<Integer> same = new ArrayList<>();
        for (Evaluation e : r.pareto()) {
            int i = shown.size() - 1;
            if (i >= 0 && sameFigures(shown.get(i), e)) {
                same.set(i, same.get(i) + 1);
                if (e == r.best()) {
                    shown.set(i, e);
                }
            } else {
                shown.add(e);
                same.add(0);
            }
        }
        List<Integer> rows = new ArrayList<>();
        if (shown.size() <= MAX_ROWS) {
            for (int i = 0; i < shown.size(); i++) {
                rows.add(i);
            }
        } else {
            // evenly spread along the front (highest goodput to lowest), the recommendation always among them
            int bestRow = shown.indexOf(r.best());
            for (int j = 0; j < MAX_ROWS; j++) {
                int i = (int) Math.round((double) j * (shown.size() - 1) / (MAX_ROWS - 1));
                if (!rows.contains(i)) {
                    rows.add(i);
                }
            }
            if (bestRow >= 0 && !rows.contains(bestRow)) {
                rows.add(bestRow);
                rows.sort(null);
            }
        }
        for (int i : rows) {
            Evaluation e = shown.get(i);
            sb.append(row(e, e == r.best() ? "*" : " ", e.candidate().label()
                    + (same.get(i) > 0 ? " (+" + same.get(i) + " with the same figures)" : "")));
        }
        if (rows.size() < shown.size()) {
            sb.append("  (").append(rows.size()).append(" of ").append(shown.size())
                    .append(" points shown, spread along the front; all of them in tune.json)\n");
        }
        if (!r.pareto().contains(r.best())) {
            sb.append("  (the recommendation is not on the front: it is the best that meets the constraints)\n");
            sb.append(row(r.best(), "*", r.best().candidate().label()));
        }
    }

    private static boolean sameFigures(Evaluation a, Evaluation b) {
        return a.samples().equals(b.samples());
    }

    private static void recommendation(Tuner.Result r, StringBuilder sb) {
        Tuner.Settings s = r.settings();
        Evaluation b = r.best();
        sb.append("Recommended (").append(s.objective().text()).append("): ")
                .append(b.candidate().preset().isEmpty() ? "" : "kcptun's " + b.candidate().preset() + " = ")
                .append(b.candidate().key()).append('\n');
        sb.append("  ").append(stats(b.mean())).append(" (mean over ").append(s.seeds()).append(" seed(s))\n");
        sb.append("  (").append(s.objective().tieRule()).append(")\n");
        if (r.top() != b) {
            Evaluation t = r.top();
            sb.append("  The best ").append(s.objective().goal().metric().label()).append(" alone: ")
                    .append(t.candidate().label()).append(": ").append(stats(t.mean())).append('\n');
        }
        if (!s.objective().feasible(b)) {
            sb.append("  WARNING: no candidate met every constraint on every seed; this one comes closest\n");
        }
        if (!b.allFinished()) {
            sb.append("  WARNING: the bulk transfer did not finish within 120 s on every seed\n");
        }
        sb.append("  kcplab tunnel / kcptun flags (both ends): ").append(b.candidate().tunnelFlags())
                .append(b.candidate().engine().equals("ikcp") ? " --engine ikcp" : "").append('\n');
        sb.append("  Java: ").append(b.candidate().builderLine()).append('\n');
        if (b != r.bestKcpGo()) {
            Evaluation k = r.bestKcpGo();
            sb.append("  The recommendation runs the ikcp engine, which kcptun does not have (--engine ikcp is "
                    + "kcplab tunnel's). Best on kcp-go, for kcptun itself:\n");
            sb.append("    ").append(k.candidate().key()).append(": ").append(stats(k.mean())).append('\n');
            sb.append("    flags: ").append(k.candidate().tunnelFlags()).append('\n');
            sb.append("    Java: ").append(k.candidate().builderLine()).append('\n');
        }
    }

    private static void presets(Tuner.Result r, StringBuilder sb) {
        Evaluation b = r.best();
        sb.append("Against kcptun's presets (same link, same seeds; change = recommended vs preset):\n");
        sb.append(String.format(Locale.ROOT, "  %-8s %-24s %-24s %-24s %9s %9s %9s%n", "preset", "goodput Mbit/s",
                "p99 ms", "overhead x", "goodput", "p99", "overhead"));
        Evaluation.Stats bm = b.mean();
        sb.append(String.format(Locale.ROOT, "  %-8s %-24s %-24s %-24s%n", "tuned",
                spread(bm.goodputMbps(), b.min().goodputMbps(), b.max().goodputMbps(), "%.2f"),
                spread(bm.p99Ms(), b.min().p99Ms(), b.max().p99Ms(), "%.1f"),
                spread(bm.overhead(), b.min().overhead(), b.max().overhead(), "%.3f")));
        for (Evaluation p : r.presets()) {
            Evaluation.Stats m = p.mean();
            sb.append(String.format(Locale.ROOT, "  %-8s %-24s %-24s %-24s %9s %9s %9s%n", p.candidate().preset(),
                    spread(m.goodputMbps(), p.min().goodputMbps(), p.max().goodputMbps(), "%.2f"),
                    spread(m.p99Ms(), p.min().p99Ms(), p.max().p99Ms(), "%.1f"),
                    spread(m.overhead(), p.min().overhead(), p.max().overhead(), "%.3f"),
                    change(bm.goodputMbps(), m.goodputMbps()), change(bm.p99Ms(), m.p99Ms()),
                    change(bm.overhead(), m.overhead())));
        }
        sb.append("  (presets: kcptun's --mode with ConnectionConfig's other defaults: kcp-go, windows 1024/1024, "
                + "MTU 1350, FEC 10/3)\n");
    }

    /**
     * Goodput (x, linear) against p99 (y, log) of every candidate, as text: {@code *} the recommendation,
     * {@code N F 2 3} kcptun's normal, fast, fast2, fast3, {@code o} the Pareto front, {@code .} the rest.
     */
    static void chart(Tuner.Result r, StringBuilder sb) {
        double xMax = 0;
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = 0;
        for (Evaluation e : r.evaluations()) {
            Evaluation.Stats m = e.mean();
            if (!plottable(m)) {
                continue;
            }
            xMax = Math.max(xMax, m.goodputMbps());
            yMin = Math.min(yMin, m.p99Ms());
            yMax = Math.max(yMax, m.p99Ms());
        }
        if (yMax <= 0) {
            sb.append("(no candidate has a p99 to chart)\n");
            return;
        }
        if (xMax <= 0) {
            xMax = 1;
        }
        double lo = Math.log10(yMin);
        double hi = Math.log10(yMax);
        if (hi - lo < 0.1) {
            lo -= 0.05;
            hi += 0.05;
        }
        char[][] grid = new char[CHART_HEIGHT][CHART_WIDTH];
        int[][] rank = new int[CHART_HEIGHT][CHART_WIDTH];
        for (char[] line : grid) {
            java.util.Arrays.fill(line, ' ');
        }
        for (Evaluation e : r.evaluations()) {
            Evaluation.Stats m = e.mean();
            if (!plottable(m)) {
                continue;
            }
            int col = (int) Math.round(m.goodputMbps() / xMax * (CHART_WIDTH - 1));
            int row = (int) Math.round((hi - Math.log10(m.p99Ms())) / (hi - lo) * (CHART_HEIGHT - 1));
            col = Math.max(0, Math.min(CHART_WIDTH - 1, col));
            row = Math.max(0, Math.min(CHART_HEIGHT - 1, row));
            char c;
            int k;
            if (e == r.best()) {
                c = '*';
                k = 4;
            } else if (r.presets().contains(e)) {
                c = switch (e.candidate().preset()) {
                    case "normal" -> 'N';
                    case "fast" -> 'F';
                    case "fast2" -> '2';
                    default -> '3';
                };
                k = 3;
            } else if (r.pareto().contains(e)) {
                c = 'o';
                k = 2;
            } else {
                c = '.';
                k = 1;
            }
            if (k > rank[row][col]) {
                rank[row][col] = k;
                grid[row][col] = c;
            }
        }
        sb.append("Chart: goodput (x) against p99 (y, log scale); * recommended, N F 2 3 kcptun's normal, fast, "
                + "fast2, fast3,\n       o Pareto front, . other candidates (tune.png: with seed spreads and "
                + "overhead)\n");
        sb.append(String.format(Locale.ROOT, "  %8s%n", "p99 ms"));
        for (int row = 0; row < CHART_HEIGHT; row++) {
            String label = "";
            if (row == 0 || row == CHART_HEIGHT - 1 || row == CHART_HEIGHT / 2) {
                double v = Math.pow(10, hi - (hi - lo) * row / (CHART_HEIGHT - 1));
                label = axisNumber(v);
            }
            sb.append(String.format(Locale.ROOT, "  %8s |", label)).append(new String(grid[row])).append('\n');
        }
        sb.append("  ").append(" ".repeat(8)).append(" +").append("-".repeat(CHART_WIDTH)).append('\n');
        String left = axisNumber(0);
        String mid = axisNumber(xMax / 2);
        String right = axisNumber(xMax);
        StringBuilder x = new StringBuilder(" ".repeat(CHART_WIDTH + 2));
        x.replace(1, 1 + left.length(), left);
        int m = 1 + CHART_WIDTH / 2 - mid.length() / 2;
        x.replace(m, m + mid.length(), mid);
        x.replace(CHART_WIDTH + 1 - right.length(), CHART_WIDTH + 1, right);
        sb.append("  ").append(" ".repeat(8)).append(' ').append(x.toString().stripTrailing())
                .append(" goodput Mbit/s\n");
    }

    private static boolean plottable(Evaluation.Stats m) {
        return !Double.isNaN(m.p99Ms()) && m.p99Ms() > 0 && !Double.isNaN(m.goodputMbps());
    }

    private static String axisNumber(double v) {
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        String f = a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f";
        return String.format(Locale.ROOT, f, v);
    }

    static String p99Meaning(Tuner.Workload w) {
        return switch (w) {
            case BULK -> "goodput: bulk bytes x 8 / completion time; p99: one-way latency of the bulk's writes; "
                    + "overhead: wire bytes / payload bytes";
            case ECHO -> "goodput: echo bytes both ways x 8 / run time; p99: echo round trip; overhead: wire bytes "
                    + "/ payload bytes";
            case CBR -> "goodput: the ticks' bytes x 8 / run time; p99: one-way latency of the ticks; overhead: "
                    + "wire bytes / payload bytes";
            case MIX -> "goodput: the bulk upload's; p99: the echo session's round trip beside it; overhead: wire "
                    + "bytes / payload bytes of both";
            case MIX_CBR -> "goodput: the bulk upload's; p99: one-way latency of the ticks beside it; overhead: "
                    + "wire bytes / payload bytes of both";
        };
    }

    private static String row(Evaluation e, String mark, String label) {
        return String.format(Locale.ROOT, "%s %-28s %-28s %-26s %s%n", mark,
                spread(e.mean().goodputMbps(), e.min().goodputMbps(), e.max().goodputMbps(), "%.2f"),
                spread(e.mean().p99Ms(), e.min().p99Ms(), e.max().p99Ms(), "%.1f"),
                spread(e.mean().overhead(), e.min().overhead(), e.max().overhead(), "%.3f"), label);
    }

    /** The recommendation's change against a preset's figure, in percent of the preset's. */
    private static String change(double tuned, double preset) {
        if (Double.isNaN(tuned) || Double.isNaN(preset) || preset == 0) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%+.1f%%", (tuned / preset - 1) * 100);
    }

    private static String join(List<Integer> ks) {
        StringBuilder sb = new StringBuilder();
        for (int k : ks) {
            sb.append(sb.length() == 0 ? "" : ", ").append(k);
        }
        return sb.toString();
    }
}
