package io.kcplab.reports.html;

import java.util.Locale;

/** Human number formats for table cells (files keep full precision; pages are for reading). */
final class Cells {

    private Cells() {
    }

    static String mbps(double bitsPerSecond) {
        return fixed(bitsPerSecond / 1e6, 3);
    }

    static String ms(double ms) {
        return fixed(ms, 2);
    }

    static String ratio(double v) {
        return fixed(v, 3);
    }

    static String count(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    static String fixed(double v, int decimals) {
        if (Double.isNaN(v)) {
            return "–";
        }
        return String.format(Locale.ROOT, "%,." + decimals + "f", v);
    }
}
