package io.kcplab.bench.tunnel;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The markdown table of tunnel.sh: per stream count, medians over the reps of each stack, and the ratios. */
final class LoadReport {

    private static final Pattern FIELD = Pattern.compile("\"(\\w+)\":\"?([^,\"}]*)\"?");

    private LoadReport() {
    }

    static void print(Path jsonl, PrintStream out) throws IOException {
        // streams -> stack -> {MB/s values, CPU s/GB values}
        Map<Integer, Map<String, List<List<Double>>>> by = new TreeMap<>();
        for (String line : Files.readAllLines(jsonl)) {
            Map<String, String> f = new TreeMap<>();
            Matcher m = FIELD.matcher(line);
            while (m.find()) {
                f.put(m.group(1), m.group(2));
            }
            if (!"tunnel".equals(f.get("bench"))) {
                continue;
            }
            List<List<Double>> v = by.computeIfAbsent(Integer.parseInt(f.get("streams")), k -> new TreeMap<>())
                    .computeIfAbsent(f.get("stack"), k -> List.of(new ArrayList<>(), new ArrayList<>()));
            v.get(0).add(Double.parseDouble(f.get("mb_per_s")));
            v.get(1).add(Double.parseDouble(f.get("cpu_s_per_gb")));
        }
        out.println("| streams | KcpLab MB/s | kcptun MB/s | KcpLab/kcptun | KcpLab CPU s/GB | kcptun CPU s/GB "
                + "| KcpLab/kcptun | reps |");
        out.println("|---|---|---|---|---|---|---|---|");
        for (Map.Entry<Integer, Map<String, List<List<Double>>>> e : by.entrySet()) {
            List<List<Double>> k = e.getValue().getOrDefault("kcplab", List.of(List.of(), List.of()));
            List<List<Double>> t = e.getValue().getOrDefault("kcptun", List.of(List.of(), List.of()));
            out.printf(Locale.ROOT, "| %d | %s | %s | %s | %s | %s | %s | %d / %d |%n", e.getKey(),
                    spread(k.get(0), "%.1f"), spread(t.get(0), "%.1f"), ratio(median(k.get(0)), median(t.get(0))),
                    spread(k.get(1), "%.2f"), spread(t.get(1), "%.2f"), ratio(median(k.get(1)), median(t.get(1))),
                    k.get(0).size(), t.get(0).size());
        }
        out.println();
    }

    static double median(List<Double> xs) {
        double[] a = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (a.length == 0) {
            return Double.NaN;
        }
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }

    /** "median (min–max)", or the one value. */
    static String spread(List<Double> xs, String fmt) {
        if (xs.isEmpty()) {
            return "n/a";
        }
        String med = String.format(Locale.ROOT, fmt, median(xs));
        if (xs.size() == 1) {
            return med;
        }
        double min = xs.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        double max = xs.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        return med + " (" + String.format(Locale.ROOT, fmt, min) + "–" + String.format(Locale.ROOT, fmt, max) + ")";
    }

    static String ratio(double num, double den) {
        return Double.isFinite(num / den) ? String.format(Locale.ROOT, "%.2fx", num / den) : "n/a";
    }
}
