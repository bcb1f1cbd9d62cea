package io.kcplab.scenarios.sweep;

import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** Short, stable labels of sweep values: scalars as written, maps and lists in YAML flow style. */
final class Labels {

    private Labels() {
    }

    static String of(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Map<?, ?> m) {
            StringJoiner j = new StringJoiner(", ", "{", "}");
            m.forEach((k, x) -> j.add(k + ": " + of(x)));
            return j.toString();
        }
        if (v instanceof List<?> l) {
            StringJoiner j = new StringJoiner(", ", "[", "]");
            l.forEach(x -> j.add(of(x)));
            return j.toString();
        }
        String s = String.valueOf(v);
        return s.isEmpty() ? "''" : s;
    }
}
