package io.kcplab.scenarios;

import static io.kcplab.scenarios.ScenarioParsingTest.assertProblem;
import static io.kcplab.scenarios.ScenarioParsingTest.problems;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kcplab.reports.io.ResultCsv;
import io.kcplab.reports.io.ResultJson;
import io.kcplab.reports.result.ResultSet;
import io.kcplab.scenarios.report.ReportWriter;
import io.kcplab.scenarios.run.Progress;
import io.kcplab.scenarios.run.SweepRunner;
import io.kcplab.scenarios.sweep.RunCase;
import io.kcplab.scenarios.sweep.RunPlan;
import io.kcplab.scenarios.sweep.SweepPlanner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code sweep:} section: groups of settings that vary together, crossed with the file's own lists. */
class PairedSweepTest {

    /** 2 losses x 2 presets x 2 seeds = 8 runs of 1 simulated second. */
    static final String PAIRED = """
            name: paired
            duration: 1s
            seeds: [3, 4]
            links:
              both: {rate: 5Mbit, delay: {latency: 10ms, jitter: 2ms}, loss: [1%, 5%]}
            sweep:
              preset:
                - {name: gentle, protocol.mode: normal, protocol.sndwnd: 64}
                - {name: greedy, protocol.mode: fast3, protocol.sndwnd: 512}
            protocol:
              fec: off
              crypt: off
            workloads:
              - {type: bulk}
              - {type: echo, interval: 100ms}
            """;

    static RunPlan plan(String yaml) {
        return SweepPlanner.plan(ScenarioSource.text("p", yaml));
    }

    @Test
    void aGroupIsOneAxisAtItsPlaceInTheFileCrossedWithTheLists() {
        RunPlan plan = plan(PAIRED);
        assertEquals(8, plan.size());
        assertEquals(List.of(
                "paired/links.both.loss=1%/preset=gentle/seed=3",
                "paired/links.both.loss=1%/preset=gentle/seed=4",
                "paired/links.both.loss=1%/preset=greedy/seed=3",
                "paired/links.both.loss=1%/preset=greedy/seed=4",
                "paired/links.both.loss=5%/preset=gentle/seed=3",
                "paired/links.both.loss=5%/preset=gentle/seed=4",
                "paired/links.both.loss=5%/preset=greedy/seed=3",
                "paired/links.both.loss=5%/preset=greedy/seed=4"),
                plan.cases().stream().map(RunCase::runId).toList());
        Scenario gentle = plan.cases().get(0).scenario();
        assertEquals(0, gentle.config().nodelay(), "normal");
        assertEquals(64, gentle.config().sndWnd());
        Scenario greedy = plan.cases().get(2).scenario();
        assertEquals(1, greedy.config().nodelay(), "fast3");
        assertEquals(512, greedy.config().sndWnd(), "the whole case goes together");
        assertEquals(Map.of("links.both.loss", "1%", "preset", "greedy"), plan.cases().get(2).settings().values());
        assertEquals("links.both.loss=1% preset=greedy", plan.cases().get(2).settings().label());
        assertNotNull(plan.find(Map.of("links.both.loss", "5%", "preset", "greedy"), 4), "replay --set preset=...");
        assertEquals(List.of("links.both.loss", "preset"), plan.axes().stream().map(a -> a.path()).toList());
    }

    @Test
    void zippedListsGoTogetherAndTwoGroupsAreCrossed() {
        RunPlan plan = plan("""
                links: {both: {delay: 10ms}}
                sweep:
                  shape:
                    protocol.sndwnd: [128, 1024]
                    protocol.mtu: [1400, 1200]
                  load:
                    name: [light, heavy]
                    workloads.0.size: [1MB, 4MB]
                    links.both.rate: [10Mbit, 2Mbit]
                workloads: [{type: bulk}]
                """);
        assertEquals(4, plan.size());
        assertEquals(List.of("p/shape=sndwnd=128,mtu=1400/load=light/seed=1",
                "p/shape=sndwnd=128,mtu=1400/load=heavy/seed=1",
                "p/shape=sndwnd=1024,mtu=1200/load=light/seed=1",
                "p/shape=sndwnd=1024,mtu=1200/load=heavy/seed=1"),
                plan.cases().stream().map(RunCase::runId).toList());
        Scenario last = plan.cases().get(3).scenario();
        assertEquals(1024, last.config().sndWnd());
        assertEquals(1200, last.config().mtu(), "protocol: was not in the file; the group sets it");
        assertEquals(4_000_000, last.workloads().get(0).size());
        assertEquals(2_000_000, last.up().profile().rate().bitsPerSecond());
        assertEquals(10_000, last.up().profile().delay().latencyMicros(), "the rest of links.both stays");
        Scenario first = plan.cases().get(0).scenario();
        assertEquals(128, first.config().sndWnd());
        assertEquals(1_000_000, first.workloads().get(0).size());
    }

