package io.kcplab.reports.chart;

import org.jfree.chart.renderer.PaintScale;

import java.awt.Color;
import java.awt.Paint;
import java.io.Serializable;

/** A perceptually ordered colour ramp (viridis stops) over [lower, upper]; NaN paints light grey. */
public final class GradientPaintScale implements PaintScale, Serializable {

    private static final long serialVersionUID = 1L;
    private static final Color[] STOPS = {new Color(0x440154), new Color(0x3B528B), new Color(0x21918C),
            new Color(0x5EC962), new Color(0xFDE725)};
    static final Color EMPTY = new Color(0xEEEEEE);

    private final double lower;
    private final double upper;
    private final boolean reversed;

    /** {@code reversed} puts the bright end at the low values (for metrics where lower is better). */
    public GradientPaintScale(double lower, double upper, boolean reversed) {
        if (!(lower < upper)) {
            throw new IllegalArgumentException("paint scale needs lower < upper, got " + lower + " .. " + upper);
        }
        this.lower = lower;
        this.upper = upper;
        this.reversed = reversed;
    }

    @Override
    public double getLowerBound() {
        return lower;
    }

    @Override
    public double getUpperBound() {
        return upper;
    }

    @Override
    public Paint getPaint(double value) {
        if (Double.isNaN(value)) {
            return EMPTY;
        }
        double t = (Math.max(lower, Math.min(upper, value)) - lower) / (upper - lower);
        if (reversed) {
            t = 1 - t;
        }
        double pos = t * (STOPS.length - 1);
        int i = Math.min((int) pos, STOPS.length - 2);
        double f = pos - i;
        Color a = STOPS[i];
        Color b = STOPS[i + 1];
        return new Color(mix(a.getRed(), b.getRed(), f), mix(a.getGreen(), b.getGreen(), f), mix(a.getBlue(), b.getBlue(), f));
    }

    private static int mix(int a, int b, double f) {
        return (int) Math.round(a + (b - a) * f);
    }
}
