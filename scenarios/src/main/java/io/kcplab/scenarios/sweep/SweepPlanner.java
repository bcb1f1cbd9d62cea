package io.kcplab.scenarios.sweep;

import io.kcplab.reports.result.Settings;
import io.kcplab.scenarios.Scenario;
import io.kcplab.scenarios.ScenarioSource;
import io.kcplab.scenarios.spec.MapNode;
import io.kcplab.scenarios.spec.Node;
import io.kcplab.scenarios.spec.Problems;
import io.kcplab.scenarios.spec.ScenarioReader;
import io.kcplab.scenarios.spec.YamlText;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a scenario file into its {@link RunPlan}. Any setting written as a list is a sweep axis, except where a
 * list is the setting's own shape ({@code seeds}, {@code workloads}, {@code links.*.schedule},
 * {@code links.partitions}); inside those, element settings may again be lists. The runs are the cartesian product
 * of the axes (in file order, the first axis varying slowest) times the seeds (times repetitions). The groups of
 * the {@code sweep:} section ({@link PairedGroups}) are axes too, at that key's place in the file: each sets several
 * settings together. Every combination is validated before anything runs, and all problems are reported together.
 */
public final class SweepPlanner {

    public static final int MAX_RUNS = 1_000_000;
    private static final Pattern NATIVE_LIST = Pattern.compile(
            "seeds|workloads|links\\.(up|down|both)\\.schedule|links\\.partitions");
    /** Settings that cannot be swept (they name the run or shape the seed list). */
    static final Set<String> NOT_SWEEPABLE = Set.of("name", "description", "repetitions");
    private static final Pattern SEED_RANGE = Pattern.compile("\\s*(-?\\d+)\\s*\\.\\.\\s*(-?\\d+)\\s*");

    private SweepPlanner() {
    }

    public static RunPlan plan(ScenarioSource source) {
        return plan(source, null);
    }

    /** {@code seedOverride} (non-null) replaces the file's seeds. */
    public static RunPlan plan(ScenarioSource source, Long seedOverride) {
        Object tree = YamlText.load(source.text(), source.origin());
        Problems problems = new Problems();
        List<Axis> axes = new ArrayList<>();
        findAxes(tree, "", axes, problems);
        checkOverlaps(axes, problems);
        List<Long> seeds = seeds(tree, seedOverride, problems);
        long combos = 1;
        for (Axis a : axes) {
            combos *= Math.max(1, a.size());
            if (combos * Math.max(1, seeds.size()) > MAX_RUNS) {
                problems.add("", "the sweep has more than " + MAX_RUNS + " runs; split it into several files");
                break;
            }
        }
        problems.throwIfAny(source.origin());

        List<RunCase> cases = new ArrayList<>();
        int[] pick = new int[axes.size()];
        String name = null;
        Map<String, List<String>> caseProblemsSeen = new LinkedHashMap<>(); // problem -> the cases that have it
        for (long c = 0; c < combos; c++) {
            Map<String, Object> chosen = new LinkedHashMap<>();
            Map<String, Object> paired = new LinkedHashMap<>();
            Map<String, String> labels = new LinkedHashMap<>();
            for (int a = 0; a < axes.size(); a++) {
                Axis axis = axes.get(a);
                Object value = axis.values().get(pick[a]);
                if (axis.paired()) {
                    ((Map<?, ?>) value).forEach((k, v) -> paired.put((String) k, v));
                } else {
                    chosen.put(axis.path(), value);
                }
                labels.put(axis.path(), axis.labels().get(pick[a]));
            }
            Problems caseProblems = new Problems();
            Object caseTree = substitute(tree, "", chosen);
            for (Map.Entry<String, Object> e : paired.entrySet()) {
                String wrong = assign(caseTree, e.getKey(), e.getValue());
                if (wrong != null) {
                    caseProblems.add(groupOf(axes, e.getKey()), wrong);
                }
            }
            Scenario s = caseProblems.isEmpty()
                    ? ScenarioReader.read(caseTree, source.defaultName(), caseProblems) : null;
            if (!caseProblems.isEmpty()) {
                for (String p : caseProblems.list()) {
                    caseProblemsSeen.computeIfAbsent(p, k -> new ArrayList<>()).add(label(labels));
                }
            } else {
                name = s.name();
                Settings settings = new Settings(labels);
                for (long seed : seeds) {
                    int index = cases.size();
                    cases.add(new RunCase(index, runId(s.name(), settings, seed), settings, seed, s));
                }
            }
            for (int a = axes.size() - 1; a >= 0; a--) {
                if (++pick[a] < axes.get(a).size()) {
                    break;
                }
                pick[a] = 0;
            }
        }
        for (Map.Entry<String, List<String>> e : caseProblemsSeen.entrySet()) {
            problems.add("", axes.isEmpty() ? e.getKey() : e.getKey() + where(e.getValue(), combos));
        }
        problems.throwIfAny(source.origin());
        return new RunPlan(name, source, axes, seeds, cases);
    }

