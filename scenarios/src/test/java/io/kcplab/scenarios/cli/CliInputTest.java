package io.kcplab.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kcplab.protocol.BuildInfo;
import io.kcplab.scenarios.cli.LibraryCatalog.Item;
import io.kcplab.scenarios.cli.LibraryCatalog.Kind;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Bad input to {@code kcplab}: one line naming the problem, exit 2, and no simulation started (the checks come
 * first, so even the 16-run default scenario fails at once). Also {@code --version} everywhere and {@code show}'s
 * kinds.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CliInputTest {

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

    @TempDir
    static Path tmp;

    static Path file;       // an existing regular file
    static Path dir;        // an existing folder
    static Path results;    // a folder with a results.json (from a tiny run)
    static Path scenario;   // a tiny scenario file

    @BeforeAll
    static void files() throws IOException {
        file = Files.writeString(tmp.resolve("a-file.txt"), "x");
        dir = Files.createDirectories(tmp.resolve("a-folder"));
        scenario = Files.writeString(tmp.resolve("tiny.yaml"), """
                name: tiny
                duration: 300ms
                seeds: [1]
                links: {both: {rate: 10Mbit, delay: 10ms}}
                protocol: {mode: fast3, fec: off, crypt: off}
                workloads: [{type: echo, interval: 50ms}]
                """);
        results = tmp.resolve("results");
        Result r = kcplab("run", scenario.toString(), "--out", results.toString(), "-q", "--no-report");
        assertEquals(0, r.code(), r.err());
    }

    /** A folder this process cannot write (root ignores permissions, so it falls back to read-only procfs). */
    static Path unwritableFolder() throws IOException {
        Path ro = Files.createDirectories(tmp.resolve("read-only"));
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
        if (!Files.isWritable(ro)) {
            return ro;
        }
        Path proc = Path.of("/proc/sys/kernel");
        Assumptions.assumeTrue(Files.isDirectory(proc) && !Files.isWritable(proc),
                "no unwritable folder here (running as root without a read-only /proc/sys)");
        return proc;
    }

    static Stream<Arguments> badPaths() {
        String missingParent = tmp.resolve("no-such-folder/out.pcap").toString();
        return Stream.of(
                // output folders: a file where a folder is needed, a file on the way to it
                Arguments.of(List.of("run", "--out", file.toString()), "--out: " + file + " is a file, not a folder"),
                Arguments.of(List.of("run", "--out", file + "/sub"), "--out: " + file + "/sub cannot be created: "
                        + file + " is a file"),
                Arguments.of(List.of("sweep", "presets-lossy", "--out", file.toString()), "--out: " + file
                        + " is a file, not a folder"),
                Arguments.of(List.of("merge", results.toString(), "--out", file.toString()), "--out: " + file
                        + " is a file, not a folder"),
                Arguments.of(List.of("compare", results.toString(), results.toString(), "--out", file.toString()),
                        "--out: " + file + " is a file, not a folder"),
                // output files: a folder where a file is needed, a missing parent folder
                Arguments.of(List.of("replay", "presets-lossy", "--set", "protocol.mode=fast3", "--pcap",
                        dir.toString()), "--pcap: " + dir + " is a directory"),
                Arguments.of(List.of("replay", "presets-lossy", "--set", "protocol.mode=fast3", "--trace",
                        dir.toString()), "--trace: " + dir + " is a directory"),
                Arguments.of(List.of("replay", "presets-lossy", "--set", "protocol.mode=fast3", "--pcap",
                        missingParent), "--pcap: " + missingParent + ": folder "),
                Arguments.of(List.of("replay", "presets-lossy", "--set", "protocol.mode=fast3", "--trace",
                        missingParent), "not found"),
                Arguments.of(List.of("replay", "presets-lossy", "--set", "protocol.mode=fast3", "--pcap",
                        file + "/x.pcap"), file + " is a file, not a folder"),
                // inputs
                Arguments.of(List.of("run", tmp.resolve("missing.yaml").toString()), "missing.yaml: not found"),
                Arguments.of(List.of("run", dir.toString()), dir + " is a directory"),
                Arguments.of(List.of("sweep", tmp.resolve("sub/missing.yml").toString()), "not found"),
                Arguments.of(List.of("compare", tmp.resolve("nothing").toString(), results.toString()),
                        "nothing: not found"),
                Arguments.of(List.of("compare", results.toString(), dir.toString()), dir
                        + " is a directory without results.json"),
                Arguments.of(List.of("merge", tmp.resolve("nothing").toString()), "nothing: not found"),
                Arguments.of(List.of("tune", "--merge", tmp.resolve("nothing").toString()), "--merge: " + tmp
                        .resolve("nothing") + ": not found"),
                Arguments.of(List.of("tune", "--merge", dir.toString()), "--merge: " + dir
                        + " is a directory without tune.json"),
                Arguments.of(List.of("tune", "--link", tmp.resolve("link.yaml").toString()), "--link: "
                        + tmp.resolve("link.yaml") + ": not found"),
                Arguments.of(List.of("tunnel", "client", "-c", tmp.resolve("kcptun.json").toString()), "-c: "
                        + tmp.resolve("kcptun.json") + ": not found"),
                Arguments.of(List.of("tunnel", "client", "-c", dir.toString()), "-c: " + dir + " is a directory"));
    }

    @ParameterizedTest
    @MethodSource("badPaths")
    void aBadPathIsOneUsageLineBeforeAnyRun(List<String> args, String expected) {
        Result r = kcplab(args.toArray(String[]::new));
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains(expected), "expected '" + expected + "' in: " + r.err());
        assertEquals(1, r.err().lines().count(), "one line: " + r.err());
        assertFalse(r.err().contains("run(s)"), "no run started: " + r.err());
        assertEquals("", r.out());
    }

    @Test
    void anUnwritableOutputIsAUsageError() throws IOException {
        Path ro = unwritableFolder();
        Result run = kcplab("run", "--out", ro.resolve("out").toString());
        assertEquals(2, run.code(), run.err());
        assertTrue(run.err().contains(ro + " is not writable"), run.err());
        Result pcap = kcplab("replay", "presets-lossy", "--set", "protocol.mode=fast3", "--pcap",
                ro.resolve("x.pcap").toString());
        assertEquals(2, pcap.code(), pcap.err());
        assertTrue(pcap.err().contains("--pcap: " + ro.resolve("x.pcap") + ": folder " + ro + " is not writable"),
                pcap.err());
    }

    static Stream<Arguments> emptyRequests() {
        return Stream.of(
                Arguments.of("seeds: []", "seeds: an empty list; give at least one seed"),
                Arguments.of("seeds: [1]\nprotocol: {mode: []}", "protocol.mode: an empty list"));
    }

    @ParameterizedTest
    @MethodSource("emptyRequests")
    void anEmptyRequestIsAUsageError(String yaml, String expected) throws IOException {
        Path f = Files.writeString(tmp.resolve("empty-" + Math.abs(yaml.hashCode()) + ".yaml"),
                "duration: 300ms\nworkloads: [{type: bulk}]\n" + yaml + "\n");
        for (String cmd : new String[] {"run", "sweep"}) {
            Result r = kcplab(cmd, f.toString(), "--out", tmp.resolve("never").toString());
            assertEquals(2, r.code(), cmd + ": " + r.err());
            assertTrue(r.err().contains(expected), r.err());
        }
        assertFalse(Files.exists(tmp.resolve("never")), "nothing written");
    }

    /** Every command path, however deep: kcplab, kcplab run, kcplab perf client, ... */
    static List<List<String>> commandPaths(CommandLine line, List<String> prefix) {
        List<List<String>> paths = new ArrayList<>();
        paths.add(prefix);
        line.getSubcommands().forEach((name, sub) -> {
            if (!name.equals("help")) {
                List<String> p = new ArrayList<>(prefix);
                p.add(name);
                paths.addAll(commandPaths(sub, p));
            }
        });
        return paths;
    }

    @Test
    void versionWorksOnEverySubcommandAndNamesTheCommit() {
        List<List<String>> paths = commandPaths(KcpLabCommand.commandLine(), List.of());
        assertTrue(paths.size() > 15, "walked the tree: " + paths);
        assertTrue(paths.contains(List.of("perf", "client")) && paths.contains(List.of("tunnel", "server")));
        for (List<String> path : paths) {
            for (String flag : new String[] {"--version", "-V"}) {
                List<String> args = new ArrayList<>(path);
                args.add(flag);
                Result r = kcplab(args.toArray(String[]::new));
                assertEquals(0, r.code(), args + ": " + r.err());
                assertTrue(r.out().startsWith(BuildVersion.RELEASE + ", commit " + BuildInfo.commit()),
                        args + ": " + r.out());
            }
        }
        assertTrue(kcplab("tunnel", "client", "--version").out().contains("(kcptun 20210922 compatible)"));
        // the build wrote the commit (this test runs from a git checkout, so it is not "unknown")
        assertTrue(BuildInfo.commit().matches("[0-9a-f]{7,40}(-dirty)?|unknown"), BuildInfo.commit());
    }

    @Test
    void showCoversPresetsAndAsksWhichKindWhenNamesCollide() {
        Result fast3 = kcplab("show", "fast3");
        assertEquals(0, fast3.code(), fast3.err());
        assertTrue(fast3.out().contains("fast3: {nodelay: 1, interval: 10, resend: 2, nc: 1}"), fast3.out());
        for (String preset : new String[] {"normal", "fast", "fast2"}) {
            assertEquals(0, kcplab("show", preset).code(), preset);
        }
        Supplier<List<Item>> before = ShowCommand.catalog;
        try {
            List<Item> items = new ArrayList<>(LibraryCatalog.builtIn());
            items.add(new Item(Kind.LINK, "fast", "fast: {rate: 1Gbit}\n"));
            items.add(new Item(Kind.SCENARIO, "fast", "name: fast\n"));
            ShowCommand.catalog = () -> items;
            Result ambiguous = kcplab("show", "fast");
            assertEquals(2, ambiguous.code());
            assertTrue(ambiguous.err().contains("'fast' is a scenario and a link and a preset"), ambiguous.err());
            assertTrue(ambiguous.err().contains("kcplab show --kind link fast"), ambiguous.err());
            assertEquals("fast: {rate: 1Gbit}\n", kcplab("show", "--kind", "link", "fast").out());
            assertEquals("name: fast\n", kcplab("show", "--kind", "scenario", "fast").out());
            assertTrue(kcplab("show", "--kind", "preset", "fast").out().contains("interval: 30"));
        } finally {
            ShowCommand.catalog = before;
        }
        Result wrongKind = kcplab("show", "--kind", "link", "fast3");
        assertEquals(2, wrongKind.code());
        assertTrue(wrongKind.err().contains("'fast3' is not a built-in link"), wrongKind.err());
        assertEquals(2, kcplab("show", "--kind", "colour", "fast3").code());
        Result list = kcplab("list");
        int scenarios = list.out().indexOf("kind scenario");
        int links = list.out().indexOf("kind link");
        int presets = list.out().indexOf("kind preset");
        assertTrue(scenarios >= 0 && scenarios < links && links < presets, list.out());
    }

    @Test
    void progressGoesToStderrNeverToStdoutWhereTheTraceIs() {
        java.io.PrintStream old = System.err;
        String tty = System.getProperty("kcplab.stderr.tty");
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        Result r;
        try {
            System.setProperty("kcplab.stderr.tty", "false");
            System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
            r = kcplab("replay", scenario.toString(), "--trace", "-");
        } finally {
            System.setErr(old);
            if (tty == null) {
                System.clearProperty("kcplab.stderr.tty");
            } else {
                System.setProperty("kcplab.stderr.tty", tty);
            }
        }
        assertEquals(0, r.code(), r.err());
        String progress = err.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(progress.contains("progress: 0/1 runs, 0%"), progress);
        assertTrue(progress.contains("progress: 1/1 runs, 100%"), progress);
        assertFalse(progress.contains("\r"), "plain lines when stderr is not a terminal");
        assertTrue(r.out().startsWith("# time_us link kind bytes packet_id\n"), "stdout is the trace only");
        assertFalse(r.out().contains("progress"), r.out().lines().filter(l -> l.contains("progress")).toList()
                .toString());
    }
}
