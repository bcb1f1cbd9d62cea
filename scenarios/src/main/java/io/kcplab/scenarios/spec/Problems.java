package io.kcplab.scenarios.spec;

import io.kcplab.scenarios.ScenarioException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects validation problems so that a scenario reports all of them at once. Each is "path: message"; the same
 * problem found twice (e.g. in two cases of a sweep) is kept once.
 */
public final class Problems {

    private final Set<String> problems = new LinkedHashSet<>();

    public void add(String path, String message) {
        problems.add(path.isEmpty() ? message : path + ": " + message);
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    public int size() {
        return problems.size();
    }

    public List<String> list() {
        return new ArrayList<>(problems);
    }

    public void addAll(Problems other) {
        problems.addAll(other.problems);
    }

    /** Throws a {@link ScenarioException} listing every problem, if there is any. */
    public void throwIfAny(String source) {
        if (!problems.isEmpty()) {
            throw new ScenarioException(source, list());
        }
    }
}
