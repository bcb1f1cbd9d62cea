package io.kcplab.reports.html;

import io.kcplab.reports.chart.ChartRenderer;
import org.jfree.chart.JFreeChart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Writes each chart of a report as {@code NAME.png} and {@code NAME.svg} into one folder (the report's
 * {@code charts/}), so a chart can go into a document as it is. Names are readable slugs of what the chart shows
 * ("goodput-over-time", "protocol-mode-fast3-seed-1-rtt-and-rto"), the same on every run of the same scenario;
 * a name already used in this report gets "-2", "-3", ….
 */
public final class ChartFiles {

    private final Path dir;
    private final String href;
    private final Set<String> used;

    /** {@code href}: the folder as the page links it, e.g. "charts/" or "../charts/". */
    public ChartFiles(Path dir, String href) {
        this(dir, href, new HashSet<>());
    }

    private ChartFiles(Path dir, String href, Set<String> used) {
        this.dir = dir;
        this.href = href.endsWith("/") ? href : href + "/";
        this.used = used;
    }

    /** The same folder (and name registry) as linked from a page elsewhere, e.g. "../charts/" from runs/. */
    public ChartFiles linkedAs(String otherHref) {
        return new ChartFiles(dir, otherHref, used);
    }

    public Path dir() {
        return dir;
    }

    /**
     * Writes both files; returns the name without extension. {@code svg}: the chart's {@code <svg>} element when
     * the caller has drawn it already (drawing is the slow part), else null.
     */
    String write(JFreeChart chart, String name, int width, int height, String svg) {
        String unique = unique(slug(name));
        try {
            Files.createDirectories(dir);
            ChartRenderer.writePng(chart, width, height, dir.resolve(unique + ".png"));
            if (svg == null) {
                ChartRenderer.writeSvg(chart, width, height, dir.resolve(unique + ".svg"));
            } else {
                Files.writeString(dir.resolve(unique + ".svg"), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        + svg + "\n", StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write chart " + unique + " into " + dir, e);
        }
        return unique;
    }

    String href(String name, String extension) {
        return href + name + "." + extension;
    }

    private synchronized String unique(String base) {
        String name = base;
        for (int k = 2; !used.add(name); k++) {
            name = base + "-" + k;
        }
        return name;
    }

    /** Lower-case letters, digits and single dashes, at most 100 characters; "chart" when nothing is left. */
    public static String slug(String text) {
        String s = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (s.length() > 100) {
            s = s.substring(0, 100).replaceAll("-+$", "");
        }
        return s.isEmpty() ? "chart" : s;
    }
}
