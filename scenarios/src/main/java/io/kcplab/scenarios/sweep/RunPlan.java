package io.kcplab.scenarios.sweep;

import io.kcplab.scenarios.ScenarioException;
import io.kcplab.scenarios.ScenarioSource;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Every run a scenario file asks for, in canonical order. */
public record RunPlan(String scenarioName, ScenarioSource source, List<Axis> axes, List<Long> seeds,
                      List<RunCase> cases) {

    private static final Pattern SHARD = Pattern.compile("(\\d+)/(\\d+)");

    public RunPlan {
        axes = List.copyOf(axes);
        seeds = List.copyOf(seeds);
        cases = List.copyOf(cases);
    }

    public int size() {
        return cases.size();
    }

    /** Runs of shard {@code k} of {@code n} (1-based): the cases whose index % n == k - 1. */
    public List<RunCase> shard(int k, int n) {
        List<RunCase> out = new ArrayList<>();
        for (RunCase c : cases) {
            if (c.index() % n == k - 1) {
                out.add(c);
            }
        }
        return out;
    }

    /** Parses "k/n" with 1 <= k <= n; a user error otherwise. */
    public static int[] parseShard(String text) {
        Matcher m = SHARD.matcher(text.trim());
        if (m.matches()) {
            try {
                int k = Integer.parseInt(m.group(1));
                int n = Integer.parseInt(m.group(2));
                if (k >= 1 && k <= n) {
                    return new int[] {k, n};
                }
            } catch (NumberFormatException e) {
                // falls through to the message
            }
        }
        throw new ScenarioException("--shard: '" + text + "' is not a shard; accepted: K/N with 1 <= K <= N, "
                + "e.g. 3/16 (runs whose index % N == K-1)");
    }

    /** The case with this index, or with these settings and seed; null if none. */
    public RunCase find(java.util.Map<String, String> settings, long seed) {
        for (RunCase c : cases) {
            if (c.seed() == seed && c.settings().values().equals(settings)) {
                return c;
            }
        }
        return null;
    }
}
