package io.kcplab.reports.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import io.kcplab.reports.result.Cdf;
import io.kcplab.reports.result.ConnectionResult;
import io.kcplab.reports.result.FlowResult;
import io.kcplab.reports.result.Metric;
import io.kcplab.reports.result.Metrics;
import io.kcplab.reports.result.ResultMetadata;
import io.kcplab.reports.result.ResultSet;
import io.kcplab.reports.result.RunResult;
import io.kcplab.reports.result.Series;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/**
 * Writes a result set as JSON with a fixed key order, "\n" line ends (never the platform's)
 * and Schubfach double text, so equal sets give byte-equal files on any machine. Number arrays
 * stay on one line to keep series readable. NaN and infinities are written as the strings
 * "NaN", "Infinity", "-Infinity".
 */
final class ResultJsonWriter {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .build();

    private ResultJsonWriter() {
    }

    static String toJson(ResultSet set) {
        StringWriter out = new StringWriter();
        write(set, out);
        return out.toString();
    }

    static void write(ResultSet set, Writer out) {
        DefaultIndenter objects = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter pretty = new DefaultPrettyPrinter()
                .withObjectIndenter(objects)
                .withArrayIndenter(DefaultPrettyPrinter.FixedSpaceIndenter.instance);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.setPrettyPrinter(pretty);
            g.writeStartObject();
            g.writeStringField("format", ResultJson.FORMAT);
            g.writeNumberField("format_version", ResultJson.FORMAT_VERSION);
            writeMetadata(g, set.metadata());
            g.writeArrayFieldStart("runs");
            for (RunResult r : set.runs()) {
                writeRun(g, r);
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeMetadata(JsonGenerator g, ResultMetadata m) throws IOException {
        g.writeStringField("tool_version", m.toolVersion());
        g.writeStringField("created_at", m.createdAt());
        g.writeStringField("shard", m.shard());
        g.writeNumberField("sweep_size", m.sweepSize());
    }

    private static void writeRun(JsonGenerator g, RunResult r) throws IOException {
        g.writeStartObject();
        g.writeNumberField("index", r.index());
        g.writeStringField("run_id", r.runId());
        g.writeStringField("scenario", r.scenario());
        g.writeObjectFieldStart("settings");
        for (Map.Entry<String, String> e : r.settings().values().entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        if (!r.protocol().isEmpty()) { // older producers recorded none; their files stay byte-identical
            g.writeObjectFieldStart("protocol");
            for (Map.Entry<String, String> e : r.protocol().entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
        }
        g.writeNumberField("seed", r.seed());
        g.writeStringField("run_hash", r.runHash());
        g.writeNumberField("duration_s", r.durationSeconds());
        g.writeFieldName("total");
        writeMetrics(g, r.total());
        g.writeArrayFieldStart("connections");
        for (ConnectionResult c : r.connections()) {
            g.writeStartObject();
            g.writeStringField("connection", c.connection());
            g.writeFieldName("metrics");
            writeMetrics(g, c.metrics());
            g.writeFieldName("latency_cdf");
            writeCdf(g, c.latencyCdf());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("flows");
        for (FlowResult f : r.flows()) {
            g.writeStartObject();
            g.writeStringField("flow", f.flow());
            g.writeStringField("workload", f.workload());
            g.writeFieldName("metrics");
            writeFlowMetrics(g, f.metrics());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("series");
        for (Series s : r.series()) {
            g.writeStartObject();
            g.writeStringField("name", s.name());
            g.writeStringField("unit", s.unit());
            g.writeStringField("connection", s.connection());
            writeArray(g, "times", s.times());
            writeArray(g, "values", s.values());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void writeMetrics(JsonGenerator g, Metrics m) throws IOException {
        writeMetrics(g, m, List.of(Metric.values()));
    }

    /** Only the metrics a flow carries ({@link FlowResult#METRICS}), then its extras. */
    private static void writeFlowMetrics(JsonGenerator g, Metrics m) throws IOException {
        writeMetrics(g, m, FlowResult.METRICS);
    }

    private static void writeMetrics(JsonGenerator g, Metrics m, List<Metric> metrics) throws IOException {
        g.writeStartObject();
        for (Metric metric : metrics) {
            double v = m.value(metric);
            if (metric.integral()) {
                g.writeNumberField(metric.key(), (long) v);
            } else {
                g.writeNumberField(metric.key(), v);
            }
        }
        g.writeObjectFieldStart("extra");
        for (Map.Entry<String, Double> e : m.extra().entrySet()) {
            g.writeNumberField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void writeCdf(JsonGenerator g, Cdf cdf) throws IOException {
        g.writeStartObject();
        writeArray(g, "values", cdf.values());
        writeArray(g, "fractions", cdf.fractions());
        g.writeEndObject();
    }

    private static void writeArray(JsonGenerator g, String name, double[] values) throws IOException {
        g.writeFieldName(name);
        g.writeArray(values, 0, values.length);
    }
}