    /** " (in sweep case A)", or for a problem several cases share, one line naming them (not one line each). */
    private static String where(List<String> in, long combos) {
        if (in.size() == 1) {
            return " (in sweep case " + in.get(0) + ")";
        }
        if (in.size() == combos) {
            return " (in every sweep case)";
        }
        String first = String.join("; ", in.subList(0, Math.min(3, in.size())));
        return " (in sweep cases " + first + (in.size() > 3 ? "; and " + (in.size() - 3) + " more" : "") + ")";
    }

    static String runId(String scenario, Settings settings, long seed) {
        StringBuilder sb = new StringBuilder(scenario);
        settings.values().forEach((k, v) -> sb.append('/').append(k).append('=').append(v));
        return sb.append("/seed=").append(seed).toString();
    }

    private static String label(Map<String, String> labels) {
        StringBuilder sb = new StringBuilder();
        labels.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : " ").append(k).append('=').append(v));
        return sb.toString();
    }

    private static void findAxes(Object v, String path, List<Axis> axes, Problems problems) {
        if (v instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String key = String.valueOf(e.getKey());
                if (path.isEmpty() && NOT_SWEEPABLE.contains(key)) {
                    continue;
                }
                if (path.isEmpty() && key.equals(PairedGroups.SECTION)) {
                    pairedGroups(e.getValue(), axes, problems);
                    continue;
                }
                findAxes(e.getValue(), Node.join(path, key), axes, problems);
            }
        } else if (v instanceof List<?> l) {
            if (NATIVE_LIST.matcher(path).matches()) {
                if (!path.equals("seeds")) {
                    for (int i = 0; i < l.size(); i++) {
                        findAxes(l.get(i), Node.join(path, Integer.toString(i)), axes, problems);
                    }
                }
                return;
            }
            if (l.isEmpty()) {
                problems.add(path, "an empty list; a sweep needs at least one value");
                return;
            }
            if (l.contains(null)) { // an Axis cannot hold null (List.copyOf threw a NullPointerException)
                problems.add(path, "a sweep value is empty (null, or '-' with nothing after it)");
                return;
            }
            List<String> labels = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (Object o : l) {
                String label = Labels.of(o);
                if (!seen.add(label)) {
                    problems.add(path, "sweep value '" + label + "' is listed twice");
                }
                labels.add(label);
            }
            try {
                new Settings(Map.of(path, labels.get(0)));
            } catch (IllegalArgumentException e) {
                problems.add(path, "cannot be swept: " + e.getMessage());
                return;
            }
            axes.add(new Axis(path, new ArrayList<>(l), labels));
        }
    }

    /** The groups of {@code sweep:}, at its place in the file; their values may not hold sweep lists themselves. */
    private static void pairedGroups(Object section, List<Axis> axes, Problems problems) {
        for (Axis group : PairedGroups.read(section, problems)) {
            boolean ok = true;
            for (int i = 0; i < group.size(); i++) {
                for (Map.Entry<?, ?> e : ((Map<?, ?>) group.values().get(i)).entrySet()) {
                    List<Axis> nested = new ArrayList<>();
                    String member = String.valueOf(e.getKey());
                    findAxes(e.getValue(), member, nested, new Problems());
                    if (!nested.isEmpty()) {
                        problems.add(Node.join(PairedGroups.SECTION, group.path()) + "." + i + "." + member,
                                "holds a list at " + nested.get(0).path() + "; a paired case gives one value per "
                                        + "setting (sweep lists go in the scenario itself)");
                        ok = false;
                    }
                }
            }
            if (ok) {
                axes.add(group);
            }
        }
    }

    /**
     * A setting is swept in one place only: a group may not set a path that a list in the file or another group
     * sweeps (or one inside it), and a group's name may not be another axis's name (they share the results'
     * settings columns).
     */
    private static void checkOverlaps(List<Axis> axes, Problems problems) {
        for (int a = 0; a < axes.size(); a++) {
            for (int b = a + 1; b < axes.size(); b++) {
                Axis x = axes.get(a);
                Axis y = axes.get(b);
                if (!x.paired() && !y.paired()) {
                    continue;
                }
                Axis group = y.paired() ? y : x;
                Axis other = group == y ? x : y;
                String at = Node.join(PairedGroups.SECTION, group.path());
                if (x.path().equals(y.path())) {
                    problems.add(at, "a group may not be named like the swept setting " + other.path()
                            + " (both would be the results column '" + other.path() + "'); rename the group");
                }
                for (String p : group.members()) {
                    for (String q : other.paths()) {
                        if (p.equals(q) || p.startsWith(q + ".") || q.startsWith(p + ".")) {
                            problems.add(at, p + " is also swept by " + (other.paired()
                                    ? Node.join(PairedGroups.SECTION, other.path()) : "the list at " + q)
                                    + "; sweep each setting in one place");
                        }
                    }
                }
            }
        }
    }

    private static String groupOf(List<Axis> axes, String member) {
        for (Axis a : axes) {
            if (a.members().contains(member)) {
                return Node.join(PairedGroups.SECTION, a.path());
            }
        }
        return PairedGroups.SECTION;
    }

    /**
     * Sets the field at dotted {@code path} of {@code tree} (a copy the planner owns) to {@code value}, creating the
     * maps on the way (a group may set a setting the file leaves at its default); a message when the path cannot
     * be followed, else null.
     */
    private static String assign(Object tree, String path, Object value) {
        String[] parts = path.split("\\.");
        Object at = tree;
        String walked = "";
        for (int i = 0; i < parts.length; i++) {
            boolean last = i == parts.length - 1;
            String key = parts[i];
            if (at instanceof Map<?, ?> raw) {
                @SuppressWarnings("unchecked")
                Map<Object, Object> m = (Map<Object, Object>) raw;
                if (last) {
                    m.put(key, value);
                    return null;
                }
                Object next = m.get(key);
                if (next == null) {
                    next = new LinkedHashMap<>();
                    m.put(key, next);
                }
                at = next;
            } else if (at instanceof List<?> raw) {
                @SuppressWarnings("unchecked")
                List<Object> l = (List<Object>) raw;
                int index;
                try {
                    index = Integer.parseInt(key);
                } catch (NumberFormatException e) {
                    index = -1;
                }
                if (index < 0 || index >= l.size()) {
                    return "cannot set " + path + ": " + walked + " is a list of " + l.size() + " and '" + key
                            + "' is not one of its indexes (0.." + (l.size() - 1) + ")";
                }
                if (last) {
                    l.set(index, value);
                    return null;
                }
                at = l.get(index);
            } else {
                return "cannot set " + path + ": " + walked + " is " + Node.describe(at) + ", not a map"
                        + (at instanceof String ? " (write it as a map, e.g. {profile: " + at + "})" : "");
            }
            walked = Node.join(walked, key);
        }
        return null;
    }

    private static Object substitute(Object v, String path, Map<String, Object> chosen) {
        if (chosen.containsKey(path)) {
            return chosen.get(path);
        }
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                copy.put(e.getKey(), substitute(e.getValue(), Node.join(path, String.valueOf(e.getKey())), chosen));
            }
            return copy;
        }
        if (v instanceof List<?> l) {
            List<Object> copy = new ArrayList<>();
            for (int i = 0; i < l.size(); i++) {
                copy.add(substitute(l.get(i), Node.join(path, Integer.toString(i)), chosen));
            }
            return copy;
        }
        return v;
    }

    /** The seed list: {@code seeds} (a number, a list, or a range "1..10"), times {@code repetitions}. */
    private static List<Long> seeds(Object tree, Long override, Problems problems) {
        if (!(tree instanceof Map)) {
            problems.add("", "expected a scenario map (keys: name, duration, links, protocol, workloads, seeds, ...), "
                    + "got " + Node.describe(tree));
            return List.of();
        }
        MapNode root = new Node("", tree, problems).map("a scenario map");
        List<Long> base = new ArrayList<>();
        Node seedsNode = root.get("seeds");
        if (override != null) {
            base.add(override);
        } else if (!seedsNode.present()) {
            base.add(1L);
        } else if (seedsNode.isText()) {
            long[] range = seedRange(seedsNode.text());
            if (range != null) {
                for (long i = 0; i <= range[1] - range[0]; i++) {
                    base.add(range[0] + i);
                }
            } else {
                seedsNode.problem("'" + seedsNode.text() + "' is not a seed list; accepted: a whole number, a list "
                        + "of whole numbers, or a range FIRST..LAST (at most 100000 seeds)");
            }
        } else {
            for (Node s : seedsNode.list()) {
                Long v = s.integer(Long.MIN_VALUE, Long.MAX_VALUE, "");
                if (v != null) {
                    base.add(v);
                }
            }
            if (seedsNode.list().isEmpty()) { // an empty request is a mistake, not a successful run of nothing
                seedsNode.problem("an empty list; give at least one seed");
            }
        }
        Node repsNode = root.get("repetitions");
        Integer reps = repsNode.present() ? repsNode.intValue(1, 10_000, " runs per seed") : Integer.valueOf(1);
        if (reps == null) {
            reps = 1;
        }
        // checked before the list is built: 100000 seeds x 10000 repetitions ran out of heap
        if ((long) base.size() * reps > MAX_RUNS) {
            problems.add("", "the sweep has more than " + MAX_RUNS + " runs (" + base.size() + " seeds x " + reps
                    + " repetitions); split it into several files");
            return List.of();
        }
        List<Long> seeds = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (long s : base) {
            for (int r = 0; r < reps; r++) {
                long seed = r == 0 ? s : repetitionSeed(s, r);
                if (!seen.add(seed)) {
                    seedsNode.problem("seed " + seed + " is listed twice");
                }
                seeds.add(seed);
            }
        }
        return seeds;
    }

    /**
     * A range FIRST..LAST of at most 100000 seeds as {first, last}; null when the text is not one (including bounds
     * outside the long range, and ranges whose width overflows a long: both once escaped as exceptions or looped).
     */
    private static long[] seedRange(String text) {
        Matcher m = SEED_RANGE.matcher(text);
        if (!m.matches()) {
            return null;
        }
        try {
            long first = Long.parseLong(m.group(1));
            long last = Long.parseLong(m.group(2));
            return first <= last && Math.subtractExact(last, first) < 100_000 ? new long[] {first, last} : null;
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    /**
     * Repetition r (r >= 1) of seed s runs with a seed derived by SplitMix64, so repetitions are independent runs
     * that stay reproducible; the derived seed is what the result rows show, so any one can be replayed.
     */
    public static long repetitionSeed(long seed, int repetition) {
        long z = seed + repetition * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return (z ^ (z >>> 31)) & Long.MAX_VALUE;
    }
}
