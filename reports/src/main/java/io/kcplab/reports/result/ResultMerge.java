package io.kcplab.reports.result;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Joins shards of one sweep. The result equals the set an unsharded run gives: runs ordered by
 * sweep index, metadata without a shard label, the latest {@code createdAt} of the shards.
 * Shards must come from the same tool version and sweep size; a run index present in two
 * shards is an error whether the two results agree (a shard merged twice) or not (a conflict).
 */
public final class ResultMerge {

    private ResultMerge() {
    }

    public static ResultSet merge(List<ResultSet> shards) {
        if (shards.isEmpty()) {
            throw new IllegalArgumentException("nothing to merge: no result sets given");
        }
        ResultMetadata first = shards.get(0).metadata();
        String createdAt = first.createdAt();
        Map<String, Integer> shardLabels = new HashMap<>();
        Map<Integer, Origin> byIndex = new HashMap<>();
        List<RunResult> runs = new ArrayList<>();
        for (int s = 0; s < shards.size(); s++) {
            ResultMetadata m = shards.get(s).metadata();
            String name = describe(m, s);
            if (!m.toolVersion().equals(first.toolVersion())) {
                throw new IllegalArgumentException("cannot merge results of different KcpLab versions: "
                        + first.toolVersion() + " (" + describe(first, 0) + ") and " + m.toolVersion() + " (" + name + ")");
            }
            if (m.sweepSize() != first.sweepSize()) {
                throw new IllegalArgumentException("cannot merge shards of different sweeps: sweep size "
                        + first.sweepSize() + " (" + describe(first, 0) + ") and " + m.sweepSize() + " (" + name + ")");
            }
            if (m.isShard()) {
                Integer earlier = shardLabels.put(m.shard(), s);
                if (earlier != null) {
                    throw new IllegalArgumentException("shard " + m.shard() + " given twice (inputs " + (earlier + 1)
                            + " and " + (s + 1) + ")");
                }
            }
            if (m.createdAt().compareTo(createdAt) > 0) {
                createdAt = m.createdAt();
            }
            for (RunResult r : shards.get(s).runs()) {
                Origin earlier = byIndex.put(r.index(), new Origin(r, name));
                if (earlier != null) {
                    throw new IllegalArgumentException(earlier.run.equals(r)
                            ? "run index " + r.index() + " ('" + r.runId() + "') is in both " + earlier.shard + " and "
                              + name + " (identical results: was a shard merged twice?)"
                            : "conflicting results for run index " + r.index() + ": '" + earlier.run.runId()
                              + "' hash " + earlier.run.runHash() + " in " + earlier.shard + " vs '" + r.runId()
                              + "' hash " + r.runHash() + " in " + name);
                }
                runs.add(r);
            }
        }
        // The ResultSet constructor sorts by index and rejects duplicate ids/configurations across shards.
        ResultMetadata merged = new ResultMetadata(first.toolVersion(), createdAt, "", first.sweepSize());
        return new ResultSet(merged, runs);
    }

    private static String describe(ResultMetadata m, int position) {
        return m.isShard() ? "shard " + m.shard() : "input " + (position + 1);
    }

    private record Origin(RunResult run, String shard) {
    }
}
