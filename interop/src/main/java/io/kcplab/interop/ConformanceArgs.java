package io.kcplab.interop;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The arguments of {@code kcplab conformance}, as its usage line documents them: {@code [SCRIPTS] [SEED]}
 * positionally (or {@code --seed S}), then options. Every mistake is an {@link IllegalArgumentException} whose
 * message is one line naming the argument.
 *
 * @param seed null: none given (the caller draws one and prints it, so the run can be replayed)
 */
record ConformanceArgs(int count, Long seed, int minOps, int maxOps, String profiles, Path replay, Path saveDir,
                       boolean help, boolean version) {

    static final String USAGE = "usage: kcplab conformance [SCRIPTS=1000] [SEED] [--seed S] [--min-ops 200] "
            + "[--max-ops 300] [--profile plain|conserve|both] [--replay FILE.script] [--save-failures DIR] "
            + "[--version]";

    static ConformanceArgs parse(String[] args) {
        Integer count = null;
        Long seed = null;
        int minOps = 200;
        int maxOps = 300;
        String profiles = "both";
        Path replay = null;
        Path saveDir = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "-h", "--help" -> {
                    return new ConformanceArgs(0, null, 0, 0, "", null, null, true, false);
                }
                case "-V", "--version" -> {
                    return new ConformanceArgs(0, null, 0, 0, "", null, null, false, true);
                }
                case "--seed" -> {
                    if (seed != null) {
                        throw new IllegalArgumentException("the seed is given twice");
                    }
                    seed = longValue(a, value(args, ++i, a));
                }
                case "--min-ops" -> minOps = intValue(a, value(args, ++i, a), 1);
                case "--max-ops" -> maxOps = intValue(a, value(args, ++i, a), 1);
                case "--profile" -> profiles = value(args, ++i, a);
                case "--replay" -> replay = Path.of(value(args, ++i, a));
                case "--save-failures" -> saveDir = Path.of(value(args, ++i, a));
                default -> {
                    if (a.startsWith("-") && !a.matches("-\\d+")) {
                        throw new IllegalArgumentException("unknown option '" + a + "'");
                    }
                    if (count == null) {
                        count = intValue("SCRIPTS", a, 1);
                    } else if (seed == null) {
                        seed = longValue("SEED", a);
                    } else {
                        throw new IllegalArgumentException("too many arguments: '" + a + "' (SCRIPTS and SEED "
                                + "are already given)");
                    }
                }
            }
        }
        if (maxOps < minOps) {
            throw new IllegalArgumentException("--max-ops " + maxOps + " is less than --min-ops " + minOps);
        }
        if (!profiles.equals("plain") && !profiles.equals("conserve") && !profiles.equals("both")) {
            throw new IllegalArgumentException("--profile: unknown profile '" + profiles
                    + "'; accepted: plain, conserve, both");
        }
        if (replay != null && !Files.exists(replay)) {
            throw new IllegalArgumentException("--replay: " + replay + ": not found");
        }
        if (replay != null && Files.isDirectory(replay)) {
            throw new IllegalArgumentException("--replay: " + replay + " is a directory; give a .script file");
        }
        if (saveDir != null && Files.exists(saveDir) && !Files.isDirectory(saveDir)) {
            throw new IllegalArgumentException("--save-failures: " + saveDir + " is a file, not a folder");
        }
        return new ConformanceArgs(count == null ? 1000 : count, seed, minOps, maxOps, profiles, replay, saveDir,
                false, false);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int intValue(String name, String text, int min) {
        int v;
        try {
            v = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": '" + text + "' is not a whole number");
        }
        if (v < min) {
            throw new IllegalArgumentException(name + ": " + v + " is out of range; accepted: " + min + " or more");
        }
        return v;
    }

    private static long longValue(String name, String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": '" + text + "' is not a whole number");
        }
    }
}
