package io.kcplab.scenarios.cli;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.kcplab.reports.chart.ChartRenderer;
import io.kcplab.scenarios.ScenarioException;
import io.kcplab.scenarios.run.Progress;
import io.kcplab.scenarios.run.SweepRunner;
import io.kcplab.scenarios.spec.YamlText;
import io.kcplab.scenarios.sweep.BatchShard;
import io.kcplab.scenarios.sweep.RunPlan;
import io.kcplab.scenarios.tune.Evaluation;
import io.kcplab.scenarios.tune.Objective;
import io.kcplab.scenarios.tune.TuneChart;
import io.kcplab.scenarios.tune.TuneText;
import io.kcplab.scenarios.tune.Tuner;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kcplab tune}: searches the KCP settings for a link, workload and objective in the simulator, and prints
 * the Pareto front, a recommendation (tunnel flags and ConnectionConfig line) and kcptun's presets beside it.
 * Numbers are taken as text and checked here, so that every bad value is one line naming its flag.
 */
@Command(name = "tune", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Tune KCP for a link in the simulator: a seeded search (kcptun's presets, a random sample, "
            + "then rounds of mutations of the best) over nodelay, interval, resend, nc, windows, MTU, FEC, "
            + "acknodelay and the engine, every candidate on the same seeds, on all cores.",
            "Prints the Pareto front (goodput, p99, overhead) as a table and a chart, the recommended settings as "
                + "kcptun / kcplab tunnel flags and as a ConnectionConfig builder line, and kcptun's presets side "
                + "by side; writes tune.txt, tune.json and tune.png to --out. See docs/tune.md.",
            "Sharding: --islands N splits the budget over N independent searches; --shard K/N runs island K alone "
                + "(e.g. one per machine) and --merge joins the shards' folders into exactly the output of one "
                + "run with --islands N."})
final class TuneCommand implements Callable<Integer> {

    @Option(names = "--link", paramLabel = "LINK", description = "A library link profile (kcplab list), an inline "
            + "map such as '{profile: lte, loss: 2%%}' or '{up: lte, down: 3g}', or a file: a link map, or a "
            + "scenario file whose links: section is used. Required unless --merge.")
    String link;

    @Option(names = "--workload", paramLabel = "W", description = "bulk: one transfer of --bytes; echo: 200 B "
            + "requests every 50 ms for --duration; cbr: 100 B ticks every 20 ms for --duration; mix: an unlimited "
            + "bulk upload with the echo session beside it; mix-cbr: the upload with the ticks (default: bulk).")
    String workload;

    @Option(names = "--objective", paramLabel = "GOAL[:C,...]", description = "max-goodput, min-p99 or "
            + "min-overhead, with optional constraints, e.g. max-goodput:p99<=150ms, min-overhead:goodput>=2MB/s "
            + "(default: max-goodput).")
    String objective;

    @Option(names = "--tolerance", paramLabel = "PCT", description = "Goal values this close to the best count as "
            + "a tie, and the tie goes to the candidate best on the other metrics (default: 5%%; 0: the goal "
            + "alone).")
    String tolerance;

    @Option(names = "--budget", paramLabel = "RUNS",
            description = "Simulated runs in all, candidates x seeds (default: " + TuneCommand.DEFAULT_BUDGET + ").")
    String budget;

    @Option(names = "--seeds", paramLabel = "K", description = "Seeds per candidate, 1..K (default: 3).")
    String seeds;

    @Option(names = "--seed", paramLabel = "N", description = "The search's own seed (default: 1).")
    String seed;

    @Option(names = "--bytes", paramLabel = "SIZE", description = "Bulk transfer size (default: 8MiB).")
    String bytes;

    @Option(names = "--duration", paramLabel = "DURATION",
            description = "Length of echo, cbr and mix runs (default: 5s).")
    String duration;

    @Option(names = "--islands", paramLabel = "N", description = "Split the budget over N independent searches "
            + "(default: 1, or N of --shard K/N).")
    String islands;

    @Option(names = "--shard", paramLabel = "K/N|auto", description = "Run island K of N only and write it to "
            + "--out (default kcplab-out/tune/shard-K-of-N); 'auto' reads K and N from a Kubernetes Indexed Job "
            + "(N from --shard-count) or a Slurm array, as kcplab sweep does.")
    String shard;

