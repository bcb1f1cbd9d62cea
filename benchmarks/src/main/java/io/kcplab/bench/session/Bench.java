package io.kcplab.bench.session;

import com.sun.management.OperatingSystemMXBean;
import io.kcplab.interop.GoSessionPeer;
import io.kcplab.interop.GoVectors;
import io.kcplab.interop.PeerProcess;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/** Shared plumbing of the session benchmarks: options, CPU time, medians, JSON lines, tables, the Go program. */
final class Bench {

    static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private Bench() {
    }

    /** CPU time of this whole JVM (all threads: event loops, application threads, JIT, GC), seconds. */
    static double processCpuSeconds() {
        return OS.getProcessCpuTime() / 1e9;
    }

    /** {user, system} CPU seconds of this process from /proc/self/stat (USER_HZ = 100), or NaNs elsewhere. */
    static double[] userSys() {
        try {
            String st = Files.readString(Paths.get("/proc/self/stat"));
            String[] f = st.substring(st.lastIndexOf(')') + 2).split(" ");
            return new double[]{Long.parseLong(f[11]) / 100.0, Long.parseLong(f[12]) / 100.0};
        } catch (IOException | RuntimeException e) {
            return new double[]{Double.NaN, Double.NaN};
        }
    }

    // ------------------------------------------------------------------------------------- arguments

    /** {@code --name value} pairs after the command. */
    static Map<String, String> options(String[] args, int from) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = from; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got " + Arrays.toString(args));
            }
            m.put(args[i].substring(2), args[++i]);
        }
        return m;
    }

    static long num(Map<String, String> o, String key, long def) {
        String v = o.get(key);
        return v == null ? def : Long.parseLong(v.replace("_", ""));
    }

    static String str(Map<String, String> o, String key, String def) {
        return o.getOrDefault(key, def);
    }

    // -------------------------------------------------------------------------------------- the Go peer

    /** kcpsess (interop/src/main/go/kcpsess), built offline on first use like kcppeer. */
    static Path kcpsess() {
        GoSessionPeer.unavailableReason().ifPresent(r -> {
            throw new IllegalStateException("kcp-go peer unavailable: " + r + " (" + GoSessionPeer.INSTALL_HINT + ")");
        });
        return GoVectors.binary("kcpsess");
    }

    /** Runs kcpsess to its end and returns its JSON lines (event filter: null for all). */
    static List<Map<String, Object>> runGo(Duration timeout, String... args) throws IOException {
        try (PeerProcess p = PeerProcess.start("kcpsess " + args[0], kcpsess(), List.of(args))) {
            PeerProcess.Result r = p.await(timeout);
            List<Map<String, Object>> out = new ArrayList<>();
            for (String line : r.stdout()) {
                if (line.startsWith("{")) {
                    out.add(new LinkedHashMap<>(io.kcplab.interop.PeerJson.parseObject(line)));
                }
            }
            if (r.exitCode() != 0) {
                throw new IllegalStateException("kcpsess " + String.join(" ", args) + " failed: " + r.describe());
            }
            return out;
        }
    }

    static double d(Map<String, Object> json, String key) {
        Object v = json.get(key);
        if (!(v instanceof Number n)) {
            throw new IllegalStateException("no number '" + key + "' in " + json);
        }
        return n.doubleValue();
    }

    // ------------------------------------------------------------------------------------ statistics

    static double median(List<Double> xs) {
        double[] a = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (a.length == 0) {
            return Double.NaN;
        }
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }

    static double min(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    static double max(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    /** "median (min–max)". */
    static String spread(List<Double> xs, String fmt) {
        if (xs.size() == 1) {
            return f(fmt, xs.get(0));
        }
        return f(fmt, median(xs)) + " (" + f(fmt, min(xs)) + "–" + f(fmt, max(xs)) + ")";
    }

    /** Rounded to 3 decimals, for the JSON lines. */
    static double r3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    static String f(String fmt, double v) {
        return String.format(Locale.ROOT, fmt, v);
    }

    static String ratio(double num, double den) {
        return Double.isFinite(num / den) ? String.format(Locale.ROOT, "%.2fx", num / den) : "n/a";
    }

    // ------------------------------------------------------------------------------------ output

    /** Appends one JSON object (flat map of numbers, strings, booleans) to {@code file} and echoes it to stderr. */
    static void record(Path file, Map<String, Object> fields) {
        StringJoiner j = new StringJoiner(",", "{", "}");
        fields.forEach((k, v) -> j.add('"' + k + "\":" + (v instanceof Number || v instanceof Boolean ? v
                : '"' + String.valueOf(v).replace("\\", "\\\\").replace("\"", "\\\"") + '"')));
        String line = j.toString();
        System.err.println(line);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> fields(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static Path outDir(Map<String, String> o) {
        return Paths.get(str(o, "out", "benchmarks/target-bench/sessions"));
    }

    /** A markdown table: header row, separator, rows. */
    static void table(PrintStream out, List<String> header, List<List<String>> rows) {
        out.println("| " + String.join(" | ", header) + " |");
        out.println("|" + "---|".repeat(header.size()));
        for (List<String> r : rows) {
            out.println("| " + String.join(" | ", r) + " |");
        }
        out.println();
    }
}
