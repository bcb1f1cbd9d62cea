package io.kcplab.scenarios.sweep;

import java.util.List;

/**
 * One sweep axis. A list in the file is an axis of one setting: {@code path} is its field path (the settings key of
 * every run) and {@code values} its values. A paired group of the {@code sweep:} section is an axis of several
 * settings that vary together: {@code path} is the group's name (its settings key), {@code members} the field paths
 * it sets, and each value a map from those paths to one case's values. Labels are what results show.
 */
public record Axis(String path, List<Object> values, List<String> labels, List<String> members) {

    public Axis {
        values = List.copyOf(values);
        labels = List.copyOf(labels);
        members = List.copyOf(members);
    }

    /** An axis of the single setting at {@code path}. */
    public Axis(String path, List<Object> values, List<String> labels) {
        this(path, values, labels, List.of());
    }

    public int size() {
        return values.size();
    }

    /** True for a paired group: its values are maps from member paths to values. */
    public boolean paired() {
        return !members.isEmpty();
    }

    /** The field paths this axis sets: its own path, or a group's members. */
    public List<String> paths() {
        return paired() ? members : List.of(path);
    }
}
