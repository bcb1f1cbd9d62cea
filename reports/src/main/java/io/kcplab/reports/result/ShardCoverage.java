package io.kcplab.reports.result;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which shards of a sweep a set of inputs covers: for {@code kcplab merge} to name the missing and the duplicated
 * shards by index ("3/16") instead of only counting missing runs. Inputs that are whole sweeps, or shards of
 * different shard counts, have no shard index to report.
 *
 * @param shardCount N of the inputs' "K/N" labels, 0 when they do not share one
 * @param missing    the shard numbers K (1-based) no input holds
 * @param duplicated each shard number given more than once, with the 1-based positions of its inputs
 */
public record ShardCoverage(int shardCount, List<Integer> missing, Map<Integer, List<Integer>> duplicated) {

    public static ShardCoverage of(List<ResultMetadata> inputs) {
        int n = 0;
        Map<Integer, List<Integer>> byShard = new TreeMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            ResultMetadata m = inputs.get(i);
            if (!m.isShard()) {
                return new ShardCoverage(0, List.of(), Map.of());
            }
            String[] kn = m.shard().split("/");
            int k = Integer.parseInt(kn[0]);
            int count = Integer.parseInt(kn[1]);
            if (n != 0 && count != n) {
                return new ShardCoverage(0, List.of(), Map.of());
            }
            n = count;
            byShard.computeIfAbsent(k, x -> new ArrayList<>()).add(i + 1);
        }
        List<Integer> missing = new ArrayList<>();
        for (int k = 1; k <= n; k++) {
            if (!byShard.containsKey(k)) {
                missing.add(k);
            }
        }
        Map<Integer, List<Integer>> duplicated = new TreeMap<>();
        byShard.forEach((k, positions) -> {
            if (positions.size() > 1) {
                duplicated.put(k, List.copyOf(positions));
            }
        });
        return new ShardCoverage(n, List.copyOf(missing), duplicated);
    }

    /** "missing shards: 2/4, 4/4" or "" when none is missing. */
    public String missingText() {
        if (missing.isEmpty()) {
            return "";
        }
        List<String> names = new ArrayList<>();
        missing.forEach(k -> names.add(k + "/" + shardCount));
        return "missing shard" + (missing.size() == 1 ? "" : "s") + ": " + String.join(", ", names);
    }

    /** "duplicated shards: 3/4 (inputs 1, 3)" or "" when none is duplicated. */
    public String duplicatedText() {
        if (duplicated.isEmpty()) {
            return "";
        }
        List<String> names = new ArrayList<>();
        duplicated.forEach((k, inputs) -> {
            List<String> in = new ArrayList<>();
            inputs.forEach(i -> in.add(String.valueOf(i)));
            names.add(k + "/" + shardCount + " (inputs " + String.join(", ", in) + ")");
        });
        return "duplicated shard" + (duplicated.size() == 1 ? "" : "s") + ": " + String.join(", ", names);
    }
}
