package io.kcplab.scenarios.tune;

import io.kcplab.protocol.ModePreset;
import io.kcplab.reports.result.ConnectionResult;
import io.kcplab.reports.result.Metrics;
import io.kcplab.reports.result.RunResult;
import io.kcplab.scenarios.ScenarioException;
import io.kcplab.scenarios.ScenarioSource;
import io.kcplab.scenarios.run.Progress;
import io.kcplab.scenarios.run.SweepRunner;
import io.kcplab.scenarios.sweep.RunCase;
import io.kcplab.scenarios.sweep.RunPlan;
import io.kcplab.scenarios.sweep.SweepPlanner;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * The search: kcptun's four presets plus a stratified random sample of the space (every value of every setting
 * about equally often), then rounds of mutations and crossovers of the best candidates so far (a small
 * evolutionary search) until the budget of simulated runs is spent. Every candidate runs on the same seeds; each
 * round's runs go to {@link SweepRunner} on all cores. The candidates of a round depend only on the results of
 * earlier rounds (ordered by candidate, never by finishing time), so the outcome is the same whatever the thread
 * count. With {@code islands > 1} the budget is split over independent searches (islands) whose candidates are
 * pooled at the end; {@link #runIsland} runs one of them alone, which is what {@code kcplab tune --shard K/N}
 * distributes and {@link #result} joins again.
 */
public final class Tuner {

    static final String[] ENGINES = {"kcp-go", "ikcp"};
    static final int[] NODELAY = {0, 1};
    static final int[] INTERVAL = {10, 20, 30, 40};
    static final int[] RESEND = {0, 2};
    static final int[] NC = {0, 1};
    static final int[] WINDOW = {32, 64, 128, 256, 512, 1024, 2048};
    static final int[] MTU = {576, 1000, 1200, 1350, 1400};
    static final int[][] FEC = {{0, 0}, {10, 1}, {10, 2}, {10, 3}, {5, 2}, {3, 1}};
    static final List<ModePreset> PRESETS = List.of(ModePreset.NORMAL, ModePreset.FAST, ModePreset.FAST2,
            ModePreset.FAST3);

    /** The workload every candidate runs. */
    public enum Workload {
        BULK("bulk"), ECHO("echo"), CBR("cbr"), MIX("mix"), MIX_CBR("mix-cbr");

        private final String label;

        Workload(String label) {
            this.label = label;
        }

        public static Workload parse(String s) {
            for (Workload w : values()) {
                if (w.label.equalsIgnoreCase(s == null ? "" : s.trim())) {
                    return w;
                }
            }
            throw new ScenarioException("--workload: '" + s + "' is not a workload; accepted: bulk, echo, cbr, mix, "
                    + "mix-cbr");
        }

        public String label() {
            return label;
        }
    }

    /**
     * What to tune.
     *
     * @param link       the link as the user gave it (for the report)
     * @param links      the scenario's {@code links:} map as YAML text, e.g. {@code {both: lte}}
     * @param workload   bulk, echo, cbr, mix (bulk + echo) or mix-cbr (bulk + cbr)
     * @param objective  the goal and constraints
     * @param budget     simulated runs in all (candidates × seeds), at least (4 presets + 1) × seeds × islands
     * @param seeds      seeds per candidate (1..seeds)
     * @param searchSeed the search's own seed (which random candidates and mutations it tries)
     * @param bulkSize   scenario-format size of the bulk transfer (bulk)
     * @param duration   scenario-format length of the echo, cbr and mix runs
     * @param islands    independent searches the budget is split over (what {@code --shard K/N} distributes)
     */
    public record Settings(String link, String links, Workload workload, Objective objective, int budget, int seeds,
                           long searchSeed, String bulkSize, String duration, int islands) {

        /** One island: a single search. */
        public Settings(String link, String links, Workload workload, Objective objective, int budget, int seeds,
                        long searchSeed, String bulkSize, String duration) {
            this(link, links, workload, objective, budget, seeds, searchSeed, bulkSize, duration, 1);
        }

        /** The candidates island {@code k} (1-based) evaluates: an even share of budget / seeds. */
        public int candidatesOf(int k) {
            int total = budget / seeds;
            return total / islands + (k <= total % islands ? 1 : 0);
        }

        /** The search seed of island {@code k}: --seed itself for island 1. */
        public long islandSeed(int k) {
            return searchSeed + (k - 1) * 0x9E3779B97F4A7C15L;
        }
    }

    /**
     * The outcome.
     *
     * @param islandsHeld the islands whose candidates this result holds (all of them, or a shard's one)
     * @param evaluations every evaluated candidate: island by island, presets first, then in the order tried
     * @param best        the recommendation: {@link #recommend} of {@link #ranked}
     * @param top         the best on the goal alone (first by {@link #ranked}), which best may trade a little of
     *                    for the other metrics (the objective's tolerance)
     * @param bestKcpGo   the best on the kcp-go engine (kcptun's own), the same as best when that runs kcp-go
     * @param pareto      the non-dominated candidates, highest goodput first
     * @param presets     kcptun's four presets (normal, fast, fast2, fast3)
     * @param runs        simulated runs spent
     */
    public record Result(Settings settings, List<Integer> islandsHeld, List<Evaluation> evaluations, Evaluation best,
                         Evaluation top, Evaluation bestKcpGo, List<Evaluation> pareto, List<Evaluation> presets, int runs) {

        /** Whether this holds every island of the search (false for one shard, or a partial merge). */
        public boolean complete() {
            return islandsHeld.size() == settings.islands();
        }
    }

    private final Settings s;
    private final int threads;
    private final PrintStream log;
    private final IntFunction<Progress> progress;

    /**
     * @param log      round lines (null: silent)
     * @param progress the progress bar for the whole search of n runs (called once per search)
     */
    public Tuner(Settings s, int threads, PrintStream log, IntFunction<Progress> progress) {
        this.s = s;
        this.threads = threads;
        this.log = log;
        this.progress = progress;
    }

    /** Checks the settings and parses the link once (a one-line user error here, before anything runs). */
    public static void check(Settings s) {
        if (s.seeds() < 1 || s.seeds() > 100) {
            throw new ScenarioException("--seeds: " + s.seeds() + " is out of range; accepted: 1..100");
        }
        if (s.islands() < 1 || s.islands() > 1000) {
            throw new ScenarioException("--islands: " + s.islands() + " is out of range; accepted: 1..1000");
        }
        int min = (PRESETS.size() + 1) * s.seeds() * s.islands();
        if (s.budget() < min || s.budget() > 1_000_000) {
            throw new ScenarioException("--budget: " + s.budget() + " is out of range; accepted: " + min
                    + "..1000000 runs (at least the 4 kcptun presets and one more candidate, x " + s.seeds()
                    + " seed(s)" + (s.islands() > 1 ? ", x " + s.islands() + " islands" : "") + ")");
        }
        try {
            plan(s, Candidate.preset(ModePreset.FAST));
        } catch (ScenarioException e) {
            throw userError(s, e);
        }
    }

    /** A scenario problem restated in the command's terms, on one line. */
    private static ScenarioException userError(Settings s, ScenarioException e) {
        List<String> out = new ArrayList<>();
        for (String p : e.problems()) {
            if (p.startsWith("links.both: ")) {
                out.add("--link: " + p.substring("links.both: ".length()));
            } else if (p.startsWith("links.both.")) {
                out.add("--link: " + p.substring("links.both.".length()));
            } else if (p.startsWith("links.")) {
                out.add("--link: " + p.substring("links.".length()));
            } else if (p.startsWith("workloads.0.size: ")) {
                out.add("--bytes: " + p.substring("workloads.0.size: ".length()));
            } else if (p.startsWith("duration: ")) {
                out.add("--duration: " + p.substring("duration: ".length()));
            } else {
                out.add(p.replace('\n', ' '));
            }
        }
        return new ScenarioException(String.join("; ", out));
    }

    /** The whole search: every island, one after the other, each on all cores; then their candidates pooled. */
    public Result run() {
        check(s);
        Progress bar = progress.apply((s.budget() / s.seeds()) * s.seeds());
        List<List<Evaluation>> islands = new ArrayList<>();
        List<Integer> held = new ArrayList<>();
        int runs = 0;
        for (int k = 1; k <= s.islands(); k++) {
            List<Evaluation> e = island(k, bar);
            islands.add(e);
            held.add(k);
            runs += e.size() * s.seeds();
        }
        return result(s, held, islands, runs);
    }

    /** Island {@code k} alone ({@code --shard k/N}): its own candidates only. */
    public Result runIsland(int k) {
        check(s);
        if (k < 1 || k > s.islands()) {
            throw new ScenarioException("--shard: " + k + "/" + s.islands() + " is not a shard; accepted: K/N with "
                    + "1 <= K <= N");
        }
        List<Evaluation> e = island(k, progress.apply(s.candidatesOf(k) * s.seeds()));
        return result(s, List.of(k), List.of(e), e.size() * s.seeds());
    }

    /**
     * Pools islands' candidates (in island order; a candidate two islands tried counts once, the first) and ranks
     * them. Two islands' figures for the same settings must agree: runs are deterministic.
     */
    public static Result result(Settings s, List<Integer> held, List<List<Evaluation>> islands, int runs) {
        List<Evaluation> all = new ArrayList<>();
        Map<String, Evaluation> byKey = new HashMap<>();
        for (List<Evaluation> island : islands) {
            for (Evaluation e : island) {
                String key = e.candidate().key();
                Evaluation first = byKey.putIfAbsent(key, e);
                if (first == null) {
                    all.add(e);
                } else if (!first.samples().equals(e.samples())) {
                    throw new ScenarioException("islands " + first.island() + " and " + e.island() + " disagree on "
                            + key + ": shards of different KcpLab versions or inputs");
                }
            }
        }
        List<Evaluation> presets = new ArrayList<>();
        for (ModePreset p : PRESETS) {
            presets.add(all.stream().filter(e -> e.candidate().preset().equals(p.label())).findFirst()
                    .orElseThrow(() -> new ScenarioException("kcptun's preset " + p.label() + " is missing")));
        }
        List<Evaluation> ranked = ranked(s.objective(), all);
        List<Evaluation> kcpGo = ranked.stream().filter(e -> e.candidate().engine().equals("kcp-go")).toList();
        Evaluation best = recommend(s.objective(), ranked);
        return new Result(s, List.copyOf(held), List.copyOf(all), best, ranked.get(0),
                kcpGo.isEmpty() ? best : recommend(s.objective(), kcpGo), pareto(all), List.copyOf(presets), runs);
    }

    private List<Evaluation> island(int k, Progress bar) {
        SplittableRandom rnd = new SplittableRandom(s.islandSeed(k));
        int maxCandidates = s.candidatesOf(k);
        String name = s.islands() == 1 ? "" : "island " + k + "/" + s.islands() + " ";
        List<Evaluation> all = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<Candidate> first = new ArrayList<>();
        for (ModePreset p : PRESETS) {
            first.add(Candidate.preset(p));
            seen.add(Candidate.preset(p).key());
        }
        // the round sizes depend on the budget only, never on the thread count (same input, same output)
        int batch = Math.max(8, maxCandidates / 20);
        int initial = Math.min(maxCandidates, Math.max(first.size() + batch, (int) (maxCandidates * 0.4)));
        List<Candidate> sample = stratified(initial - first.size(), rnd);
        for (int i = 0; first.size() < initial; i++) {
            Candidate c = i < sample.size() ? sample.get(i) : random(rnd);
            if (seen.add(c.key())) {
                first.add(c);
            }
        }
        int round = 0;
        evaluate(name, k, first, round, all, maxCandidates, bar);
        while (all.size() < maxCandidates) {
            round++;
            int n = Math.min(batch, maxCandidates - all.size());
            List<Evaluation> ranked = ranked(s.objective(), all);
            List<Evaluation> parents = new ArrayList<>(ranked.subList(0, Math.min(4, ranked.size())));
            for (Evaluation e : pareto(all)) {
                if (parents.size() >= 8) {
                    break;
                }
                if (!parents.contains(e)) {
                    parents.add(e);
                }
            }
            List<Candidate> next = new ArrayList<>();
            int attempts = 0;
            while (next.size() < n) {
                Candidate c;
                attempts++;
                if (attempts > 200 * n) {
                    c = random(rnd);
                } else if (rnd.nextInt(4) == 0 && parents.size() > 1) {
                    c = crossover(parents.get(rnd.nextInt(parents.size())).candidate(),
                            parents.get(rnd.nextInt(parents.size())).candidate(), rnd);
                } else {
                    // bias towards the best: parent i with weight ~ 1/(i+1)
                    int i = Math.min(parents.size() - 1, (int) Math.floor(Math.pow(rnd.nextDouble(), 2)
                            * parents.size()));
                    c = mutate(parents.get(i).candidate(), rnd);
                }
                if (seen.add(c.key())) {
                    next.add(c);
                }
            }
            evaluate(name, k, next, round, all, maxCandidates, bar);
        }
        return all;
    }

    /** One candidate on the settings' link, workload and seeds, outside any search (island 0, round 0). */
    public Evaluation evaluate(Candidate c) {
        check(s);
        List<RunCase> cases = plan(s, c).cases();
        List<RunResult> results = SweepRunner.run(cases, threads, progress.apply(cases.size()));
        List<Evaluation.Sample> samples = new ArrayList<>();
        for (RunResult r : results) {
            samples.add(sample(r));
        }
        return new Evaluation(c, samples, 0, 0);
    }

    private void evaluate(String island, int k, List<Candidate> cands, int round, List<Evaluation> into,
                          int maxCandidates, Progress bar) {
        List<RunCase> cases = new ArrayList<>();
        for (Candidate c : cands) {
            cases.addAll(plan(s, c).cases());
        }
        if (log != null) {
            Evaluation best = into.isEmpty() ? null : recommend(s.objective(), ranked(s.objective(), into));
            log.println("tune: " + island + "round " + round + ": " + cands.size() + " candidate(s) x " + s.seeds()
                    + " seed(s) = " + cases.size() + " runs (" + (into.size() + cands.size()) + "/" + maxCandidates
                    + " candidates)" + (best == null ? "" : "; best so far: " + best.candidate().label() + ": "
                    + TuneText.stats(best.mean())));
            log.flush();
        }
        List<RunResult> results = SweepRunner.run(cases, threads, bar);
        int i = 0;
        for (Candidate c : cands) {
            List<Evaluation.Sample> samples = new ArrayList<>();
            for (int j = 0; j < s.seeds(); j++) {
                samples.add(sample(results.get(i++)));
            }
            into.add(new Evaluation(c, samples, k, round));
        }
    }

    private Evaluation.Sample sample(RunResult r) {
        Metrics t = r.total();
        boolean finished = s.workload() != Workload.BULK || t.extra().getOrDefault("finished", 0.0) >= 1;
        double goodput;
        double p99;
        switch (s.workload()) {
            case BULK -> {
                goodput = t.goodputBps() / 1e6;
                p99 = t.latencyMs().p99();
            }
            case ECHO -> {
                goodput = t.goodputBps() / 1e6;
                p99 = t.rttMs().p99();
            }
            case CBR -> {
                goodput = t.goodputBps() / 1e6;
                p99 = t.latencyMs().p99();
            }
            case MIX -> {
                goodput = connection(r, "bulk").goodputBps() / 1e6;
                p99 = connection(r, "echo").rttMs().p99();
            }
            default -> {
                goodput = connection(r, "bulk").goodputBps() / 1e6;
                p99 = connection(r, "cbr").latencyMs().p99();
            }
        }
        return new Evaluation.Sample(r.seed(), goodput, p99, t.overhead(), finished);
    }

    private static Metrics connection(RunResult r, String prefix) {
        for (ConnectionResult c : r.connections()) {
            if (c.connection().startsWith(prefix)) {
                return c.metrics();
            }
        }
        return r.total();
    }

    /** The interactive workloads: a 200-byte echo every 50 ms; 100-byte game ticks every 20 ms, one way. */
    static final String ECHO_WORKLOAD = "{type: echo, request: 200B, interval: 50ms}";
    static final String CBR_WORKLOAD = "{type: cbr, size: 100B, interval: 20ms}";

    /** The scenario of one candidate: the link, the workload, the candidate's protocol, seeds 1..K. */
    static RunPlan plan(Settings s, Candidate c) {
        String head = switch (s.workload()) {
            case BULK -> "duration: 120s\nstop_when_finished: true\nworkloads: [{type: bulk, size: " + s.bulkSize()
                    + "}]\n";
            case ECHO -> "duration: " + s.duration() + "\nworkloads: [" + ECHO_WORKLOAD + "]\n";
            case CBR -> "duration: " + s.duration() + "\nworkloads: [" + CBR_WORKLOAD + "]\n";
            case MIX -> "duration: " + s.duration() + "\nworkloads: [{type: bulk, size: unlimited}, "
                    + ECHO_WORKLOAD + "]\n";
            case MIX_CBR -> "duration: " + s.duration() + "\nworkloads: [{type: bulk, size: unlimited}, "
                    + CBR_WORKLOAD + "]\n";
        };
        String yaml = "name: tune\n" + head + "seeds: 1.." + s.seeds() + "\nlinks: " + s.links() + "\n"
                + "protocol: " + c.protocolYaml() + "\n";
        RunPlan p = SweepPlanner.plan(ScenarioSource.text("tune", yaml));
        if (!p.axes().isEmpty()) {
            throw new ScenarioException("--link: '" + s.link() + "' holds a list (a sweep); tune needs one link");
        }
        return p;
    }

    /** Best first: finished bulk transfers, then constraints met (or least violated), then the goal, then key. */
    public static List<Evaluation> ranked(Objective o, List<Evaluation> all) {
        List<Evaluation> out = new ArrayList<>(all);
        out.sort(Comparator.<Evaluation>comparingInt(e -> e.allFinished() ? 0 : 1)
                .thenComparingDouble(e -> o.violation(e))
                .thenComparing(Comparator.<Evaluation>comparingDouble(e -> o.score(e.mean())).reversed())
                .thenComparingDouble(e -> -e.mean().goodputMbps())
                .thenComparingDouble(e -> nanLast(e.mean().p99Ms()))
                .thenComparingDouble(e -> nanLast(e.mean().overhead()))
                .thenComparing(e -> e.candidate().plain().key())
                .thenComparing(e -> e.candidate().preset()));
        return out;
    }

    /**
     * The recommendation from a ranked list: the first, unless other finished, feasible candidates are tied with it
     * on the goal (within the objective's tolerance); then the one of those with the lowest
     * {@link Objective#tieCost} on the other two metrics (the earlier in the ranking on equal cost).
     */
    public static Evaluation recommend(Objective o, List<Evaluation> ranked) {
        Evaluation top = ranked.get(0);
        if (!top.allFinished() || !o.feasible(top)) {
            return top;
        }
        List<Evaluation> tied = new ArrayList<>();
        for (Evaluation e : ranked) {
            if (!e.allFinished() || !o.feasible(e)) {
                break;   // the finished, feasible ones come first
            }
            if (o.tied(e.mean(), top.mean())) {
                tied.add(e);
            }
        }
        List<Evaluation.Stats> stats = tied.stream().map(Evaluation::mean).toList();
        Evaluation best = top;
        double cost = o.tieCost(top.mean(), stats);
        for (Evaluation e : tied) {
            double c = o.tieCost(e.mean(), stats);
            if (c < cost) {
                best = e;
                cost = c;
            }
        }
        return best;
    }

    private static double nanLast(double v) {
        return Double.isNaN(v) ? Double.MAX_VALUE : v;
    }

    /** The non-dominated candidates (goodput up, p99 down, overhead down), by goodput, highest first. */
    static List<Evaluation> pareto(List<Evaluation> all) {
        List<Evaluation> out = new ArrayList<>();
        for (Evaluation e : all) {
            boolean dominated = false;
            for (Evaluation o : all) {
                if (o != e && o.dominates(e)) {
                    dominated = true;
                    break;
                }
            }
            if (!dominated) {
                out.add(e);
            }
        }
        out.sort(Comparator.<Evaluation>comparingDouble(e -> -e.mean().goodputMbps())
                .thenComparing(e -> e.candidate().plain().key()).thenComparing(e -> e.candidate().preset()));
        return out;
    }

    /**
     * n candidates in which every value of every setting appears about equally often (each setting's column is a
     * run of shuffled copies of its values, the columns shuffled independently: a Latin-hypercube-like sample), so
     * that even a small budget tries FEC off and on, both engines, every window size.
     */
    static List<Candidate> stratified(int n, SplittableRandom r) {
        int[] engine = column(ENGINES.length, n, r);
        int[] nodelay = column(NODELAY.length, n, r);
        int[] interval = column(INTERVAL.length, n, r);
        int[] resend = column(RESEND.length, n, r);
        int[] nc = column(NC.length, n, r);
        int[] snd = column(WINDOW.length, n, r);
        int[] rcv = column(WINDOW.length, n, r);
        int[] mtu = column(MTU.length, n, r);
        int[] fec = column(FEC.length, n, r);
        int[] ack = column(2, n, r);
        List<Candidate> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new Candidate("", ENGINES[engine[i]], NODELAY[nodelay[i]], INTERVAL[interval[i]],
                    RESEND[resend[i]], NC[nc[i]], WINDOW[snd[i]], WINDOW[rcv[i]], MTU[mtu[i]], FEC[fec[i]][0],
                    FEC[fec[i]][1], ack[i] == 1));
        }
        return out;
    }

    /** n indices into k values: shuffled copies of 0..k-1 one after the other. */
    private static int[] column(int k, int n, SplittableRandom r) {
        int[] out = new int[n];
        int[] perm = new int[k];
        for (int i = 0; i < n; i++) {
            if (i % k == 0) {
                for (int j = 0; j < k; j++) {
                    perm[j] = j;
                }
                for (int j = k - 1; j > 0; j--) {
                    int x = r.nextInt(j + 1);
                    int t = perm[j];
                    perm[j] = perm[x];
                    perm[x] = t;
                }
            }
            out[i] = perm[i % k];
        }
        return out;
    }

    static Candidate random(SplittableRandom r) {
        int[] fec = FEC[r.nextInt(FEC.length)];
        int snd = WINDOW[r.nextInt(WINDOW.length)];
        int rcv = WINDOW[r.nextInt(WINDOW.length)];
        return new Candidate("", ENGINES[r.nextInt(ENGINES.length)], NODELAY[r.nextInt(NODELAY.length)],
                INTERVAL[r.nextInt(INTERVAL.length)], RESEND[r.nextInt(RESEND.length)], NC[r.nextInt(NC.length)],
                snd, rcv, MTU[r.nextInt(MTU.length)], fec[0], fec[1], r.nextBoolean());
    }

    static Candidate mutate(Candidate c, SplittableRandom r) {
        Candidate m = c.plain();
        int changes = 1 + r.nextInt(2);
        for (int i = 0; i < changes; i++) {
            String engine = m.engine();
            int nodelay = m.nodelay();
            int interval = m.interval();
            int resend = m.resend();
            int nc = m.nc();
            int snd = m.sndwnd();
            int rcv = m.rcvwnd();
            int mtu = m.mtu();
            int ds = m.dataShards();
            int ps = m.parityShards();
            boolean ack = m.ackNoDelay();
            switch (r.nextInt(11)) {
                case 0 -> engine = engine.equals("kcp-go") ? "ikcp" : "kcp-go";
                case 1 -> nodelay = 1 - nodelay;
                case 2 -> interval = step(INTERVAL, interval, r);
                case 3 -> resend = resend == 0 ? 2 : 0;
                case 4 -> nc = 1 - nc;
                case 5 -> snd = step(WINDOW, snd, r);
                case 6 -> rcv = step(WINDOW, rcv, r);
                case 7 -> {
                    snd = step(WINDOW, snd, r);
                    rcv = snd > rcv ? snd : rcv;
                }
                case 8 -> mtu = step(MTU, mtu, r);
                case 9 -> {
                    int[] f = FEC[r.nextInt(FEC.length)];
                    ds = f[0];
                    ps = f[1];
                }
                default -> ack = !ack;
            }
            m = new Candidate("", engine, nodelay, interval, resend, nc, snd, rcv, mtu, ds, ps, ack);
        }
        return m;
    }

    static Candidate crossover(Candidate a, Candidate b, SplittableRandom r) {
        Candidate fec = r.nextBoolean() ? a : b;
        return new Candidate("", r.nextBoolean() ? a.engine() : b.engine(),
                r.nextBoolean() ? a.nodelay() : b.nodelay(), r.nextBoolean() ? a.interval() : b.interval(),
                r.nextBoolean() ? a.resend() : b.resend(), r.nextBoolean() ? a.nc() : b.nc(),
                r.nextBoolean() ? a.sndwnd() : b.sndwnd(), r.nextBoolean() ? a.rcvwnd() : b.rcvwnd(),
                r.nextBoolean() ? a.mtu() : b.mtu(), fec.dataShards(), fec.parityShards(),
                r.nextBoolean() ? a.ackNoDelay() : b.ackNoDelay());
    }

    /** One step up or down an ordered list of values (values not in it jump to a random one). */
    static int step(int[] values, int v, SplittableRandom r) {
        int i = -1;
        for (int k = 0; k < values.length; k++) {
            if (values[k] == v) {
                i = k;
            }
        }
        if (i < 0) {
            return values[r.nextInt(values.length)];
        }
        int j = r.nextBoolean() ? i + 1 : i - 1;
        if (j < 0 || j >= values.length) {
            j = i + (i == 0 ? 1 : -1);
        }
        return values[j];
    }
}
