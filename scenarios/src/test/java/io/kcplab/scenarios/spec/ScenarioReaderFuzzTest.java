package io.kcplab.scenarios.spec;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.kcplab.scenarios.ScenarioException;
import io.kcplab.scenarios.ScenarioSource;
import io.kcplab.scenarios.sweep.RunPlan;
import io.kcplab.scenarios.sweep.SweepPlanner;
import java.nio.charset.StandardCharsets;

/**
 * Coverage-guided fuzz target for the scenario-file reader (docs/fuzzing.md): the input as UTF-8 text (at most
 * {@link #MAX_BYTES} bytes) goes through what {@code kcplab run} does with a file, {@link SweepPlanner#plan}
 * ({@link YamlText} with its SnakeYAML limits, the sweep axes and seeds, {@link ScenarioReader} per case). It must
 * either produce a plan of 1..{@link SweepPlanner#MAX_RUNS} runs or throw a {@link ScenarioException} with a
 * message; any other exception (or running out of heap) is a finding. Seeded with the built-in scenarios; the
 * corpus's {@code finding-*} files are the inputs of fixed findings (docs/fuzzing.md).
 */
class ScenarioReaderFuzzTest {

    static final int MAX_BYTES = 4096;

    @FuzzTest(maxDuration = "60s")
    void read(byte[] data) {
        String text = new String(data, 0, Math.min(data.length, MAX_BYTES), StandardCharsets.UTF_8);
        RunPlan plan;
        try {
            plan = SweepPlanner.plan(ScenarioSource.text("fuzz", text));
        } catch (ScenarioException e) {
            assertNotNull(e.getMessage());
            assertFalse(e.getMessage().isBlank(), "a ScenarioException says what is wrong");
            assertTrue(e.problems().stream().noneMatch(p -> p == null || p.isBlank()), "blank problem: " + e);
            return;
        }
        assertNotNull(plan);
        assertTrue(plan.size() >= 1, "a plan has a run");
        assertTrue(plan.size() <= SweepPlanner.MAX_RUNS, "a plan stays within MAX_RUNS: " + plan.size());
    }
}
