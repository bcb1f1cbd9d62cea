package io.kcplab.scenarios.sweep;

import io.kcplab.reports.result.Settings;
import io.kcplab.scenarios.spec.Node;
import io.kcplab.scenarios.spec.Problems;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Reads the {@code sweep:} section: named groups of settings that vary together (paired, not crossed). A group is
 * either a list of cases, each a map of field paths to values with an optional {@code name} (its label), or a map of
 * field paths to equally long lists, zipped (the i-th values go together; an optional {@code name} list labels
 * them). Each group becomes one {@link Axis} named after the group, so results get one readable column per group.
 */
final class PairedGroups {

    static final String SECTION = "sweep";
    private static final String LABEL_KEY = "name";

    private PairedGroups() {
    }

    /** The groups of {@code section} (the value of {@code sweep:}), in file order; problems go to {@code problems}. */
    static List<Axis> read(Object section, Problems problems) {
        List<Axis> groups = new ArrayList<>();
        if (!(section instanceof Map<?, ?> m) || m.isEmpty()) {
            problems.add(SECTION, "expected a map of paired groups, e.g. {preset: [{name: gentle, protocol.mode: "
                    + "normal, protocol.sndwnd: 128}, ...]} or {shape: {protocol.sndwnd: [128, 1024], protocol.mtu: "
                    + "[1400, 1200]}}, got " + (section instanceof Map ? "an empty map" : Node.describe(section)));
            return groups;
        }
        for (Map.Entry<?, ?> e : m.entrySet()) {
            String name = String.valueOf(e.getKey());
            String path = Node.join(SECTION, name);
            try {
                new Settings(Map.of(name, "x"));
            } catch (IllegalArgumentException ex) {
                problems.add(path, "'" + name + "' cannot name a group: " + ex.getMessage());
                continue;
            }
            Axis a = e.getValue() instanceof Map<?, ?> zipped ? zipped(path, name, zipped, problems)
                    : e.getValue() instanceof List<?> cases ? cases(path, name, cases, problems) : null;
            if (a == null && !(e.getValue() instanceof Map) && !(e.getValue() instanceof List)) {
                problems.add(path, "expected a list of cases ({name: LABEL, PATH: VALUE, ...}) or a map of "
                        + "equally long lists (PATH: [V1, V2, ...]), got " + Node.describe(e.getValue()));
            }
            if (a != null) {
                groups.add(a);
            }
        }
        return groups;
    }

