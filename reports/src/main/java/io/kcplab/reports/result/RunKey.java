package io.kcplab.reports.result;

/**
 * What a comparison matches runs by: the scenario and its settings, seed excluded, so the
 * seeds of one configuration are averaged together.
 */
public record RunKey(String scenario, Settings settings) {

    public String label() {
        return settings.isEmpty() ? scenario : scenario + " " + settings.label();
    }

    @Override
    public String toString() {
        return label();
    }
}
