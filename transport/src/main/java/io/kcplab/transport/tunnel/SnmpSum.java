package io.kcplab.transport.tunnel;

import io.kcplab.transport.SnmpCounters;
import java.util.LinkedHashMap;
import java.util.Map;

/** Sums {@link SnmpCounters} of many sessions by name (kcptun's counters are process-wide). */
final class SnmpSum {

    private final Map<String, Long> values = new LinkedHashMap<>();

    void add(SnmpCounters c) {
        add(c.asMap());
    }

    void add(Map<String, Long> m) {
        for (Map.Entry<String, Long> e : m.entrySet()) {
            values.merge(e.getKey(), e.getValue(), Long::sum);
        }
    }

    void set(String name, long v) {
        values.put(name, v);
    }

    Map<String, Long> map() {
        return new LinkedHashMap<>(values);
    }
}
