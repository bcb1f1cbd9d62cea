package io.kcplab.reports.chart;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

import java.awt.Rectangle;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** Draws a built chart as PNG bytes or SVG text, headless. Building and drawing are separate steps. */
public final class ChartRenderer {

    static {
        Headless.ensure();
    }

    public static final int MIN_SIZE = 16;
    public static final int MAX_SIZE = 10_000;
    private static final Pattern ID = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");

    private ChartRenderer() {
    }

    public static byte[] png(JFreeChart chart, int width, int height) {
        checkSize(width, height);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ChartUtils.writeChartAsPNG(out, chart, width, height);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * An {@code <svg>} element. {@code id} becomes the element id and the prefix of its clip-path
     * ids, so several charts can be inlined in one HTML page without their ids colliding (JFreeSVG's
     * default prefix comes from the clock, which would also make output differ between runs).
     */
    public static String svg(JFreeChart chart, int width, int height, String id) {
        checkSize(width, height);
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("SVG id '" + id + "' must be a letter followed by letters, digits, '_' or '-'");
        }
        SVGGraphics2D g = new SVGGraphics2D(width, height);
        g.setDefsKeyPrefix(id + "-");
        chart.draw(g, new Rectangle(0, 0, width, height));
        g.dispose();
        // A viewBox lets the page scale the chart down on narrow screens without cropping it.
        return g.getSVGElement(id, true, new ViewBox(0, 0, width, height), null, null);
    }

    public static void writePng(JFreeChart chart, int width, int height, Path file) throws IOException {
        Files.write(file, png(chart, width, height));
    }

    public static void writeSvg(JFreeChart chart, int width, int height, Path file) throws IOException {
        String id = "chart";
        Files.writeString(file, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + svg(chart, width, height, id) + "\n",
                StandardCharsets.UTF_8);
    }

    private static void checkSize(int width, int height) {
        if (width < MIN_SIZE || height < MIN_SIZE || width > MAX_SIZE || height > MAX_SIZE) {
            throw new IllegalArgumentException("chart size " + width + "x" + height + " must be between "
                    + MIN_SIZE + " and " + MAX_SIZE + " pixels each way");
        }
    }
}
