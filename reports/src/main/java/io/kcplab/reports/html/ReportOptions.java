package io.kcplab.reports.html;

import java.util.List;

/**
 * What a report page shows besides the results.
 *
 * @param scenarioText the scenario as the user wrote it (e.g. its YAML), shown verbatim; may be empty
 * @param heatMaps     heat maps of a sweep page; empty = automatic (goodput and p99 over the first
 *                     two settings that take more than one value)
 * @param chartFiles   where charts are also written as PNG and SVG files (linked from their captions); null: only
 *                     embedded in the page
 */
public record ReportOptions(String title, String scenarioText, ImageFormat imageFormat, int chartWidth,
                            int chartHeight, List<HeatMapSpec> heatMaps, List<Link> links, ChartFiles chartFiles) {

    public ReportOptions {
        heatMaps = List.copyOf(heatMaps);
        links = List.copyOf(links);
        scenarioText = scenarioText == null ? "" : scenarioText;
    }

    public static ReportOptions titled(String title) {
        return new ReportOptions(title, "", ImageFormat.SVG, 900, 420, List.of(), List.of(), null);
    }

    public ReportOptions withScenarioText(String text) {
        return new ReportOptions(title, text, imageFormat, chartWidth, chartHeight, heatMaps, links, chartFiles);
    }

    public ReportOptions withImageFormat(ImageFormat format) {
        return new ReportOptions(title, scenarioText, format, chartWidth, chartHeight, heatMaps, links, chartFiles);
    }

    public ReportOptions withChartSize(int width, int height) {
        return new ReportOptions(title, scenarioText, imageFormat, width, height, heatMaps, links, chartFiles);
    }

    public ReportOptions withHeatMaps(List<HeatMapSpec> specs) {
        return new ReportOptions(title, scenarioText, imageFormat, chartWidth, chartHeight, specs, links, chartFiles);
    }

    public ReportOptions withTitle(String newTitle) {
        return new ReportOptions(newTitle, scenarioText, imageFormat, chartWidth, chartHeight, heatMaps, links,
                chartFiles);
    }

    public ReportOptions withChartFiles(ChartFiles files) {
        return new ReportOptions(title, scenarioText, imageFormat, chartWidth, chartHeight, heatMaps, links, files);
    }

    public ReportOptions withLinks(List<Link> newLinks) {
        return new ReportOptions(title, scenarioText, imageFormat, chartWidth, chartHeight, heatMaps, newLinks, chartFiles);
    }
}
