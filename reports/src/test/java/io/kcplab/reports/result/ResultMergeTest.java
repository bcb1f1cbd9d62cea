package io.kcplab.reports.result;

import io.kcplab.reports.testing.RandomResults;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

class ResultMergeTest {

    @Test
    void mergingShardsGivesTheUnshardedSet() {
        qt().withExamples(RandomResults.examples(200))
                .forAll(longs().all(), integers().between(1, 5))
                .checkAssert((seed, shardCount) -> {
                    ResultSet whole = new RandomResults(seed).resultSet();
                    List<ResultSet> shards = split(whole, shardCount, new Random(seed));
                    assertEquals(whole, ResultSet.merge(shards), "seed " + seed + ", " + shardCount + " shards");
                });
    }

    @Test
    void takesTheLatestCreationTime() {
        ResultSet whole = setWithRuns(4);
        List<ResultSet> shards = split(whole, 2, new Random(1));
        ResultSet later = new ResultSet(new ResultMetadata("0.1.0", "2030-01-01T00:00:00Z",
                shards.get(1).metadata().shard(), 4), shards.get(1).runs());
        assertEquals("2030-01-01T00:00:00Z", ResultSet.merge(List.of(shards.get(0), later)).metadata().createdAt());
    }

    @Test
    void rejectsAShardMergedTwice() {
        ResultSet whole = setWithRuns(4);
        List<ResultSet> shards = split(whole, 2, new Random(2));
        ResultSet again = new ResultSet(shards.get(0).metadata().withShard(""), shards.get(0).runs());
        var e = assertThrows(IllegalArgumentException.class,
                () -> ResultSet.merge(List.of(shards.get(0), shards.get(1), again)));
        assertTrue(e.getMessage().contains("identical results: was a shard merged twice?"), e.getMessage());
        var label = assertThrows(IllegalArgumentException.class,
                () -> ResultSet.merge(List.of(shards.get(0), shards.get(0))));
        assertTrue(label.getMessage().contains("shard " + shards.get(0).metadata().shard() + " given twice"),
                label.getMessage());
    }

    @Test
    void rejectsConflictingResultsForOneRun() {
        ResultSet whole = setWithRuns(3);
        RunResult r = whole.runs().get(1);
        RunResult other = new RunResult(r.index(), r.runId(), r.scenario(), r.settings(), r.seed(), "ffff",
                r.durationSeconds(), r.total(), r.connections(), r.series());
        ResultSet a = new ResultSet(whole.metadata().withShard("1/2"), whole.runs());
        ResultSet b = new ResultSet(whole.metadata().withShard("2/2"), List.of(other));
        var e = assertThrows(IllegalArgumentException.class, () -> ResultSet.merge(List.of(a, b)));
        assertTrue(e.getMessage().startsWith("conflicting results for run index " + r.index()), e.getMessage());
        assertTrue(e.getMessage().contains("hash ffff in shard 2/2"), e.getMessage());
    }

    @Test
    void rejectsShardsOfDifferentVersionsOrSweeps() {
        ResultSet whole = setWithRuns(2);
        ResultSet a = new ResultSet(new ResultMetadata("0.1.0", "t", "1/2", 2), whole.runs().subList(0, 1));
        ResultSet b = new ResultSet(new ResultMetadata("0.2.0", "t", "2/2", 2), whole.runs().subList(1, 2));
        var version = assertThrows(IllegalArgumentException.class, () -> ResultSet.merge(List.of(a, b)));
        assertTrue(version.getMessage().contains("different KcpLab versions: 0.1.0 (shard 1/2) and 0.2.0 (shard 2/2)"),
                version.getMessage());
        ResultSet c = new ResultSet(new ResultMetadata("0.1.0", "t", "2/2", 5), whole.runs().subList(1, 2));
        var sweep = assertThrows(IllegalArgumentException.class, () -> ResultSet.merge(List.of(a, c)));
        assertTrue(sweep.getMessage().contains("sweep size 2"), sweep.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ResultSet.merge(List.of()));
    }

    @Test
    void reportsMissingIndicesOfAnIncompleteSweep() {
        ResultSet whole = setWithRuns(4);
        ResultSet partial = ResultSet.merge(List.of(new ResultSet(whole.metadata().withShard("1/2"),
                List.of(whole.runs().get(0), whole.runs().get(2)))));
        assertEquals(List.of(1, 3), partial.missingIndices());
    }

    private static ResultSet setWithRuns(int n) {
        RandomResults random = new RandomResults(99);
        List<RunResult> runs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            runs.add(random.run(i, i));
        }
        return new ResultSet(new ResultMetadata("0.1.0", "2025-01-01T00:00:00Z", "", n), runs);
    }

    /** Deals runs to shards round-robin after shuffling, as a batch system might. */
    static List<ResultSet> split(ResultSet whole, int shardCount, Random random) {
        List<RunResult> runs = new ArrayList<>(whole.runs());
        Collections.shuffle(runs, random);
        List<List<RunResult>> parts = new ArrayList<>();
        for (int i = 0; i < shardCount; i++) {
            parts.add(new ArrayList<>());
        }
        for (int i = 0; i < runs.size(); i++) {
            parts.get(i % shardCount).add(runs.get(i));
        }
        List<ResultSet> shards = new ArrayList<>();
        for (int i = 0; i < shardCount; i++) {
            shards.add(new ResultSet(whole.metadata().withShard((i + 1) + "/" + shardCount), parts.get(i)));
        }
        Collections.shuffle(shards, random);
        return shards;
    }
}