    @Test
    void unnamedCasesAreLabelledByTheirValuesWithFullPathsWhereShortOnesClash() {
        RunPlan plan = plan("""
                links: {up: {delay: 5ms}, down: {delay: 5ms}}
                sweep:
                  rates: [{links.up.rate: 1Mbit, links.down.rate: 8Mbit}, {links.up.rate: 2Mbit, links.down.rate: 4Mbit}]
                workloads: [{type: bulk}]
                """);
        assertEquals("links.up.rate=1Mbit,links.down.rate=8Mbit", plan.cases().get(0).settings().get("rates"));
        assertEquals(4_000_000, plan.cases().get(1).scenario().down().profile().rate().bitsPerSecond());
    }

    private static final String BASE = "links: {both: {delay: 10ms}}\nworkloads: [{type: bulk}]\n";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "sweep: {shape: {protocol.sndwnd: [128, 1024], protocol.mtu: [1400]}}|sweep.shape.protocol.mtu: has 1 value(s) but protocol.sndwnd has 2; the lists of a paired group go together and must be equally long",
        "sweep: {shape: {protocol.sndwnd: [], protocol.mtu: []}}|sweep.shape.protocol.sndwnd: an empty list; a paired group needs at least one case",
        "sweep: {preset: []}|sweep.preset: an empty list; a paired group needs at least one case",
        "sweep: {}|sweep: expected a map of paired groups",
        "sweep: [a, b]|sweep: expected a map of paired groups",
        "sweep: {shape: {}}|sweep.shape: names no setting",
        "sweep: {shape: 5}|sweep.shape: expected a list of cases",
        "sweep: {shape: {protocol.sndwnd: 128}}|sweep.shape.protocol.sndwnd: expected a list of values (one per case), got 128",
        "sweep: {preset: [{name: a, protocol.windw: 5}, {name: b, protocol.windw: 6}]}|protocol.windw: unknown key; accepted keys of protocol: engine, mode, nodelay, interval, resend, nc, sndwnd, rcvwnd, mtu, minrto, acknodelay, writedelay, fec, datashard, parityshard, crypt, key, checksum, stream, client, server (in every sweep case)",
        "sweep: {preset: [{name: a, protocol.sndwnd: 5}, {name: b, protocol.rcvwnd: 6}]}|sweep.preset.1: sets protocol.rcvwnd but case 0 sets protocol.sndwnd; every case of a paired group sets the same settings",
        "sweep: {preset: [{name: a, protocol.sndwnd: 5}, {protocol.sndwnd: 6}]}|sweep.preset.1: needs a name like the other cases",
        "sweep: {preset: [{name: a, protocol.sndwnd: 5}, {name: a, protocol.sndwnd: 6}]}|sweep.preset: case 'a' is listed twice",
        "sweep: {preset: [{name: a}]}|sweep.preset.0: sets no setting",
        "sweep: {preset: [fast, slow]}|sweep.preset.0: expected a case map",
        "sweep: {preset: [{protocol.mode: [fast, normal]}]}|sweep.preset.0.protocol.mode: holds a list at protocol.mode; a paired case gives one value per setting",
        "sweep: {preset: [{protocol.sndwnd: 64, protocol.sndwnd.x: 1}]}|sweep.preset.protocol.sndwnd.x: lies inside protocol.sndwnd",
        "sweep: {preset: [{seeds: 5}]}|sweep.preset.seeds: cannot be set by a sweep group",
        "sweep: {preset: [{protocol..mtu: 5}]}|sweep.preset: 'protocol..mtu' is not a field path",
        "sweep: {preset: [{name: fast}, {protocol.mtu: 5}]}|sweep.preset.0: sets no setting",
        "sweep: {preset: [{workloads.3.size: 5MB}]}|sweep.preset: cannot set workloads.3.size: workloads is a list of 1 and '3' is not one of its indexes (0..0)",
        "sweep: {preset: [{links.both.delay.jitter: 1ms}]}|sweep.preset: cannot set links.both.delay.jitter: links.both.delay is '10ms', not a map",
        "sweep: {9preset: [{protocol.sndwnd: 64}]}|sweep.9preset: '9preset' cannot name a group",
        "sweep: {preset: [{protocol.sndwnd: 64}], other: [{protocol: {sndwnd: 32}}]}|sweep.other: protocol is also swept by sweep.preset; sweep each setting in one place",
        "sweep: {preset: [{protocol.mode: fast}]} ;; protocol: {mode: [fast, normal]}|sweep.preset: protocol.mode is also swept by the list at protocol.mode; sweep each setting in one place",
        "sweep: {protocol.mode: [{protocol.sndwnd: 64}]} ;; protocol: {mode: [fast, normal]}|sweep.protocol.mode: a group may not be named like the swept setting protocol.mode",
        "sweep: {preset: [{protocol.sndwnd: 64}, {protocol.sndwnd: 0}]}|protocol.sndwnd: 0 is out of range; accepted: 1..65535 segments (in sweep case preset=sndwnd=0)",
    })
    void everyMistakeInAGroupIsNamed(String extra, String expected) {
        assertProblem(BASE + extra.replace(" ;; ", "\n") + "\n", expected); // ";;" separates top-level keys

    }

    @Test
    void allProblemsOfTheSweepSectionComeTogether() {
        List<String> p = problems(BASE + """
                sweep:
                  shape: {protocol.sndwnd: [128, 1024], protocol.mtu: [1400]}
                  preset: []
                """);
        assertEquals(2, p.size(), p::toString);
    }

    @Test
    void aProblemSeveralCasesShareIsOneLineNamingThem() {
        List<String> p = problems(BASE + """
                sweep: {preset: [{name: a, protocol.sndwnd: 0}, {name: b, protocol.sndwnd: 0}, {name: c, protocol.sndwnd: 9}]}
                """);
        assertEquals(List.of("protocol.sndwnd: 0 is out of range; accepted: 1..65535 segments (in sweep cases "
                + "preset=a; preset=b)"), p);
    }

    @Test
    void mergedShardsOfAPairedSweepAreByteIdenticalToTheUnshardedSweep(@TempDir Path tmp) throws Exception {
        RunPlan plan = plan(PAIRED);
        ResultSet whole = SweepRunner.run(plan, 0, 0, 2, Progress.none(), "");
        ReportWriter.writeResults(whole, tmp.resolve("whole"));
        assertTrue(ResultCsv.toCsv(whole).lines().findFirst().orElseThrow().contains("preset"),
                "the group is a settings column");
        List<ResultSet> shards = new ArrayList<>();
        for (int k = 1; k <= 3; k++) {
            ResultSet shard = SweepRunner.run(plan(PAIRED), k, 3, 2, Progress.none(), "");
            ReportWriter.writeResults(shard, tmp.resolve("shard-" + k));
            shards.add(ResultJson.read(tmp.resolve("shard-" + k).resolve(ReportWriter.JSON)));
        }
        ResultSet merged = ResultSet.merge(List.of(shards.get(1), shards.get(2), shards.get(0)));
        ReportWriter.writeResults(merged, tmp.resolve("merged"));
        assertArrayEquals(Files.readAllBytes(tmp.resolve("whole").resolve(ReportWriter.JSON)),
                Files.readAllBytes(tmp.resolve("merged").resolve(ReportWriter.JSON)));
        assertArrayEquals(Files.readAllBytes(tmp.resolve("whole").resolve(ReportWriter.CSV)),
                Files.readAllBytes(tmp.resolve("merged").resolve(ReportWriter.CSV)));
        assertTrue(merged.missingIndices().isEmpty());
        assertEquals(List.of(1, 4, 7), ResultSet.merge(List.of(shards.get(0), shards.get(2))).missingIndices(),
                "shard 2/3 holds indexes 1, 4 and 7");
    }
}
