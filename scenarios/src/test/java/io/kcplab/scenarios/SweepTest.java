package io.kcplab.scenarios;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.kcplab.reports.io.ResultCsv;
import io.kcplab.reports.io.ResultJson;
import io.kcplab.reports.result.ResultSet;
import io.kcplab.reports.result.RunResult;
import io.kcplab.scenarios.report.ReportWriter;
import io.kcplab.scenarios.run.Progress;
import io.kcplab.scenarios.run.SweepRunner;
import io.kcplab.scenarios.sweep.RunCase;
import io.kcplab.scenarios.sweep.RunPlan;
import io.kcplab.scenarios.sweep.SweepPlanner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepTest {

    /** Small and quick: 2 x 2 configurations x 2 seeds = 8 runs of 1 simulated second. */
    static final String SWEEP = """
            name: small
            duration: 1s
            seeds: [3, 4]
            links:
              both: {rate: 5Mbit, delay: {latency: 10ms, jitter: 2ms}, loss: [1%, 5%]}
            protocol:
              mode: [normal, fast3]
              fec: off
              crypt: off
            workloads:
              - {type: bulk}
              - {type: echo, interval: 100ms}
            """;

    static RunPlan plan() {
        return SweepPlanner.plan(ScenarioSource.text("small", SWEEP));
    }

    @Test
    void canonicalOrderIsTheCartesianProductInFileOrderThenSeeds() {
        RunPlan plan = plan();
        assertEquals(8, plan.size());
        List<String> ids = plan.cases().stream().map(RunCase::runId).toList();
        assertEquals(List.of(
                "small/links.both.loss=1%/protocol.mode=normal/seed=3",
                "small/links.both.loss=1%/protocol.mode=normal/seed=4",
                "small/links.both.loss=1%/protocol.mode=fast3/seed=3",
                "small/links.both.loss=1%/protocol.mode=fast3/seed=4",
                "small/links.both.loss=5%/protocol.mode=normal/seed=3",
                "small/links.both.loss=5%/protocol.mode=normal/seed=4",
                "small/links.both.loss=5%/protocol.mode=fast3/seed=3",
                "small/links.both.loss=5%/protocol.mode=fast3/seed=4"), ids);
        assertEquals(0.05, plan.cases().get(7).scenario().up().profile().loss() instanceof
                io.kcplab.sim.net.LossModel.Random r ? r.probability() : -1, 1e-12);
        assertEquals(1, plan.cases().get(7).scenario().config().nodelay(), "fast3");
    }

    @Test
    void shardsPartitionTheRunsForEveryShardCount() {
        RunPlan plan = plan();
        qt().withExamples(Integer.getInteger("kcplab.qt.examples", 50)).forAll(integers().between(1, 20))
                .checkAssert(n -> {
                    Set<Integer> seen = new HashSet<>();
                    for (int k = 1; k <= n; k++) {
                        for (RunCase c : plan.shard(k, n)) {
                            assertTrue(seen.add(c.index()), "run in two shards");
                            assertEquals(k - 1, c.index() % n);
                        }
                    }
                    assertEquals(plan.size(), seen.size(), "every run in some shard");
                });
    }

    @Test
    void sameScenarioTwiceGivesIdenticalResultsWhateverTheThreadCount() {
        RunPlan plan = plan();
        List<RunCase> cases = plan.cases().subList(4, 8);
        List<RunResult> a = SweepRunner.run(cases, 2, Progress.none());
        List<RunResult> b = SweepRunner.run(cases, 1, Progress.none());
        assertEquals(a, b, "run hashes, metrics, series and CDFs equal");
        Set<String> hashes = new HashSet<>();
        for (RunResult r : a) {
            hashes.add(r.runHash());
            assertEquals(0.0, r.total().extra().get("integrity_errors"));
            assertTrue(r.total().bytesDelivered() > 0);
        }
        assertEquals(4, hashes.size(), "different settings or seeds give different runs");
        // a fresh plan of the same text gives the same runs again
        assertEquals(a.get(0), SweepRunner.run(plan().cases().subList(4, 5), 1, Progress.none()).get(0));
    }

    @Test
    void mergedShardsAreByteIdenticalToTheUnshardedSweep(@TempDir Path tmp) throws Exception {
        RunPlan plan = plan();
        ResultSet whole = SweepRunner.run(plan, 0, 0, 2, Progress.none(), "");
        ReportWriter.writeResults(whole, tmp.resolve("whole"));
        List<ResultSet> shards = new ArrayList<>();
        for (int k = 1; k <= 3; k++) {
            ResultSet shard = SweepRunner.run(plan, k, 3, 2, Progress.none(), "");
            assertEquals(k + "/3", shard.metadata().shard());
            ReportWriter.writeResults(shard, tmp.resolve("shard-" + k));
            shards.add(ResultJson.read(tmp.resolve("shard-" + k).resolve(ReportWriter.JSON)));
        }
        // merge in a scrambled order: the result must not depend on it
        ResultSet merged = ResultSet.merge(List.of(shards.get(2), shards.get(0), shards.get(1)));
        ReportWriter.writeResults(merged, tmp.resolve("merged"));
        assertArrayEquals(Files.readAllBytes(tmp.resolve("whole").resolve(ReportWriter.JSON)),
                Files.readAllBytes(tmp.resolve("merged").resolve(ReportWriter.JSON)));
        assertArrayEquals(Files.readAllBytes(tmp.resolve("whole").resolve(ReportWriter.CSV)),
                Files.readAllBytes(tmp.resolve("merged").resolve(ReportWriter.CSV)));
        assertEquals(ResultCsv.toCsv(whole), ResultCsv.toCsv(merged));
        assertTrue(merged.missingIndices().isEmpty());
        ResultSet partial = ResultSet.merge(List.of(shards.get(0), shards.get(1)));
        assertEquals(List.of(2, 5), partial.missingIndices(), "shard 3/3 holds indexes 2 and 5");
    }

    @Test
    void repetitionsDeriveDistinctReproducibleSeeds() {
        RunPlan plan = SweepPlanner.plan(ScenarioSource.text("r", SWEEP.replace("seeds: [3, 4]",
                "seeds: 3\nrepetitions: 3")));
        assertEquals(List.of(3L, SweepPlanner.repetitionSeed(3, 1), SweepPlanner.repetitionSeed(3, 2)), plan.seeds());
        assertNotEquals(plan.seeds().get(1), plan.seeds().get(2));
        assertEquals(plan.seeds(), SweepPlanner.plan(ScenarioSource.text("r", SWEEP.replace("seeds: [3, 4]",
                "seeds: 3\nrepetitions: 3"))).seeds());
        assertEquals(List.of(9L), SweepPlanner.plan(ScenarioSource.text("s", SWEEP), 9L).seeds(), "--seed");
    }
}
