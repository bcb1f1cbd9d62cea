package io.kcplab.sim.trace;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A workload named in text, as a fault script's header stores it: a kind and {@code key=value} parameters, e.g.
 * {@code bulk bytes=20000 chunk=16384}. {@link FaultWorkloads} turns it into a running workload.
 */
public record WorkloadSpec(String kind, Map<String, String> params) {

    public WorkloadSpec {
        if (kind == null || !kind.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("workload kind must be lower-case letters, digits and '-', got '"
                    + kind + "'");
        }
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (!e.getKey().matches("[a-z][a-z0-9-]*") || e.getValue().isEmpty() || e.getValue().contains(" ")
                    || e.getValue().contains("=")) {
                throw new IllegalArgumentException("workload parameter must be key=value without spaces, got '"
                        + e.getKey() + "=" + e.getValue() + "'");
            }
        }
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** {@code of("bulk", "bytes", 20000, "chunk", 16384)}. */
    public static WorkloadSpec of(String kind, Object... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("workload parameters come in key, value pairs");
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(String.valueOf(keyValues[i]), String.valueOf(keyValues[i + 1]));
        }
        return new WorkloadSpec(kind, m);
    }

    /** Same spec with one parameter set (added or replaced). */
    public WorkloadSpec with(String key, Object value) {
        Map<String, String> m = new LinkedHashMap<>(params);
        m.put(key, String.valueOf(value));
        return new WorkloadSpec(kind, m);
    }

    /** Same parameters, another kind (a replay test swaps a broken application for a healthy one). */
    public WorkloadSpec withKind(String otherKind) {
        return new WorkloadSpec(otherKind, params);
    }

    public long longParam(String key) {
        String v = params.get(key);
        if (v == null) {
            throw new IllegalArgumentException("workload '" + kind + "' needs parameter '" + key + "'; given: "
                    + params.keySet());
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("workload '" + kind + "' parameter '" + key
                    + "' must be an integer, got '" + v + "'");
        }
    }

    public int intParam(String key) {
        long v = longParam(key);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("workload '" + kind + "' parameter '" + key + "' is out of int range: "
                    + v);
        }
        return (int) v;
    }

    /** Parses {@code kind key=value ...}. */
    public static WorkloadSpec parse(String text) {
        String[] w = text.trim().split("\\s+");
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 1; i < w.length; i++) {
            int eq = w[i].indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("workload parameter must be key=value, got '" + w[i] + "'");
            }
            m.put(w[i].substring(0, eq), w[i].substring(eq + 1));
        }
        return new WorkloadSpec(w[0], m);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(kind);
        params.forEach((k, v) -> b.append(' ').append(k).append('=').append(v));
        return b.toString();
    }
}
