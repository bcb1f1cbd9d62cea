package io.kcplab.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kcplab.scenarios.cli.KcpLabCommand;
import io.kcplab.scenarios.library.LinkLibrary;
import io.kcplab.scenarios.library.ScenarioLibrary;
import io.kcplab.scenarios.sweep.SweepPlanner;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CliTest {

    record Result(int code, String out, String err) {
    }

    static Result kcplab(String... args) {
        CommandLine cl = KcpLabCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    /** A gate scenario: the same name and no sweep, so baseline and candidate match by scenario + settings. */
    static String gate(String mode, String loss) {
        return """
                name: gate
                duration: 1500ms
                seeds: [1, 2]
                links:
                  both: {rate: 10Mbit, delay: {latency: 25ms, jitter: 3ms}, loss: %s}
                protocol: {mode: %s, fec: off, crypt: off, sndwnd: 128}
                workloads:
                  - {type: bulk}
                  - {type: echo, interval: 50ms}
                """.formatted(loss, mode);
    }

    @Test
    void compareFlagsAPlantedRegressionAndPassesAnIdenticalRun(@TempDir Path tmp) throws Exception {
        Path good = tmp.resolve("good.yaml");
        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(good, gate("fast3", "3%"));
        Files.writeString(bad, gate("fast3", "30%"));
        Result base = kcplab("sweep", good.toString(), "--out", tmp.resolve("base").toString(), "-q");
        assertEquals(0, base.code(), base.err());
        Result again = kcplab("sweep", good.toString(), "--out", tmp.resolve("again").toString(), "-q");
        assertEquals(0, again.code(), again.err());
        Result worse = kcplab("sweep", bad.toString(), "--out", tmp.resolve("worse").toString(), "-q");
        assertEquals(0, worse.code(), worse.err());

        Result same = kcplab("compare", tmp.resolve("base").toString(), tmp.resolve("again").toString(), "--out",
                tmp.resolve("cmp-same").toString());
        assertEquals(0, same.code(), same.out() + same.err());
        assertTrue(same.out().contains("PASS"), same.out());

        Result regression = kcplab("compare", tmp.resolve("base").toString(),
                tmp.resolve("worse/results.json").toString(), "--out", tmp.resolve("cmp").toString());
        assertEquals(1, regression.code(), regression.out() + regression.err());
        assertTrue(regression.out().contains("REGRESSION gate"), regression.out());
        assertTrue(regression.out().contains("FAIL"), regression.out());
        assertTrue(regression.out().lines().anyMatch(l -> l.matches("\\s+(bulk|echo)/(up|down)\\s+\\S+\\s.*REGRESSION")),
                "the gate checks and names flows: " + regression.out());
        String html = Files.readString(tmp.resolve("cmp/comparison.html"));
        assertTrue(html.contains("regression") && html.contains("<svg"), "comparison report with charts");

        // thresholds can be loosened until the same pair passes (a counter that was 0 in the baseline, as a small
        // flow's retransmissions can be, regresses by +inf% past any percentage, so loosen goodput and latency)
        Result loose = kcplab("compare", tmp.resolve("base").toString(), tmp.resolve("worse").toString(), "--out",
                tmp.resolve("cmp2").toString(), "--no-defaults", "--threshold", "goodput=-100%,p99=+100000%");
        assertEquals(0, loose.code(), loose.out());
        Result badThreshold = kcplab("compare", tmp.resolve("base").toString(), tmp.resolve("worse").toString(),
                "--threshold", "speed=-5%");
        assertEquals(2, badThreshold.code());
        assertTrue(badThreshold.err().contains("unknown metric 'speed'"), badThreshold.err());
    }

    @Test
    void sweepShardsMergeAndMissingShardsFail(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("s.yaml");
        Files.writeString(file, SweepTest.SWEEP.replace("duration: 1s", "duration: 500ms"));
        for (int k = 1; k <= 2; k++) {
            Result r = kcplab("sweep", file.toString(), "--shard", k + "/2", "--out", tmp.resolve("s" + k).toString(),
                    "-q", "--threads", "1");
            assertEquals(0, r.code(), r.err());
        }
        Result merged = kcplab("merge", tmp.resolve("s1").toString(), tmp.resolve("s2").toString(), "--out",
                tmp.resolve("m").toString());
        assertEquals(0, merged.code(), merged.err());
        assertTrue(merged.out().contains("8 run(s)"), merged.out());
        Result partial = kcplab("merge", tmp.resolve("s1").toString(), "--out", tmp.resolve("p").toString());
        assertEquals(1, partial.code());
        assertTrue(partial.err().contains("4 of 8 runs are missing"), partial.err());
        Result twice = kcplab("merge", tmp.resolve("s1").toString(), tmp.resolve("s1").toString(), "--out",
                tmp.resolve("t").toString());
        assertEquals(2, twice.code(), twice.err());
        assertTrue(twice.err().contains("cannot merge"), twice.err());
    }

    @Test
    void exitCodesForUsageAndValidationErrors(@TempDir Path tmp) throws Exception {
        assertEquals(2, kcplab().code(), "no command");
        assertEquals(2, kcplab("frobnicate").code());
        assertEquals(2, kcplab("run", "--bogus-option").code());
        assertEquals(2, kcplab("run", "no-such-scenario").code());
        assertEquals(2, kcplab("sweep", "presets-lossy", "--shard", "3/2").code());
        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, "links: {both: {loss: 200%}}\nworkloads: [{type: ftp}]\n");
        Result r = kcplab("run", bad.toString(), "--out", tmp.resolve("o").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("links.both.loss: 200% is out of range"), r.err());
        assertTrue(r.err().contains("workloads.0.type: unknown value 'ftp'"), r.err());
        assertFalse(r.err().contains("at io.kcplab"), "no stack trace for user mistakes: " + r.err());
        assertEquals(2, kcplab("compare", tmp.toString(), tmp.toString()).code(), "no results file");
        assertEquals(2, kcplab("replay", "presets-lossy", "--set", "protocol.mode=turbo").code());
        for (String cmd : new String[] {"run", "sweep", "merge", "compare", "replay", "list", "show"}) {
            Result help = kcplab(cmd, "--help");
            assertEquals(0, help.code(), cmd);
            assertTrue(help.out().startsWith("Usage: kcplab " + cmd), help.out());
        }
        assertTrue(kcplab("--help").out().contains("Exit codes:"));
        Result compareHelp = kcplab("compare", "--help");
        assertTrue(compareHelp.out().contains(io.kcplab.reports.compare.Thresholds.DEFAULT_TEXT), compareHelp.out());
    }

    @Test
    void listShowAndReplay(@TempDir Path tmp) throws Exception {
        Result list = kcplab("list", "--notes");
        assertEquals(0, list.code());
        for (String name : ScenarioLibrary.names()) {
            assertTrue(list.out().contains(name), name);
        }
        for (LinkLibrary.Entry e : LinkLibrary.entries()) {
            assertTrue(list.out().contains(e.note()), e.name());
        }
        assertTrue(list.out().contains("fast3              1/10/2/1"), list.out());
        Result show = kcplab("show", "presets-lossy");
        assertEquals(ScenarioLibrary.text("presets-lossy"), show.out());
        assertEquals(2, kcplab("show", "nothing").code());

        Path file = tmp.resolve("g.yaml");
        Files.writeString(file, gate("fast", "2%").replace("mode: fast,", "mode: [normal, fast],"));
        Result run = kcplab("sweep", file.toString(), "--out", tmp.resolve("o").toString(), "-q");
        assertEquals(0, run.code(), run.err());
        String csv = Files.readString(tmp.resolve("o/results.csv"));
        String hash = csv.lines().filter(l -> l.startsWith("3,")).findFirst().orElseThrow().split(",")[5];
        Path pcap = tmp.resolve("r.pcap");
        Path trace = tmp.resolve("r.trace");
        Result replay = kcplab("replay", file.toString(), "--set", "protocol.mode=fast", "--seed", "2", "--pcap",
                pcap.toString(), "--trace", trace.toString());
        assertEquals(0, replay.code(), replay.err());
        assertTrue(replay.err().contains("runHash=" + hash), "replay reproduces run 3's hash " + hash + ": "
                + replay.err());
        byte[] p = Files.readAllBytes(pcap);
        assertEquals((byte) 0xD4, p[0], "pcap magic (little-endian)");
        assertTrue(p.length > 10_000);
        assertTrue(Files.readString(trace).startsWith("# time_us link kind bytes packet_id\n"));
        Result byIndex = kcplab("replay", file.toString(), "--index", "3", "--trace", "-");
        assertTrue(byIndex.out().lines().count() > 1000);
        assertTrue(byIndex.err().contains("runHash=" + hash));
    }

    @Test
    void everyBuiltInScenarioAndLinkProfileIsValid() {
        assertTrue(LinkLibrary.entries().size() >= 10);
        for (LinkLibrary.Entry e : LinkLibrary.entries()) {
            assertTrue(LinkLibrary.spec(e.name()) != null, e.name());
            assertTrue(e.note().length() > 40, "a source note for " + e.name());
        }
        assertTrue(LinkLibrary.spec("handover").changes().size() == 2);
        for (String name : ScenarioLibrary.names()) {
            var plan = SweepPlanner.plan(ScenarioSource.resolve(name));
            assertEquals(name, plan.scenarioName());
            assertTrue(plan.size() >= (name.equals("server-10k") ? 1 : 2), name); // server-10k: one big run
        }
        assertEquals(16, SweepPlanner.plan(ScenarioSource.resolve(ScenarioLibrary.MAIN)).size(),
                "4 presets x 4 seeds");
    }
}
