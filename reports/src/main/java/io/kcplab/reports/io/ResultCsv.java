package io.kcplab.reports.io;

import io.kcplab.reports.result.FlowResult;
import io.kcplab.reports.result.Metric;
import io.kcplab.reports.result.Metrics;
import io.kcplab.reports.result.ResultMetadata;
import io.kcplab.reports.result.ResultSet;
import io.kcplab.reports.result.RunResult;
import io.kcplab.reports.result.Settings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * One row per run with its total metrics and its flows:
 * {@code index,run_id,scenario,<setting columns>,seed,run_hash,duration_s,<metric columns>,extra.<name>...,
 * flow.<flow>.workload,flow.<flow>.<flow metric>...,flow.<flow>.extra.<name>...}, a column group per flow id
 * (e.g. {@code flow.bulk/up.goodput_bps}); a run without that flow leaves its group empty. Groups follow the
 * flows' order of first appearance in the set, and a run read back lists its flows in that order (runs of one
 * scenario list them in conversation order, so nothing changes for them).
 *
 * <p>Setting columns are the union of all runs' setting keys in order of first appearance; an
 * empty cell means the run does not have that setting (setting values are never empty). CSV
 * holds no series or per-connection data: JSON is the full-fidelity format.
 */
public final class ResultCsv {

    static final List<String> LEADING = List.of("index", "run_id", "scenario");
    static final List<String> AFTER_SETTINGS = List.of("seed", "run_hash", "duration_s");
    static final String EXTRA_PREFIX = "extra.";
    static final String FLOW_PREFIX = "flow.";
    static final String WORKLOAD = "workload";

    private ResultCsv() {
    }

    public static String toCsv(ResultSet set) {
        List<String> settingKeys = set.settingKeys();
        List<String> extras = set.extraMetricNames();
        StringBuilder out = new StringBuilder();
        List<String> header = new ArrayList<>(LEADING);
        header.addAll(settingKeys);
        header.addAll(AFTER_SETTINGS);
        for (Metric m : Metric.values()) {
            header.add(m.key());
        }
        extras.forEach(e -> header.add(EXTRA_PREFIX + e));
        List<String> flows = set.flowIds();
        List<List<String>> flowExtras = new ArrayList<>();
        for (String f : flows) {
            header.add(FLOW_PREFIX + f + "." + WORKLOAD);
            FlowResult.METRICS.forEach(m -> header.add(FLOW_PREFIX + f + "." + m.key()));
            List<String> names = set.flowExtraNames(f);
            flowExtras.add(names);
            names.forEach(e -> header.add(FLOW_PREFIX + f + "." + EXTRA_PREFIX + e));
        }
        out.append(Csv.row(header));
        for (RunResult r : set.runs()) {
            List<String> row = new ArrayList<>(header.size());
            row.add(Integer.toString(r.index()));
            row.add(r.runId());
            row.add(r.scenario());
            for (String key : settingKeys) {
                String v = r.settings().get(key);
                row.add(v == null ? "" : v);
            }
            row.add(Long.toString(r.seed()));
            row.add(r.runHash());
            row.add(NumberText.of(r.durationSeconds()));
            for (Metric m : Metric.values()) {
                row.add(NumberText.metric(r.total().value(m), m.integral()));
            }
            for (String e : extras) {
                Double v = r.total().extra().get(e);
                row.add(v == null ? "" : NumberText.of(v));
            }
            for (int i = 0; i < flows.size(); i++) {
                FlowResult f = r.flow(flows.get(i));
                row.add(f == null ? "" : f.workload());
                for (Metric m : FlowResult.METRICS) {
                    row.add(f == null ? "" : NumberText.metric(f.value(m), m.integral()));
                }
                for (String e : flowExtras.get(i)) {
                    Double v = f == null ? null : f.metrics().extra().get(e);
                    row.add(v == null ? "" : NumberText.of(v));
                }
            }
            out.append(Csv.row(row));
        }
        return out.toString();
    }

    public static void write(ResultSet set, Path file) throws IOException {
        Files.writeString(file, toCsv(set), StandardCharsets.UTF_8);
    }

