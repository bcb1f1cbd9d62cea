package io.kcplab.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kcplab.scenarios.library.LinkLibrary;
import io.kcplab.scenarios.library.ScenarioLibrary;
import io.kcplab.scenarios.sweep.RunPlan;
import io.kcplab.scenarios.sweep.SweepPlanner;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/scenarios.md must stay true: its complete example parses, and its tables name every library entry. */
class DocsExampleTest {

    static String docs() throws Exception {
        String root = System.getenv("KCPLAB_REPO_ROOT");
        Path p = Path.of(root == null ? ".." : root, "docs", "scenarios.md");
        return Files.readString(p);
    }

    @Test
    void theCompleteExampleIsAValidSweep() throws Exception {
        String md = docs();
        int section = md.indexOf("## A complete example");
        int start = md.indexOf("```yaml\n", section) + "```yaml\n".length();
        String yaml = md.substring(start, md.indexOf("```", start));
        RunPlan plan = SweepPlanner.plan(ScenarioSource.text("example", yaml));
        assertEquals("mobile-gaming", plan.scenarioName());
        assertEquals(12, plan.size(), "2 x 2 configurations x 3 seeds, as the comment says");
        assertEquals(2, plan.cases().get(0).scenario().down().changes().size());
    }

    @Test
    void theLibraryTablesListEveryEntry() throws Exception {
        String md = docs();
        for (LinkLibrary.Entry e : LinkLibrary.entries()) {
            assertTrue(md.contains("| `" + e.name() + "` |"), "docs table lacks link profile " + e.name());
        }
        for (String name : ScenarioLibrary.names()) {
            assertTrue(md.contains("| `" + name + "`"), "docs table lacks scenario " + name);
        }
    }
}