    /** {@code {path: [v1, v2], path2: [w1, w2], name: [l1, l2]}}: case i takes the i-th value of every list. */
    private static Axis zipped(String path, String name, Map<?, ?> lists, Problems problems) {
        List<String> members = new ArrayList<>();
        List<List<?>> columns = new ArrayList<>();
        List<?> names = null;
        int size = -1;
        String first = null;
        boolean ok = true;
        for (Map.Entry<?, ?> e : lists.entrySet()) {
            String key = String.valueOf(e.getKey());
            String at = Node.join(path, key);
            if (!(e.getValue() instanceof List<?> l)) {
                problems.add(at, "expected a list of values (one per case), got " + Node.describe(e.getValue())
                        + "; a setting that does not vary belongs in the scenario itself");
                ok = false;
                continue;
            }
            if (l.isEmpty()) {
                problems.add(at, "an empty list; a paired group needs at least one case");
                ok = false;
                continue;
            }
            if (size < 0) {
                size = l.size();
                first = key;
            } else if (l.size() != size) {
                problems.add(at, "has " + l.size() + " value(s) but " + first + " has " + size + "; the lists of a "
                        + "paired group go together and must be equally long");
                ok = false;
            }
            if (key.equals(LABEL_KEY)) {
                names = l;
            } else {
                members.add(key);
                columns.add(l);
            }
        }
        if (lists.isEmpty() || (members.isEmpty() && ok)) {
            problems.add(path, "names no setting; give PATH: [V1, V2, ...] for each setting that varies");
            return null;
        }
        if (!ok || !checkPaths(path, members, problems)) {
            return null;
        }
        List<Map<String, Object>> cases = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            Map<String, Object> c = new LinkedHashMap<>();
            for (int k = 0; k < members.size(); k++) {
                c.put(members.get(k), columns.get(k).get(i));
            }
            cases.add(c);
        }
        return build(path, name, members, cases, names, problems);
    }

    /** {@code [{name: l1, path: v1, path2: w1}, {name: l2, ...}]}: every case sets the same paths. */
    private static Axis cases(String path, String name, List<?> list, Problems problems) {
        if (list.isEmpty()) {
            problems.add(path, "an empty list; a paired group needs at least one case");
            return null;
        }
        List<String> members = null;
        List<Map<String, Object>> cases = new ArrayList<>();
        List<Object> names = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < list.size(); i++) {
            String at = Node.join(path, Integer.toString(i));
            if (!(list.get(i) instanceof Map<?, ?> m)) {
                problems.add(at, "expected a case map {name: LABEL, PATH: VALUE, ...}, got "
                        + Node.describe(list.get(i)));
                ok = false;
                continue;
            }
            Map<String, Object> c = new LinkedHashMap<>();
            Object label = null;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String key = String.valueOf(e.getKey());
                if (key.equals(LABEL_KEY)) {
                    label = e.getValue();
                } else {
                    c.put(key, e.getValue());
                }
            }
            names.add(label);
            if (c.isEmpty()) {
                problems.add(at, "sets no setting; give PATH: VALUE pairs such as protocol.mode: fast");
                ok = false;
                continue;
            }
            if (members == null) {
                members = new ArrayList<>(c.keySet());
            } else if (!new HashSet<>(members).equals(c.keySet())) {
                problems.add(at, "sets " + String.join(", ", c.keySet()) + " but case 0 sets "
                        + String.join(", ", members) + "; every case of a paired group sets the same settings");
                ok = false;
                continue;
            }
            cases.add(c);
        }
        if (!ok || members == null || !checkPaths(path, members, problems)) {
            return null;
        }
        boolean named = names.stream().anyMatch(x -> x != null);
        return build(path, name, members, cases, named ? names : null, problems);
    }

    /** Member paths: dotted field paths, none inside another, none of the settings that cannot be swept. */
    private static boolean checkPaths(String path, List<String> members, Problems problems) {
        boolean ok = true;
        for (String p : members) {
            String root = p.contains(".") ? p.substring(0, p.indexOf('.')) : p;
            if (p.isEmpty() || p.startsWith(".") || p.endsWith(".") || p.contains("..")) {
                problems.add(path, "'" + p + "' is not a field path; write one such as protocol.sndwnd, "
                        + "links.up.loss or workloads.0.size");
                ok = false;
            } else if (SweepPlanner.NOT_SWEEPABLE.contains(root) || root.equals("seeds") || root.equals(SECTION)) {
                problems.add(Node.join(path, p), "cannot be set by a sweep group (name, description, seeds, "
                        + "repetitions and sweep shape the runs themselves)");
                ok = false;
            }
            for (String q : members) {
                if (q.startsWith(p + ".")) {
                    problems.add(Node.join(path, q), "lies inside " + p + ", which the same group sets");
                    ok = false;
                }
            }
        }
        return ok;
    }

    private static Axis build(String path, String name, List<String> members, List<Map<String, Object>> cases,
                              List<?> names, Problems problems) {
        List<String> labels = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        boolean ok = true;
        for (int i = 0; i < cases.size(); i++) {
            Object given = names == null ? null : names.get(i);
            if (names != null && (given == null || given instanceof Map || given instanceof List
                    || String.valueOf(given).isBlank())) {
                problems.add(Node.join(path, Integer.toString(i)), "needs a name like the other cases (a word "
                        + "such as gentle), got " + Node.describe(given));
                ok = false;
                continue;
            }
            String label = names == null ? label(members, cases.get(i)) : String.valueOf(given);
            if (!seen.add(label)) {
                problems.add(path, "case '" + label + "' is listed twice");
                ok = false;
            }
            for (Object v : cases.get(i).values()) {
                if (v == null) {
                    problems.add(Node.join(path, Integer.toString(i)), "a value is empty (null, or nothing after "
                            + "the colon)");
                    ok = false;
                    break;
                }
            }
            labels.add(label);
        }
        if (!ok) {
            return null;
        }
        return new Axis(name, new ArrayList<>(cases), labels, members);
    }

    /** "sndwnd=128,mtu=1400": each setting by its last path segment, or its full path where two would clash. */
    static String label(List<String> members, Map<String, Object> c) {
        Set<String> shortNames = new HashSet<>();
        boolean unique = true;
        for (String m : members) {
            unique &= shortNames.add(m.substring(m.lastIndexOf('.') + 1));
        }
        StringJoiner j = new StringJoiner(",");
        for (String m : members) {
            j.add((unique ? m.substring(m.lastIndexOf('.') + 1) : m) + "=" + Labels.of(c.get(m)));
        }
        return j.toString();
    }
}