    /** Reads rows back as summary runs ({@link RunResult#summaryOnly()}); CSV carries no metadata. */
    public static ResultSet fromCsv(String text, ResultMetadata metadata) {
        List<List<String>> rows = Csv.parse(text);
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("CSV is empty: expected a header starting with " + String.join(",", LEADING));
        }
        List<String> header = rows.get(0);
        if (header.size() < LEADING.size() || !header.subList(0, LEADING.size()).equals(LEADING)) {
            throw new IllegalArgumentException("CSV header must start with " + String.join(",", LEADING) + ", got "
                    + String.join(",", header.subList(0, Math.min(3, header.size()))));
        }
        int seedColumn = header.indexOf("seed");
        if (seedColumn < 0 || seedColumn + AFTER_SETTINGS.size() > header.size()
                || !header.subList(seedColumn, seedColumn + AFTER_SETTINGS.size()).equals(AFTER_SETTINGS)) {
            throw new IllegalArgumentException("CSV header must have the columns " + String.join(",", AFTER_SETTINGS)
                    + " after the setting columns");
        }
        List<String> settingKeys = header.subList(LEADING.size(), seedColumn);
        int firstMetric = seedColumn + AFTER_SETTINGS.size();
        Metric[] metricColumns = new Metric[header.size()];
        FlowColumn[] flowColumns = new FlowColumn[header.size()];
        for (int c = firstMetric; c < header.size(); c++) {
            String name = header.get(c);
            if (name.startsWith(FLOW_PREFIX)) {
                flowColumns[c] = FlowColumn.parse(name);
            } else if (!name.startsWith(EXTRA_PREFIX)) {
                metricColumns[c] = metricByKey(name);
            }
        }
        List<RunResult> runs = new ArrayList<>();
        for (int r = 1; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            String where = "CSV row " + (r + 1);
            if (row.size() != header.size()) {
                throw new IllegalArgumentException(where + " has " + row.size() + " fields, header has " + header.size());
            }
            try {
                LinkedHashMap<String, String> settings = new LinkedHashMap<>();
                for (int c = 0; c < settingKeys.size(); c++) {
                    String v = row.get(LEADING.size() + c);
                    if (!v.isEmpty()) {
                        settings.put(settingKeys.get(c), v);
                    }
                }
                Metrics.Builder metrics = Metrics.builder();
                LinkedHashMap<String, String> flowWorkloads = new LinkedHashMap<>();
                LinkedHashMap<String, Metrics.Builder> flowMetrics = new LinkedHashMap<>();
                for (int c = firstMetric; c < header.size(); c++) {
                    String cell = row.get(c);
                    if (cell.isEmpty()) {
                        continue; // metric absent (extra, a flow this run lacks) or left at its default
                    }
                    FlowColumn fc = flowColumns[c];
                    if (fc != null && fc.metric() == null && fc.extra() == null) {
                        flowWorkloads.put(fc.flow(), cell);
                        continue;
                    }
                    double v = NumberText.parseDouble(header.get(c), cell);
                    if (fc != null) {
                        Metrics.Builder b = flowMetrics.computeIfAbsent(fc.flow(), k -> Metrics.builder());
                        if (fc.metric() != null) {
                            b.set(fc.metric(), v);
                        } else {
                            b.extra(fc.extra(), v);
                        }
                    } else if (metricColumns[c] != null) {
                        metrics.set(metricColumns[c], v);
                    } else {
                        metrics.extra(header.get(c).substring(EXTRA_PREFIX.length()), v);
                    }
                }
                List<FlowResult> flows = new ArrayList<>();
                for (String f : flowMetrics.keySet()) {
                    if (!flowWorkloads.containsKey(f)) {
                        throw new IllegalArgumentException("flow " + f + " has figures but no " + FLOW_PREFIX + f
                                + "." + WORKLOAD);
                    }
                }
                flowWorkloads.forEach((f, w) -> flows.add(new FlowResult(f, w,
                        flowMetrics.getOrDefault(f, Metrics.builder()).build())));
                runs.add(RunResult.summary(
                        index(row.get(0)), row.get(1), row.get(2),
                        new Settings(settings), NumberText.parseLong("seed", row.get(seedColumn)),
                        row.get(seedColumn + 1), NumberText.parseDouble("duration_s", row.get(seedColumn + 2)),
                        metrics.build(), flows));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
        }
        return new ResultSet(metadata, runs);
    }

    public static ResultSet read(Path file, ResultMetadata metadata) throws IOException {
        return fromCsv(Files.readString(file, StandardCharsets.UTF_8), metadata);
    }

    private static int index(String cell) {
        long v = NumberText.parseLong("index", cell);
        if (v != (int) v) {
            throw new IllegalArgumentException("index " + v + " is out of range");
        }
        return (int) v;
    }

    private static Metric metricByKey(String key) {
        for (Metric m : Metric.values()) {
            if (m.key().equals(key)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown CSV column '" + key + "': expected a metric ("
                + String.join(", ", java.util.Arrays.stream(Metric.values()).map(Metric::key).toList())
                + ") or extra.<name>");
    }

    /**
     * A {@code flow.<flow>.<what>} column: the flow id holds a '/', what follows it has none, so the id ends at
     * the first '.' after its last '/'. {@code what} is "workload", a flow metric key or "extra.<name>".
     */
    private record FlowColumn(String flow, Metric metric, String extra) {

        static FlowColumn parse(String column) {
            String rest = column.substring(FLOW_PREFIX.length());
            int slash = rest.lastIndexOf('/');
            int dot = slash < 0 ? -1 : rest.indexOf('.', slash);
            if (slash <= 0 || dot < 0) {
                throw new IllegalArgumentException("bad CSV column '" + column
                        + "': expected flow.<connection>/<direction>.<metric>");
            }
            String flow = rest.substring(0, dot);
            String what = rest.substring(dot + 1);
            if (what.equals(WORKLOAD)) {
                return new FlowColumn(flow, null, null);
            }
            if (what.startsWith(EXTRA_PREFIX)) {
                return new FlowColumn(flow, null, what.substring(EXTRA_PREFIX.length()));
            }
            Metric m = metricByKey(what);
            if (!FlowResult.METRICS.contains(m)) {
                throw new IllegalArgumentException("CSV column '" + column + "': " + what + " is not a flow metric");
            }
            return new FlowColumn(flow, m, null);
        }
    }
}
