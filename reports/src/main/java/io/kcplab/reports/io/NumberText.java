package io.kcplab.reports.io;

import com.fasterxml.jackson.core.io.NumberOutput;

/**
 * Stable number text for CSV cells and tables. Doubles use Jackson's Schubfach writer, which
 * prints the shortest decimal that parses back to the same double on every JDK (JDK 17's
 * {@code Double.toString} sometimes prints longer digits than JDK 19+ does).
 */
public final class NumberText {

    private NumberText() {
    }

    public static String of(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Infinity" : "-Infinity";
        }
        return NumberOutput.toString(v, true);
    }

    public static String of(long v) {
        return Long.toString(v);
    }

    /** Counters print as integers, other metrics as doubles. */
    public static String metric(double v, boolean integral) {
        return integral && Double.isFinite(v) ? Long.toString((long) v) : of(v);
    }

    /** Parses what {@link #of(double)} printed; the message names the field on bad input. */
    public static double parseDouble(String field, String text) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + ": '" + text + "' is not a number", e);
        }
    }

    public static long parseLong(String field, String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + ": '" + text + "' is not an integer", e);
        }
    }
}
