package io.kcplab.scenarios.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * One value of a loaded scenario with its field path ({@code links.up.loss.probability}). The typed readers
 * record a problem (path, what was given, what is accepted) instead of throwing, and return null, so that one
 * pass over a file finds every problem.
 */
public final class Node {

    private final String path;
    private final Object value;
    private final Problems problems;

    public Node(String path, Object value, Problems problems) {
        this.path = path;
        this.value = value;
        this.problems = problems;
    }

    public String path() {
        return path;
    }

    public Object value() {
        return value;
    }

    public Problems problems() {
        return problems;
    }

    public boolean present() {
        return value != null;
    }

    public boolean isMap() {
        return value instanceof Map;
    }

    public boolean isList() {
        return value instanceof List;
    }

    public boolean isText() {
        return value instanceof String;
    }

    public void problem(String message) {
        problems.add(path, message);
    }

    /** A child path: "a.b" + "c" = "a.b.c"; list elements get their index, "workloads.0". */
    public static String join(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }

    /** Strict map reading; a non-map records a problem and reads as an empty map. */
    public MapNode map(String expected) {
        if (value instanceof Map<?, ?> m) {
            return new MapNode(this, m);
        }
        if (value != null) {
            problem("expected " + expected + ", got " + describe(value));
        }
        return new MapNode(this, Map.of());
    }

    /** The elements of a list; a single non-list value counts as a one-element list. */
    public List<Node> list() {
        List<Node> out = new ArrayList<>();
        if (value instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                out.add(new Node(join(path, Integer.toString(i)), l.get(i), problems));
            }
        } else if (value != null) {
            out.add(this);
        }
        return out;
    }

    public String text() {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        problem("expected a single value, got " + describe(value));
        return null;
    }

    /** One of {@code accepted} (case-insensitive); the message lists them. */
    public <E> E choice(Map<String, E> accepted) {
        String t = text();
        if (t == null) {
            return null;
        }
        E e = accepted.get(t.toLowerCase(Locale.ROOT));
        if (e == null) {
            problem("unknown value '" + t + "'; accepted: " + String.join(", ", accepted.keySet()));
        }
        return e;
    }

    public Boolean bool() {
        if (value instanceof Boolean b) {
            return b;
        }
        problem("expected true or false, got " + describe(value));
        return null;
    }

    /** A whole number in [min, max]. */
    public Long integer(long min, long max, String unit) {
        long v;
        if (value instanceof Integer || value instanceof Long) {
            v = ((Number) value).longValue();
        } else if (value instanceof java.math.BigInteger) {
            problem(value + " is out of range; accepted: " + min + ".." + max + unit);
            return null;
        } else {
            problem("expected a whole number (" + min + ".." + max + unit + "), got " + describe(value));
            return null;
        }
        if (v < min || v > max) {
            problem(v + " is out of range; accepted: " + min + ".." + max + unit);
            return null;
        }
        return v;
    }

    public Integer intValue(int min, int max, String unit) {
        Long v = integer(min, max, unit);
        return v == null ? null : v.intValue();
    }

    public Double number(double min, double max) {
        if (!(value instanceof Number n)) {
            problem("expected a number (" + min + ".." + max + "), got " + describe(value));
            return null;
        }
        double v = n.doubleValue();
        if (!(v >= min && v <= max)) {
            problem(v + " is out of range; accepted: " + min + ".." + max);
            return null;
        }
        return v;
    }

    public Long durationMicros(long min, long max) {
        Long v = parse(Units::durationMicros);
        if (v != null && (v < min || v > max)) {
            problem(value + " is out of range; accepted: " + Units.formatMicros(min) + ".." + Units.formatMicros(max));
            return null;
        }
        return v;
    }

    public Long bitsPerSecond(long max) {
        Long v = parse(Units::bitsPerSecond);
        if (v != null && v > max) {
            problem(value + " is out of range; accepted: up to " + Units.formatRate(max) + " (or unlimited)");
            return null;
        }
        return v;
    }

    public Long bytes(long min, long max) {
        Long v = parse(Units::bytes);
        if (v != null && (v < min || v > max)) {
            problem(value + " is out of range; accepted: " + min + ".." + max + " bytes");
            return null;
        }
        return v;
    }

    public Double probability() {
        return parse(Units::probability);
    }

    private <T> T parse(Function<Object, T> parser) {
        if (value instanceof Map || value instanceof List || value == null) {
            problem("expected a single value, got " + describe(value));
            return null;
        }
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException | ArithmeticException e) {
            problem(e.getMessage());
            return null;
        }
    }

    /** "a map", "a list", "'text'", "42" for messages. */
    public static String describe(Object v) {
        if (v == null) {
            return "nothing";
        }
        if (v instanceof Map) {
            return "a map";
        }
        if (v instanceof List) {
            return "a list";
        }
        if (v instanceof String s) {
            return "'" + s + "'";
        }
        return v.toString();
    }
}
