package io.kcplab.reports.result;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The runs of one sweep (or one shard of it), ordered by run index so that output does not
 * depend on the order runs finished in. Run indexes, run ids and (scenario, settings, seed)
 * are each unique.
 */
public record ResultSet(ResultMetadata metadata, List<RunResult> runs) {

    public ResultSet {
        Objects.requireNonNull(metadata, "metadata");
        List<RunResult> sorted = new ArrayList<>(runs);
        sorted.sort(Comparator.comparingInt(RunResult::index));
        runs = List.copyOf(sorted);
        checkUnique(runs);
    }

    private static void checkUnique(List<RunResult> runs) {
        Map<String, RunResult> ids = new HashMap<>();
        Map<String, RunResult> configs = new HashMap<>();
        for (int i = 0; i < runs.size(); i++) {
            RunResult r = runs.get(i);
            if (i > 0 && runs.get(i - 1).index() == r.index()) {
                throw new IllegalArgumentException("run index " + r.index() + " appears twice (run ids '"
                        + runs.get(i - 1).runId() + "' and '" + r.runId() + "')");
            }
            RunResult sameId = ids.put(r.runId(), r);
            if (sameId != null) {
                throw new IllegalArgumentException("run id '" + r.runId() + "' appears twice (indexes "
                        + sameId.index() + " and " + r.index() + ")");
            }
            RunResult sameConfig = configs.put(r.key().label() + "\u0000seed=" + r.seed(), r);
            if (sameConfig != null) {
                throw new IllegalArgumentException("runs '" + sameConfig.runId() + "' and '" + r.runId()
                        + "' have the same scenario, settings and seed (" + r.key().label() + ", seed " + r.seed() + ")");
            }
        }
    }

    /** Joins the shards of one sweep into the set a single unsharded run gives; see {@link ResultMerge}. */
    public static ResultSet merge(List<ResultSet> shards) {
        return ResultMerge.merge(shards);
    }

    /** Sweep indexes in [0, sweepSize) that no run holds (empty when the sweep size is unknown). */
    public List<Integer> missingIndices() {
        Set<Integer> present = new HashSet<>();
        runs.forEach(r -> present.add(r.index()));
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < metadata.sweepSize(); i++) {
            if (!present.contains(i)) {
                missing.add(i);
            }
        }
        return missing;
    }

    /**
     * The runs grouped by configuration (their settings; the seeds of one configuration form one group), in run
     * order: what summaries and charts average over.
     */
    public Map<Settings, List<RunResult>> configurations() {
        Map<Settings, List<RunResult>> groups = new java.util.LinkedHashMap<>();
        for (RunResult r : runs) {
            groups.computeIfAbsent(r.settings(), k -> new ArrayList<>()).add(r);
        }
        return groups;
    }

    /** Setting keys over all runs, in order of first appearance: the settings columns of a table. */
    public List<String> settingKeys() {
        Set<String> keys = new java.util.LinkedHashSet<>();
        runs.forEach(r -> keys.addAll(r.settings().values().keySet()));
        return List.copyOf(keys);
    }

    /** Extra metric names over all runs' totals, sorted. */
    public List<String> extraMetricNames() {
        Set<String> names = new java.util.TreeSet<>();
        runs.forEach(r -> names.addAll(r.total().extra().keySet()));
        return List.copyOf(names);
    }

    /** Flow ids over all runs, in order of first appearance: the flow column groups of a table. */
    public List<String> flowIds() {
        Set<String> ids = new java.util.LinkedHashSet<>();
        runs.forEach(r -> r.flows().forEach(f -> ids.add(f.flow())));
        return List.copyOf(ids);
    }

    /** Extra names of one flow over all runs, sorted. */
    public List<String> flowExtraNames(String flow) {
        Set<String> names = new java.util.TreeSet<>();
        for (RunResult r : runs) {
            FlowResult f = r.flow(flow);
            if (f != null) {
                names.addAll(f.metrics().extra().keySet());
            }
        }
        return List.copyOf(names);
    }

    /** This set with only the fields CSV holds. */
    public ResultSet summaryOnly() {
        return new ResultSet(metadata, runs.stream().map(RunResult::summaryOnly).toList());
    }
}
