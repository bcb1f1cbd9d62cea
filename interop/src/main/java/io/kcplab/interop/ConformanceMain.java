package io.kcplab.interop;

import io.kcplab.interop.lockstep.Draws;
import io.kcplab.interop.lockstep.LockstepChecker;
import io.kcplab.interop.lockstep.Script;
import io.kcplab.interop.lockstep.ScriptGenerator;
import io.kcplab.interop.lockstep.ScriptShrinker;
import io.kcplab.interop.lockstep.Transcript;
import io.kcplab.protocol.BuildInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code kcplab conformance}: builds the C peer if needed, runs N generated lock-step scripts on C ikcp and on
 * the Java engine (alternating the plain and the IKCP_FASTACK_CONSERVE builds), prints a one-screen summary
 * and exits 0 (all equal), 1 (a divergence) or 2 (usage error or the C peer cannot be built).
 *
 * <pre>
 * usage: kcplab conformance [SCRIPTS] [SEED] [--seed S] [--min-ops N] [--max-ops N]
 *                           [--profile plain|conserve|both] [--replay FILE.script] [--save-failures DIR]
 * </pre>
 * Script i of a run uses seed {@code S + i}; a failure prints its seed, the first divergence and a shrunk
 * script that {@code --replay} runs again.
 */
public final class ConformanceMain {

    private ConformanceMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        ConformanceArgs a;
        try {
            a = ConformanceArgs.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("conformance: " + e.getMessage() + " (see: kcplab conformance --help)");
            return 2;
        }
        if (a.help()) {
            System.out.println(ConformanceArgs.USAGE);
            return 0;
        }
        if (a.version()) {
            System.out.println("kcplab conformance: " + BuildInfo.versionLine());
            return 0;
        }
        long seed = a.seed() != null ? a.seed() : System.nanoTime();
        int count = a.count();
        int minOps = a.minOps();
        int maxOps = a.maxOps();
        String profiles = a.profiles();
        Path replay = a.replay();
        Path saveDir = a.saveDir();
        List<NativeIkcp.Profile> selected = new ArrayList<>();
        switch (profiles) {
            case "plain":
                selected.add(NativeIkcp.Profile.PLAIN);
                break;
            case "conserve":
                selected.add(NativeIkcp.Profile.CONSERVE);
                break;
            case "both":
                selected.add(NativeIkcp.Profile.PLAIN);
                selected.add(NativeIkcp.Profile.CONSERVE);
                break;
            default:
                throw new IllegalStateException("ConformanceArgs accepted the profile " + profiles);
        }

        List<LockstepChecker> checkers = new ArrayList<>();
        try {
            for (NativeIkcp.Profile p : selected) {
                checkers.add(new LockstepChecker(p));
            }
            return replay != null ? replay(replay, checkers) : generated(count, seed, minOps, maxOps, checkers, saveDir);
        } catch (NativeIkcp.UnavailableException e) {
            System.err.println("conformance: the C peer cannot be built: " + e.getMessage() + ". Install with: "
                    + NativeIkcp.INSTALL_HINT);
            return 2;
        } catch (IOException e) {
            System.err.println("conformance: " + e.getMessage());
            return 2;
        } finally {
            checkers.forEach(LockstepChecker::close);
        }
    }

    private static int generated(int count, long seed, int minOps, int maxOps, List<LockstepChecker> checkers,
                                 Path saveDir) throws IOException {
        ScriptGenerator generator = new ScriptGenerator(minOps, maxOps);
        long start = System.nanoTime();
        int mismatches = 0;
        StringBuilder firstReport = null;
        System.out.printf(Locale.ROOT, "KcpLab conformance: Java Kcp (IKCP profile) vs C ikcp 1.7 (%s), seed %d%n",
                NativeIkcp.NPM_PACKAGE, seed);
        ConformanceProgress progress = new ConformanceProgress(System.err, count, System::nanoTime);
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                progress.done(i);
            }
            long scriptSeed = seed + i;
            LockstepChecker checker = checkers.get(i % checkers.size());
            Script script = generator.generate(Draws.seeded(scriptSeed));
            Transcript.Divergence d = checker.check(script);
            if (d != null) {
                mismatches++;
                if (firstReport == null) {
                    Script small = ScriptShrinker.shrink(script, checker::diverges, 30_000);
                    Transcript.Divergence ds = checker.check(small);
                    firstReport = new StringBuilder();
                    firstReport.append("first mismatch: script ").append(i).append(" (seed ").append(scriptSeed)
                            .append(", profile ").append(checker.profile().id).append(")\n")
                            .append(ds != null ? ds : d).append("shrunk script (").append(small.size())
                            .append(" ops; save as a .script file and replay with --replay):\n")
                            .append(small.toText());
                    if (saveDir != null) {
                        Files.createDirectories(saveDir);
                        Path f = saveDir.resolve("seed-" + scriptSeed + "-" + checker.profile().id + ".script");
                        Files.writeString(f, "# conformance mismatch, seed " + scriptSeed + ", profile "
                                + checker.profile().id + "\n" + small.toText());
                        firstReport.append("saved: ").append(f).append('\n');
                    }
                }
            }
        }
        progress.done(count);
        double seconds = (System.nanoTime() - start) / 1e9;
        long scripts = 0;
        long ops = 0;
        long datagrams = 0;
        for (LockstepChecker c : checkers) {
            scripts += c.scripts();
            ops += c.ops();
            datagrams += c.datagrams();
        }
        if (firstReport != null) {
            System.out.println(firstReport);
        }
        System.out.printf(Locale.ROOT, "profiles   : %s%n", checkers.stream().map(c -> c.profile().id).toList());
        System.out.printf(Locale.ROOT, "scripts    : %d (%d..%d ops each)%n", scripts, minOps, maxOps);
        System.out.printf(Locale.ROOT, "operations : %d%n", ops);
        System.out.printf(Locale.ROOT, "datagrams  : %d compared byte for byte (FNV-64) with state after every op%n",
                datagrams);
        for (LockstepChecker c : checkers) {
            System.out.printf(Locale.ROOT, "reached    : [%s] scripts per trap: %s%n", c.profile().id, c.coverage());
        }
        System.out.printf(Locale.ROOT, "mismatches : %d%n", mismatches);
        System.out.printf(Locale.ROOT, "seed       : %d (replay: kcplab conformance %d %d)%n", seed, count, seed);
        System.out.printf(Locale.ROOT, "time       : %.1f s%n", seconds);
        System.out.println(mismatches == 0 ? "RESULT: CONFORMANT" : "RESULT: MISMATCH");
        return mismatches == 0 ? 0 : 1;
    }

    private static int replay(Path file, List<LockstepChecker> checkers) throws IOException {
        Script script = Script.parse(Files.readString(file));
        int failures = 0;
        for (LockstepChecker c : checkers) {
            Transcript.Divergence d = c.check(script);
            System.out.printf(Locale.ROOT, "%s [%s]: %s%n", file, c.profile().id, d == null ? "conformant" : "MISMATCH");
            if (d != null) {
                System.out.println(d);
                failures++;
            }
        }
        return failures == 0 ? 0 : 1;
    }

}
