package io.kcplab.scenarios.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kcplab.scenarios.cli.KcpLabCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code kcplab tune} in-process: bad input, the files it writes, determinism, shards and their merge. */
class TuneCommandTest {

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

    /** Exit 2, nothing on stdout, one line on stderr starting with {@code kcplab: PREFIX}, no stack trace. */
    static void usageError(String prefix, String... args) {
        Result r = kcplab(args);
        String err = r.err().strip();
        assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
        assertEquals(1, err.lines().count(), String.join(" ", args) + ": " + err);
        assertTrue(err.startsWith("kcplab: " + prefix), String.join(" ", args) + ": " + err);
        assertFalse(err.contains("Exception"), err);
        assertFalse(err.contains("\tat "), err);
        assertEquals("", r.out());
    }

    static String[] tune(Path out, String... args) {
        List<String> all = new ArrayList<>(List.of("tune"));
        all.addAll(List.of(args));
        all.addAll(List.of("--quiet", "--out", out.toString()));
        return all.toArray(String[]::new);
    }

    @Test
    void badInputExitsTwoWithOneLine(@TempDir Path tmp) throws Exception {
        Path o = tmp.resolve("o");
        usageError("--link: unknown link profile 'no-such-link'; accepted: lan,", tune(o, "--link", "no-such-link"));
        usageError("--link: nowhere/link.yaml: not found", tune(o, "--link", "nowhere/link.yaml"));
        usageError("--link: loss", tune(o, "--link", "{profile: lte, loss: 150%}"));
        usageError("--link: the inline map: not valid YAML", tune(o, "--link", "{profile: lte, loss: [1%"));
        usageError("--link: '{profile: lte, loss: [1%, 2%]}' holds a list",
                tune(o, "--link", "{profile: lte, loss: [1%, 2%]}"));
        usageError("--link: missing", tune(o));
        usageError("--objective: 'fastest': unknown goal", tune(o, "--link", "lan", "--objective", "fastest"));
        usageError("--objective: 'max-goodput:p99<=150'", tune(o, "--link", "lan", "--objective",
                "max-goodput:p99<=150"));
        usageError("--tolerance: 'lots' is not a percentage", tune(o, "--link", "lan", "--tolerance", "lots"));
        usageError("--tolerance: 150% is out of range", tune(o, "--link", "lan", "--tolerance", "150%"));
        usageError("--budget: 0 is out of range", tune(o, "--link", "lan", "--budget", "0"));
        usageError("--budget: -5 is out of range", tune(o, "--link", "lan", "--budget", "-5"));
        usageError("--budget: 3 is out of range; accepted: 15..", tune(o, "--link", "lan", "--budget", "3"));
        usageError("--budget: 'lots' is not a whole number", tune(o, "--link", "lan", "--budget", "lots"));
        usageError("--workload: 'video' is not a workload", tune(o, "--link", "lan", "--workload", "video"));
        usageError("--seeds: 0 is out of range", tune(o, "--link", "lan", "--seeds", "0"));
        usageError("--threads: 0 is out of range", tune(o, "--link", "lan", "--threads", "0"));
        usageError("--bytes: '5parsecs' is not a size", tune(o, "--link", "lan", "--bytes", "5parsecs"));
        usageError("--duration:", tune(o, "--link", "lan", "--workload", "echo", "--duration", "5"));
        usageError("--shard: '3/2' is not a shard", tune(o, "--link", "lan", "--shard", "3/2"));
        usageError("--islands 3 disagrees with --shard 1/2", tune(o, "--link", "lan", "--shard", "1/2",
                "--islands", "3"));
        usageError("--budget: 20 is out of range; accepted: 30..", tune(o, "--link", "lan", "--budget", "20",
                "--seeds", "2", "--islands", "3"));
        usageError("unknown option '--turbo'", tune(o, "--link", "lan", "--turbo"));
        usageError("--merge takes every setting from the shards", tune(o, "--link", "lan", "--merge",
                tmp.toString()));
        usageError("--merge: " + tmp.resolve("none") + ": not found", tune(o, "--merge",
                tmp.resolve("none").toString()));
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        usageError("--out: cannot create " + file.resolve("sub"), tune(file.resolve("sub"), "--link", "lan"));
        assertFalse(Files.exists(o), "nothing written on a usage error");
    }

