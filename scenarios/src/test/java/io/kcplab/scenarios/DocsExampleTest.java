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

    /** The yaml blocks of the section under {@code heading}, up to the next heading of any level. */
    static java.util.List<String> yamlBlocks(String md, String heading) {
        int from = md.indexOf(heading);
        int end = md.indexOf("\n#", from + heading.length());
        java.util.List<String> blocks = new java.util.ArrayList<>();
        for (int at = md.indexOf("```yaml\n", from); at >= 0 && at < end; at = md.indexOf("```yaml\n", at)) {
            int start = at + "```yaml\n".length();
            at = md.indexOf("```", start);
            blocks.add(md.substring(start, at));
            at += 3;
        }
        return blocks;
    }

    @Test
    void thePairedSweepExamplesAreValidAndCountTheirRuns() throws Exception {
        java.util.List<String> blocks = yamlBlocks(docs(), "### Paired settings");
        assertEquals(3, blocks.size(), "two group forms and one crossed example");
        String rest = "links: {both: lan}\nworkloads: [{type: bulk}]\n";
        assertEquals(2, SweepPlanner.plan(ScenarioSource.text("a", blocks.get(0) + rest)).size());
        assertEquals(2, SweepPlanner.plan(ScenarioSource.text("b", blocks.get(1) + rest)).size());
        RunPlan crossed = SweepPlanner.plan(ScenarioSource.text("c", blocks.get(2)));
        assertEquals(8, crossed.size(), "2 losses x 2 presets x 2 seeds, as the text says");
        assertEquals("c/links.both.loss=1%/preset=gentle/seed=1", crossed.cases().get(0).runId());
    }

    @Test
    void theLinkAndWorkloadExamplesAreValid() throws Exception {
        String md = docs();
        String links = yamlBlocks(md, "**In-order links.**").get(0);
        RunPlan p = SweepPlanner.plan(ScenarioSource.text("l", links + "workloads: [{type: bulk}]\n"));
        assertTrue(p.cases().get(0).scenario().up().profile().inOrder());
        String workloads = yamlBlocks(md, "Every type also takes `start`").get(0);
        p = SweepPlanner.plan(ScenarioSource.text("w", "duration: 10s\nlinks: {both: lan}\n" + workloads));
        assertEquals(5_000_000, p.cases().get(0).scenario().workloads().get(2).startMicros());
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
