package io.kcplab.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import io.kcplab.reports.result.RunResult;
import io.kcplab.scenarios.run.Progress;
import io.kcplab.scenarios.run.SweepRunner;
import io.kcplab.scenarios.sweep.RunCase;
import io.kcplab.scenarios.sweep.RunPlan;
import io.kcplab.scenarios.sweep.SweepPlanner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The run hash of every run of three built-in scenarios, pinned: the main one ({@code presets-lossy}, kcp-go's
 * engine under kcptun's presets), {@code engines} (both engines side by side) and {@code ci-gate}. A change that alters
 * what any simulated run does (a datagram, its time, its fate) fails here, so it is made knowingly: the failure
 * prints the new lines for {@code golden-run-hashes.txt}, to paste in with a commit message saying why results moved.
 */
class GoldenRunHashTest {

    private static final String GOLDEN = "golden-run-hashes.txt";

    @ParameterizedTest
    @ValueSource(strings = {"presets-lossy", "engines", "ci-gate"})
    void builtInScenarioRunsAreUnchanged(String name) throws IOException {
        RunPlan plan = SweepPlanner.plan(ScenarioSource.resolve(name));
        List<RunResult> results = SweepRunner.run(plan.cases(), 2, Progress.none());
        Map<String, String> expected = golden(name);
        List<String> actualLines = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            RunCase c = plan.cases().get(i);
            String hash = results.get(i).runHash();
            actualLines.add(name + "\t" + c.runId() + "\t" + hash);
            if (!hash.equals(expected.get(c.runId()))) {
                changed.add(c.runId() + ": " + expected.get(c.runId()) + " -> " + hash);
            }
        }
        if (!changed.isEmpty()) {
            fail(name + ": " + changed.size() + " of " + results.size() + " runs changed:\n  "
                    + String.join("\n  ", changed) + "\nIf deliberate, replace " + name + "'s lines in " + GOLDEN
                    + " with:\n" + String.join("\n", actualLines));
        }
        assertEquals(expected.size(), results.size(), name + ": pinned runs vs runs planned");
    }

    private static Map<String, String> golden(String name) throws IOException {
        Map<String, String> runs = new LinkedHashMap<>();
        try (InputStream in = GoldenRunHashTest.class.getResourceAsStream(GOLDEN)) {
            assertNotNull(in, GOLDEN + " missing");
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String[] f = line.split("\t");
                if (f.length == 3 && f[0].equals(name)) {
                    runs.put(f[1], f[2]);
                }
            }
        }
        return runs;
    }
}
