package io.kcplab.reports.result;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Every swept or explicit setting of a run, in the order the scenario names them
 * (e.g. {@code mode=fast3, loss=0.05, fec=10/3}).
 *
 * <p>Insertion order is kept for display and output; equality ignores order, so two runs with
 * the same settings match however their maps were built. The seed is a run field, never a
 * setting: comparisons match runs by (scenario, settings) and average over seeds.
 */
public record Settings(Map<String, String> values) {

    public static final Settings NONE = new Settings(Map.of());

    public Settings {
        LinkedHashMap<String, String> copy = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            String key = Names.requireName("setting", e.getKey());
            if (key.equals("seed")) {
                throw new IllegalArgumentException(
                        "'seed' is a run field (RunResult.seed), not a setting; remove it from the settings");
            }
            String value = e.getValue();
            if (value == null || value.isEmpty()) {
                throw new IllegalArgumentException("setting '" + key + "' has an empty value");
            }
            copy.put(key, value);
        }
        values = Collections.unmodifiableMap(copy);
    }

    /** {@code Settings.of("mode", "fast3", "loss", "0.05")}. */
    public static Settings of(String... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("Settings.of takes key/value pairs, got an odd count "
                    + keyValues.length);
        }
        LinkedHashMap<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            if (map.put(keyValues[i], keyValues[i + 1]) != null) {
                throw new IllegalArgumentException("setting '" + keyValues[i] + "' given twice");
            }
        }
        return new Settings(map);
    }

    public Settings with(String key, String value) {
        LinkedHashMap<String, String> map = new LinkedHashMap<>(values);
        map.put(key, value);
        return new Settings(map);
    }

    /** The value, or null when this run does not have the setting. */
    public String get(String key) {
        return values.get(key);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** "mode=fast3 loss=0.05" (or "-" when there are none): a compact label for tables and charts. */
    public String label() {
        if (values.isEmpty()) {
            return "-";
        }
        StringJoiner j = new StringJoiner(" ");
        values.forEach((k, v) -> j.add(k + "=" + v));
        return j.toString();
    }

    @Override
    public String toString() {
        return label();
    }
}
