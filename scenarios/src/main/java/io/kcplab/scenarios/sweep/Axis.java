package io.kcplab.scenarios.sweep;

import java.util.List;

/** One swept setting: its field path (the settings key of every run) and its values, with their labels. */
public record Axis(String path, List<Object> values, List<String> labels) {

    public Axis {
        values = List.copyOf(values);
        labels = List.copyOf(labels);
    }

    public int size() {
        return values.size();
    }
}