    @Option(names = "--shard-count", paramLabel = "N", description = "The number of shards for --shard auto in a "
            + "Kubernetes Indexed Job (its completions).")
    Integer shardCount;

    @Option(names = "--merge", arity = "1..*", paramLabel = "SHARD", description = "Join shard folders (or their "
            + "tune.json files) into the report of the whole search; exits 1 when a shard is missing.")
    List<String> merge;

    @Option(names = "--allow-partial", description = "With --merge: exit 0 even if shards are missing.")
    boolean allowPartial;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores).")
    String threads;

    @Option(names = {"-q", "--quiet"}, description = "No progress on stderr.")
    boolean quiet;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: kcplab-out/tune).")
    String out;

    @CommandLine.Unmatched
    List<String> unmatched = new ArrayList<>();

    static final int DEFAULT_BUDGET = 4500;

    /** Where --shard auto reads the batch system's variables; tests replace it. */
    static Function<String, String> environment = System::getenv;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (!unmatched.isEmpty()) {
            String first = unmatched.get(0);
            throw new ScenarioException((first.startsWith("-") ? "unknown option '" : "unexpected argument '")
                    + first + "'; see kcplab tune --help");
        }
        if (merge != null) {
            return merge();
        }
        if (link == null) {
            throw new ScenarioException("--link: missing; give a library profile (kcplab list), an inline map such "
                    + "as '{profile: lte, loss: 2%}' or a file");
        }
        if (allowPartial) {
            throw new ScenarioException("--allow-partial: only with --merge");
        }
        Objective obj = Objective.parse(objective == null ? "max-goodput" : objective);
        if (tolerance != null) {
            obj = obj.withTolerance(fraction("--tolerance", tolerance));
        }
        Tuner.Workload w = Tuner.Workload.parse(workload == null ? "bulk" : workload);
        int[] kn = shard == null ? null
                : shard.trim().equals(BatchShard.AUTO) ? BatchShard.fromEnvironment(environment, shardCount)
                : RunPlan.parseShard(shard);
        if (shard == null && shardCount != null) {
            throw new ScenarioException("--shard-count: only with --shard auto");
        }
        int islandCount = number("--islands", islands, kn == null ? 1 : kn[1], 1, 1000);
        if (kn != null && islands != null && islandCount != kn[1]) {
            throw new ScenarioException("--islands " + islandCount + " disagrees with --shard " + kn[0] + "/"
                    + kn[1] + "; a shard K/N is island K of N");
        }
        int seedCount = number("--seeds", seeds, 3, 1, 100);
        // the budget's range depends on --seeds and --islands: Tuner.check names it
        int runs = number("--budget", budget, DEFAULT_BUDGET, Integer.MIN_VALUE, Integer.MAX_VALUE);
        long searchSeed = longNumber("--seed", seed, 1);
        int n = number("--threads", threads, Runtime.getRuntime().availableProcessors(), 1, 4096);
        Tuner.Settings settings = new Tuner.Settings(link, links(link), w, obj, runs, seedCount, searchSeed,
                bytes == null ? "8MiB" : bytes, duration == null ? "5s" : duration, islandCount);
        Tuner.check(settings);
        Path dir = outDir(out, kn == null ? Path.of("kcplab-out", "tune")
                : Path.of("kcplab-out", "tune", "shard-" + kn[0] + "-of-" + kn[1]));
        prepare(dir);
        PrintStream log = quiet ? null : System.err;
        Tuner tuner = new Tuner(settings, n, log, total -> quiet ? Progress.none() : Progress.onStderr(total));
        Tuner.Result r = kn == null ? tuner.run() : tuner.runIsland(kn[0]);
        write(r, dir);
        return KcpLabCommand.OK;
    }

    private Integer merge() throws IOException {
        if (link != null || workload != null || objective != null || tolerance != null || budget != null || seeds != null || seed != null
                || bytes != null || duration != null || islands != null || shard != null || shardCount != null) {
            throw new ScenarioException("--merge takes every setting from the shards; give only --merge SHARD... "
                    + "[--out DIR] [--allow-partial]");
        }
        Tuner.Settings settings = null;
        String settingsFrom = null;
        Map<Integer, String> from = new TreeMap<>();
        Map<Integer, List<Evaluation>> islandsRead = new TreeMap<>();
        Map<Integer, Integer> runsOf = new TreeMap<>();
        for (String in : merge) {
            Shard s = readShard(in);
            if (settings == null) {
                settings = s.settings();
                settingsFrom = in;
            } else if (!settings.equals(s.settings())) {
                throw new ScenarioException("--merge: " + in + " is a shard of another search than " + settingsFrom
                        + " (link, workload, objective, budget, seeds, seed, size or islands differ)");
            }
            String before = from.putIfAbsent(s.island(), in);
            if (before != null) {
                throw new ScenarioException("--merge: duplicated shard " + s.island() + "/" + settings.islands()
                        + " (" + before + " and " + in + ")");
            }
            islandsRead.put(s.island(), s.evaluations());
            runsOf.put(s.island(), s.runs());
        }
        Objects.requireNonNull(settings);
        List<Integer> held = new ArrayList<>(islandsRead.keySet());
        int runs = runsOf.values().stream().mapToInt(Integer::intValue).sum();
        Tuner.Result r = Tuner.result(settings, held, new ArrayList<>(islandsRead.values()), runs);
        Path dir = outDir(out, Path.of("kcplab-out", "tune"));
        prepare(dir);
        write(r, dir);
        if (!r.complete()) {
            List<String> missing = new ArrayList<>();
            for (int k = 1; k <= settings.islands(); k++) {
                if (!held.contains(k)) {
                    missing.add(k + "/" + settings.islands());
                }
            }
            PrintWriter err = spec.commandLine().getErr();
            err.println("kcplab: missing shards: " + String.join(", ", missing));
            err.flush();
            return allowPartial ? KcpLabCommand.OK : KcpLabCommand.FAILED;
        }
        return KcpLabCommand.OK;
    }

    private void write(Tuner.Result r, Path dir) {
        String text = TuneText.report(r);
        PrintWriter o = spec.commandLine().getOut();
        o.print(text);
        try {
            Files.writeString(dir.resolve("tune.txt"), text);
            json().writeValue(dir.resolve("tune.json").toFile(), Report.of(r));
            ChartRenderer.writePng(TuneChart.of(r), 1000, 800, dir.resolve("tune.png"));
        } catch (IOException e) {
            throw new ScenarioException("--out: cannot write to " + dir + ": " + reason(e));
        }
        o.println();
        o.println("files: " + dir.toAbsolutePath().resolve("tune.txt") + ", tune.json, tune.png");
        o.flush();
    }

    private static int number(String flag, String text, int dflt, int min, int max) {
        if (text == null) {
            return dflt;
        }
        long v;
        try {
            v = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new ScenarioException(flag + ": '" + text + "' is not a whole number"
                    + (min == Integer.MIN_VALUE ? "" : "; accepted: " + min + ".." + max));
        }
        if (v < min || v > max) {
            throw new ScenarioException(flag + ": " + v + " is out of range; accepted: " + min + ".." + max);
        }
        return (int) v;
    }

    /** "5%" or a fraction such as 0.05. */
    private static double fraction(String flag, String text) {
        String t = text.trim();
        try {
            return t.endsWith("%") ? Double.parseDouble(t.substring(0, t.length() - 1).trim()) / 100
                    : Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new ScenarioException(flag + ": '" + text + "' is not a percentage; accepted: 0% to 100%, e.g. 5% "
                    + "or 0.05");
        }
    }

    private static long longNumber(String flag, String text, long dflt) {
        if (text == null) {
            return dflt;
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new ScenarioException(flag + ": '" + text + "' is not a whole number");
        }
    }

    /** The scenario's {@code links:} map for a library name, an inline map or a file. */
    static String links(String link) {
        if (link.isBlank()) {
            throw new ScenarioException("--link: empty; give a library profile (kcplab list), an inline map or a "
                    + "file");
        }
        String t = link.trim();
        if (t.contains("\n")) {
            throw new ScenarioException("--link: '" + t.lines().findFirst().orElse("") + "...' spans several lines; "
                    + "give a name, a one-line map or a file");
        }
        if (t.startsWith("{")) {
            return linksOf(yaml(t, "the inline map"), "--link");
        }
        Path p;
        try {
            p = Path.of(t);
        } catch (InvalidPathException e) {
            p = null;
        }
        if (p != null && Files.isRegularFile(p)) {
            String text;
            try {
                text = Files.readString(p);
            } catch (IOException e) {
                throw new ScenarioException("--link: cannot read " + p + ": " + e.getMessage());
            }
            Object tree = yaml(text, p.toString());
            if (tree instanceof Map<?, ?> m && m.containsKey("links")) {
                return linksOf(m.get("links"), p.toString());
            }
            return linksOf(tree, p.toString());
        }
        if (t.contains("/") || t.endsWith(".yaml") || t.endsWith(".yml")) {
            throw new ScenarioException("--link: " + t + (Files.isDirectory(Path.of(t)) ? " is a directory"
                    : ": not found") + "; give a library profile (kcplab list), an inline map such as "
                    + "'{profile: lte, loss: 2%}' or a file");
        }
        return "{both: " + t + "}";
    }

    private static Object yaml(String text, String source) {
        try {
            return YamlText.load(text, source);
        } catch (ScenarioException e) {
            throw new ScenarioException("--link: " + source + ": " + String.join("; ", e.problems()));
        }
    }

    /** A links map ({up, down} / {both}) as it is, anything else as both directions. */
    private static String linksOf(Object tree, String source) {
        if (tree == null) {
            throw new ScenarioException("--link: " + source + " is empty");
        }
        if (tree instanceof Map<?, ?> m && (m.containsKey("up") || m.containsKey("down") || m.containsKey("both"))) {
            return flow(tree);
        }
        return "{both: " + flow(tree) + "}";
    }

    private static String flow(Object tree) {
        DumperOptions d = new DumperOptions();
        d.setDefaultFlowStyle(DumperOptions.FlowStyle.FLOW);
        d.setWidth(Integer.MAX_VALUE);
        return new Yaml(d).dump(tree).trim();
    }

    /** One shard's tune.json, read back. */
    record Shard(Tuner.Settings settings, int island, int runs, List<Evaluation> evaluations) {
    }

    static Shard readShard(String fileOrDir) {
        Path p;
        try {
            p = Path.of(fileOrDir);
        } catch (InvalidPathException e) {
            throw new ScenarioException("--merge: '" + fileOrDir + "' is not a path");
        }
        if (!Files.exists(p)) {
            throw new ScenarioException("--merge: " + fileOrDir + ": not found");
        }
        if (Files.isDirectory(p)) {
            p = p.resolve("tune.json");
            if (!Files.exists(p)) {
                throw new ScenarioException("--merge: " + fileOrDir + " is a directory without tune.json");
            }
        }
        if (!Files.isRegularFile(p)) {
            throw new ScenarioException("--merge: '" + fileOrDir + "' is not a tune.json file or a folder with one");
        }
        try {
            JsonNode root = json().readTree(p.toFile());
            if (!SweepRunner.TOOL_VERSION.equals(root.path("tool").asText())) {
                throw new ScenarioException("--merge: " + p + " was written by " + root.path("tool").asText("?")
                        + ", not " + SweepRunner.TOOL_VERSION);
            }
            JsonNode held = root.path("islandsHeld");
            int islandCount = root.path("islands").asInt();
            if (!held.isArray() || held.size() != 1 || islandCount < 1) {
                throw new ScenarioException("--merge: " + p + " is not a shard (made with --shard K/N)");
            }
            Tuner.Settings s = new Tuner.Settings(root.path("link").asText(), root.path("links").asText(),
                    Tuner.Workload.parse(root.path("workload").asText()),
                    Objective.parse(root.path("objective").asText())
                            .withTolerance(root.path("tolerance").asDouble(Objective.DEFAULT_TOLERANCE)),
                    root.path("budget").asInt(),
                    root.path("seeds").asInt(), root.path("searchSeed").asLong(), root.path("bytes").asText(),
                    root.path("duration").asText(), islandCount);
            List<Evaluation> evaluations = new ArrayList<>();
            ObjectMapper m = json();
            for (JsonNode c : root.path("candidates")) {
                List<Evaluation.Sample> samples = new ArrayList<>();
                for (JsonNode x : c.path("samples")) {
                    samples.add(m.treeToValue(x, Evaluation.Sample.class));
                }
                evaluations.add(new Evaluation(m.treeToValue(c.path("settings"),
                        io.kcplab.scenarios.tune.Candidate.class), samples, c.path("island").asInt(),
                        c.path("round").asInt()));
            }
            return new Shard(s, held.get(0).asInt(), root.path("runs").asInt(), evaluations);
        } catch (IOException | IllegalArgumentException e) {
            throw new ScenarioException("--merge: cannot read " + p + ": " + e.getMessage().lines().findFirst()
                    .orElse(""));
        }
    }

    /**
     * tune.json: the inputs, every candidate with its seeds' figures, the front, the recommendation; a shard's
     * holds what {@code --merge} needs to rebuild the whole search's report.
     */
    record Report(String tool, String link, String links, String workload, String objective, double tolerance,
                  int budget, int seeds, long searchSeed, String bytes, String duration, int islands,
                  List<Integer> islandsHeld, int runs, Candidate recommended, Candidate bestOnGoal,
                  Candidate recommendedKcpGo, List<Candidate> paretoFront,
                  List<Candidate> presets, List<Candidate> candidates) {

        record Candidate(String label, io.kcplab.scenarios.tune.Candidate settings, String tunnelFlags,
                         String builder, Evaluation.Stats mean, Evaluation.Stats min, Evaluation.Stats max,
                         boolean feasible, int island, int round, List<Evaluation.Sample> samples) {
        }

        static Report of(Tuner.Result r) {
            Tuner.Settings s = r.settings();
            return new Report(SweepRunner.TOOL_VERSION, s.link(), s.links(), s.workload().label(),
                    s.objective().text(), s.objective().tolerance(), s.budget(), s.seeds(), s.searchSeed(),
                    s.bulkSize(), s.duration(), s.islands(), r.islandsHeld(), r.runs(), c(r.best(), s),
                    c(r.top(), s), c(r.bestKcpGo(), s),
                    list(r.pareto(), s), list(r.presets(), s), list(r.evaluations(), s));
        }

        private static List<Candidate> list(List<Evaluation> es, Tuner.Settings s) {
            List<Candidate> out = new ArrayList<>();
            for (Evaluation e : es) {
                out.add(c(e, s));
            }
            return out;
        }

        private static Candidate c(Evaluation e, Tuner.Settings s) {
            return new Candidate(e.candidate().label(), e.candidate(), e.candidate().tunnelFlags(),
                    e.candidate().builderLine(), e.mean(), e.min(), e.max(), s.objective().feasible(e),
                    e.island(), e.round(), e.samples());
        }
    }

    private static Path outDir(String text, Path dflt) {
        if (text == null) {
            return dflt;
        }
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new ScenarioException("--out: '" + text + "' is not a path");
        }
    }

    /** Creates the folder and checks that the three files can be written, before anything runs. */
    private static void prepare(Path dir) {
        for (Path p = dir.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                if (!Files.isDirectory(p)) {
                    throw new ScenarioException("--out: cannot create " + dir + ": " + p + " is a file");
                }
                break;
            }
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new ScenarioException("--out: cannot create " + dir + ": it is a file");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException | RuntimeException e) {
            throw new ScenarioException("--out: cannot create " + dir + ": " + reason(e));
        }
        for (String f : new String[] {"tune.txt", "tune.json", "tune.png"}) {
            Path p = dir.resolve(f);
            if (Files.isDirectory(p) || Files.exists(p) && !Files.isWritable(p)) {
                throw new ScenarioException("--out: cannot write " + p);
            }
        }
        Path probe = dir.resolve(".tune-write-check");
        try {
            Files.writeString(probe, "");
            Files.delete(probe);
        } catch (IOException | RuntimeException e) {
            throw new ScenarioException("--out: " + dir + " is not writable: " + reason(e));
        }
    }

    private static String reason(Exception e) {
        String m = e.getMessage();
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException) {
            return "a file of that name is in the way";
        }
        if (e instanceof java.nio.file.FileSystemException f) {
            return f.getReason() != null ? f.getReason() : "the file system refused";
        }
        return m == null ? e.getClass().getSimpleName().replace("Exception", "") : m.lines().findFirst().orElse("");
    }

    private static ObjectMapper json() {
        return JsonMapper.builder().enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
                .enable(SerializationFeature.INDENT_OUTPUT).build();
    }
}