    @Test
    void writesTheReportFiles(@TempDir Path tmp) throws Exception {
        Path link = Files.writeString(tmp.resolve("link.yaml"),
                "name: x\nlinks: {both: {rate: 10Mbit, delay: {latency: 10ms}, loss: 2%}}\nworkloads: []\n");
        Result r = kcplab(tune(tmp.resolve("o"), "--link", link.toString(), "--budget", "12", "--seeds", "2",
                "--bytes", "64KiB"));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("--mode manual --nodelay "), r.out());
        assertTrue(r.out().contains("ConnectionConfig.builder()"), r.out());
        assertTrue(r.out().contains("Chart: goodput (x) against p99"), r.out());
        for (String p : new String[] {"normal", "fast", "fast2", "fast3"}) {
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith("  " + p + " ")), p);
        }
        assertTrue(Files.size(tmp.resolve("o/tune.png")) > 1000);
        assertTrue(Files.readString(tmp.resolve("o/tune.json")).contains("\"paretoFront\""));
        assertEquals(Files.readString(tmp.resolve("o/tune.txt")), r.out().substring(0, r.out().indexOf("\nfiles: ")));
    }

    @Test
    void interactiveWorkloads(@TempDir Path tmp) {
        for (String w : new String[] {"echo", "cbr", "mix-cbr"}) {
            Result r = kcplab(tune(tmp.resolve(w), "--link", "{up: lte, down: 3g}", "--workload", w, "--budget", "5",
                    "--seeds", "1", "--duration", "1s", "--objective", "min-p99"));
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("workload " + w + " (1s), objective min-p99"), r.out());
            assertTrue(r.out().contains("Recommended (min-p99): "), r.out());
        }
    }

    @Test
    void sameFilesOnOneThreadAndOnTwo(@TempDir Path tmp) throws Exception {
        for (String t : new String[] {"1", "2"}) {
            Result r = kcplab(tune(tmp.resolve("t" + t), "--link", "{rate: 5Mbit, delay: {latency: 15ms}, loss: 3%}",
                    "--budget", "40", "--seeds", "2", "--bytes", "64KiB", "--seed", "5", "--threads", t));
            assertEquals(0, r.code(), r.err());
        }
        for (String f : new String[] {"tune.txt", "tune.json"}) {
            assertEquals(Files.readString(tmp.resolve("t1").resolve(f)), Files.readString(tmp.resolve("t2").resolve(f)),
                    f);
        }
    }

    /** Shards 1/2 and 2/2 merged give exactly the files of one run with --islands 2; gaps and doubles are caught. */
    @Test
    void shardsMergeIntoTheUnshardedSearch(@TempDir Path tmp) throws Exception {
        String[] common = {"--link", "{rate: 5Mbit, delay: {latency: 15ms}, loss: 3%}", "--budget", "44", "--seeds",
            "2", "--bytes", "64KiB", "--seed", "3"};
        Result whole = kcplab(tune(tmp.resolve("whole"), concat(common, "--islands", "2")));
        assertEquals(0, whole.code(), whole.err());
        assertTrue(whole.out().contains("22 candidates x 2 seed(s) = 44 simulated runs, search seed 3, 2 islands")
                || whole.out().contains("x 2 seed(s) = 44 simulated runs, search seed 3, 2 islands"), whole.out());
        Result one = kcplab(tune(tmp.resolve("s1"), concat(common, "--shard", "1/2")));
        assertEquals(0, one.code(), one.err());
        assertTrue(one.out().contains("shard 1/2: island 1 of 2 only"), one.out());
        // --shard auto in a Kubernetes Indexed Job: JOB_COMPLETION_INDEX 1 of 2 completions is shard 2/2
        var env = io.kcplab.scenarios.cli.TuneCommandAccess.environment(
                k -> k.equals("JOB_COMPLETION_INDEX") ? "1" : null);
        try {
            Result two = kcplab(tune(tmp.resolve("s2"), concat(common, "--shard", "auto", "--shard-count", "2")));
            assertEquals(0, two.code(), two.err());
            assertTrue(two.out().contains("shard 2/2: island 2 of 2 only"), two.out());
        } finally {
            io.kcplab.scenarios.cli.TuneCommandAccess.environment(env);
        }
        Result merged = kcplab("tune", "--merge", tmp.resolve("s1").toString(),
                tmp.resolve("s2").resolve("tune.json").toString(), "--out", tmp.resolve("m").toString());
        assertEquals(0, merged.code(), merged.err());
        for (String f : new String[] {"tune.txt", "tune.json"}) {
            assertEquals(Files.readString(tmp.resolve("whole").resolve(f)),
                    Files.readString(tmp.resolve("m").resolve(f)), f);
        }
        Result partial = kcplab("tune", "--merge", tmp.resolve("s1").toString(), "--out",
                tmp.resolve("p").toString());
        assertEquals(1, partial.code(), partial.err());
        assertEquals("kcplab: missing shards: 2/2", partial.err().strip());
        assertTrue(partial.out().contains("PARTIAL") || partial.out().contains("island 1 of 2 only"), partial.out());
        assertEquals(0, kcplab("tune", "--merge", tmp.resolve("s1").toString(), "--allow-partial", "--out",
                tmp.resolve("p").toString()).code());
        usageError("--merge: duplicated shard 1/2", "tune", "--merge", tmp.resolve("s1").toString(),
                tmp.resolve("s1").toString(), "--out", tmp.resolve("d").toString());
        Result other = kcplab(tune(tmp.resolve("other"), "--link", "lan", "--budget", "20", "--seeds", "2",
                "--bytes", "64KiB", "--shard", "2/2"));
        assertEquals(0, other.code(), other.err());
        usageError("--merge: " + tmp.resolve("other"), "tune", "--merge", tmp.resolve("s1").toString(),
                tmp.resolve("other").toString(), "--out", tmp.resolve("d").toString());
        usageError("--merge: " + tmp.resolve("whole").resolve("tune.json") + " is not a shard", "tune", "--merge",
                tmp.resolve("whole").toString(), "--out", tmp.resolve("d").toString());
    }

    private static String[] concat(String[] a, String... b) {
        List<String> all = new ArrayList<>(List.of(a));
        all.addAll(List.of(b));
        return all.toArray(String[]::new);
    }
}
