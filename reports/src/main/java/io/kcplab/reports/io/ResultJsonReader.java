package io.kcplab.reports.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kcplab.reports.result.Cdf;
import io.kcplab.reports.result.ConnectionResult;
import io.kcplab.reports.result.FlowResult;
import io.kcplab.reports.result.Metric;
import io.kcplab.reports.result.Metrics;
import io.kcplab.reports.result.ResultMetadata;
import io.kcplab.reports.result.ResultSet;
import io.kcplab.reports.result.RunResult;
import io.kcplab.reports.result.Series;
import io.kcplab.reports.result.Settings;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.kcplab.reports.io.JsonFields.array;
import static io.kcplab.reports.io.JsonFields.int32;
import static io.kcplab.reports.io.JsonFields.integer;
import static io.kcplab.reports.io.JsonFields.number;
import static io.kcplab.reports.io.JsonFields.numbers;
import static io.kcplab.reports.io.JsonFields.object;
import static io.kcplab.reports.io.JsonFields.text;

/** Reads what {@link ResultJsonWriter} wrote, checking the format tag and every field. */
final class ResultJsonReader {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ResultJsonReader() {
    }

    static ResultSet read(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage()
                    + " at line " + e.getLocation().getLineNr(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("a KcpLab result file must hold a JSON object");
        }
        String format = root.path("format").asText("");
        if (!format.equals(ResultJson.FORMAT)) {
            throw new IllegalArgumentException("not a KcpLab result file: format is '" + format + "', expected '"
                    + ResultJson.FORMAT + "'");
        }
        long version = integer(root, "format_version", "$");
        if (version != ResultJson.FORMAT_VERSION) {
            throw new IllegalArgumentException("result format version " + version + " is not supported (this build reads "
                    + ResultJson.FORMAT_VERSION + ")");
        }
        ResultMetadata metadata = new ResultMetadata(text(root, "tool_version", "$"), text(root, "created_at", "$"),
                text(root, "shard", "$"), int32(root, "sweep_size", "$"));
        List<RunResult> runs = new ArrayList<>();
        JsonNode runNodes = array(root, "runs", "$");
        for (int i = 0; i < runNodes.size(); i++) {
            String path = "$.runs[" + i + "]";
            try {
                runs.add(run(runNodes.get(i), path));
            } catch (IllegalArgumentException e) {
                throw e.getMessage().startsWith(path) ? e : new IllegalArgumentException(path + ": " + e.getMessage(), e);
            }
        }
        return new ResultSet(metadata, runs);
    }

    private static RunResult run(JsonNode n, String path) {
        Map<String, String> settings = strings(object(n, "settings", path), path + ".settings");
        JsonNode protocolNode = n.get("protocol"); // absent in results written before protocol parameters were recorded
        Map<String, String> protocol = protocolNode == null || protocolNode.isNull() ? Map.of()
                : strings(object(n, "protocol", path), path + ".protocol");
        List<ConnectionResult> connections = new ArrayList<>();
        JsonNode cs = array(n, "connections", path);
        for (int i = 0; i < cs.size(); i++) {
            String p = path + ".connections[" + i + "]";
            JsonNode c = cs.get(i);
            JsonNode cdf = object(c, "latency_cdf", p);
            connections.add(new ConnectionResult(text(c, "connection", p), metrics(object(c, "metrics", p), p + ".metrics"),
                    new Cdf(numbers(cdf, "values", p + ".latency_cdf"), numbers(cdf, "fractions", p + ".latency_cdf"))));
        }
        List<Series> series = new ArrayList<>();
        JsonNode ss = array(n, "series", path);
        for (int i = 0; i < ss.size(); i++) {
            String p = path + ".series[" + i + "]";
            JsonNode s = ss.get(i);
            series.add(new Series(text(s, "name", p), text(s, "unit", p), text(s, "connection", p),
                    numbers(s, "times", p), numbers(s, "values", p)));
        }
        List<FlowResult> flows = new ArrayList<>();
        JsonNode fs = n.get("flows"); // absent in results written before flows existed
        if (fs != null && !fs.isNull()) {
            fs = array(n, "flows", path);
            for (int i = 0; i < fs.size(); i++) {
                String p = path + ".flows[" + i + "]";
                JsonNode f = fs.get(i);
                flows.add(new FlowResult(text(f, "flow", p), text(f, "workload", p),
                        metrics(object(f, "metrics", p), p + ".metrics", FlowResult.METRICS)));
            }
        }
        return new RunResult(int32(n, "index", path), text(n, "run_id", path), text(n, "scenario", path),
                new Settings(settings), integer(n, "seed", path), text(n, "run_hash", path),
                number(n, "duration_s", path), metrics(object(n, "total", path), path + ".total"),
                connections, series, flows, protocol);
    }

    /** An object of string values, in file order. */
    private static Map<String, String> strings(JsonNode object, String path) {
        LinkedHashMap<String, String> values = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = object.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw new IllegalArgumentException(path + "." + e.getKey() + " must be a string");
            }
            values.put(e.getKey(), e.getValue().textValue());
        }
        return values;
    }

    private static Metrics metrics(JsonNode n, String path) {
        return metrics(n, path, List.of(Metric.values()));
    }

    /** Reads the {@code required} metrics (every one must be there), the extras, and rejects unknown keys. */
    private static Metrics metrics(JsonNode n, String path, List<Metric> required) {
        Metrics.Builder b = Metrics.builder();
        for (Metric m : required) {
            if (m.integral()) {
                b.set(m, integer(n, m.key(), path));
            } else {
                b.set(m, number(n, m.key(), path));
            }
        }
        JsonNode extra = n.get("extra");
        if (extra != null && !extra.isNull()) {
            Iterator<Map.Entry<String, JsonNode>> it = extra.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                b.extra(e.getKey(), number(e.getValue(), path + ".extra." + e.getKey()));
            }
        }
        Iterator<String> names = n.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!name.equals("extra") && (Metric.find(name) == null || !required.contains(Metric.find(name)))) {
                throw new IllegalArgumentException(path + "." + name + " is not a known metric (put new ones under extra)");
            }
        }
        return b.build();
    }

}
