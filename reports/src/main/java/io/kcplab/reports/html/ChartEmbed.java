package io.kcplab.reports.html;

import io.kcplab.reports.chart.ChartRenderer;
import org.jfree.chart.JFreeChart;

import java.util.Base64;

/**
 * Turns a chart into a self-contained {@code <figure>}; ids are numbered per page so inline SVGs never clash. When
 * the options name a chart folder, the chart is also written there as PNG and SVG and the caption links both.
 */
final class ChartEmbed {

    private final ImageFormat format;
    private final int width;
    private final int height;
    private final ChartFiles files;
    private final String idPrefix;
    private int next;

    ChartEmbed(ReportOptions options) {
        this(options, "chart");
    }

    ChartEmbed(ReportOptions options, String idPrefix) {
        this.format = options.imageFormat();
        this.width = options.chartWidth();
        this.height = options.chartHeight();
        this.files = options.chartFiles();
        this.idPrefix = idPrefix;
    }

    String figure(JFreeChart chart) {
        String title = chart.getTitle() == null ? "chart" : chart.getTitle().getText();
        return figure(chart, title);
    }

    /** {@code name}: what the chart's files are called (slugged), e.g. "goodput over time". */
    String figure(JFreeChart chart, String name) {
        String title = chart.getTitle() == null ? "chart" : chart.getTitle().getText();
        String id = idPrefix + (next++);
        String svg = format == ImageFormat.SVG ? ChartRenderer.svg(chart, width, height, id) : null;
        String image = switch (format) {
            case SVG -> svg;
            case PNG -> "<img id=\"" + id + "\" width=\"" + width + "\" height=\"" + height + "\" alt=\""
                    + Html.escape(title) + "\" src=\"data:image/png;base64,"
                    + Base64.getEncoder().encodeToString(ChartRenderer.png(chart, width, height)) + "\">";
        };
        String download = "";
        if (files != null) {
            String file = files.write(chart, name, width, height, svg); // the inline SVG is the file's too
            download = " <span class=\"files\">(<a href=\"" + Html.escape(files.href(file, "png")) + "\">PNG</a>, "
                    + "<a href=\"" + Html.escape(files.href(file, "svg")) + "\">SVG</a>)</span>";
        }
        return "<figure>" + image + "<figcaption>" + Html.escape(title) + download + "</figcaption></figure>\n";
    }
}
