package io.kcplab.scenarios.report;

import io.kcplab.reports.html.Link;
import io.kcplab.reports.html.ReportFolder;
import io.kcplab.reports.html.ReportOptions;
import io.kcplab.reports.io.ResultCsv;
import io.kcplab.reports.io.ResultJson;
import io.kcplab.reports.result.ResultSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a result set into a folder: {@code results.json} (full fidelity; merge and compare read it),
 * {@code results.csv} (one row per run) and, unless asked not to, the HTML report: {@code report.html}, its charts
 * as PNG and SVG files in {@code charts/}, and for a sweep a page per configuration in {@code runs/} (see the
 * reports module's {@link ReportFolder}).
 */
public final class ReportWriter {

    public static final String JSON = "results.json";
    public static final String CSV = "results.csv";
    public static final String HTML = ReportFolder.HTML;

    private ReportWriter() {
    }

    public static void writeResults(ResultSet set, Path dir) throws IOException {
        Files.createDirectories(dir);
        ResultJson.write(set, dir.resolve(JSON));
        ResultCsv.write(set, dir.resolve(CSV));
    }

    /**
     * The HTML report. {@code focusConnection}: the connection whose latency CDF the sweep page overlays across
     * configurations (null: the first connection). Returns the report's path.
     */
    public static Path writeReport(ResultSet set, Path dir, String title, String scenarioText,
            String focusConnection) throws IOException {
        ReportOptions options = ReportOptions.titled(title).withScenarioText(scenarioText)
                .withLinks(List.of(new Link("results (CSV)", CSV), new Link("results (JSON)", JSON),
                        new Link("charts (PNG, SVG)", ReportFolder.CHARTS + "/")));
        return ReportFolder.write(set, dir, options, focusConnection);
    }
}
