package io.kcplab.reports.html;

import io.kcplab.reports.chart.ChartRenderer;
import org.jfree.chart.JFreeChart;

import java.util.Base64;

/** Turns a chart into a self-contained {@code <figure>}; ids are numbered per page so inline SVGs never clash. */
final class ChartEmbed {

    private final ImageFormat format;
    private final int width;
    private final int height;
    private int next;

    ChartEmbed(ReportOptions options) {
        this.format = options.imageFormat();
        this.width = options.chartWidth();
        this.height = options.chartHeight();
    }

    String figure(JFreeChart chart) {
        String title = chart.getTitle() == null ? "chart" : chart.getTitle().getText();
        String id = "chart" + (next++);
        String image = switch (format) {
            case SVG -> ChartRenderer.svg(chart, width, height, id);
            case PNG -> "<img id=\"" + id + "\" width=\"" + width + "\" height=\"" + height + "\" alt=\""
                    + Html.escape(title) + "\" src=\"data:image/png;base64,"
                    + Base64.getEncoder().encodeToString(ChartRenderer.png(chart, width, height)) + "\">";
        };
        return "<figure>" + image + "<figcaption>" + Html.escape(title) + "</figcaption></figure>\n";
    }
}
