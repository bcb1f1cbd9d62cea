package io.kcplab.reports.chart;

import io.kcplab.reports.result.Metric;

/**
 * The unit a report shows a metric in: rates in Mbit/s (results keep bit/s), everything else as stored. One
 * place, so tables, axes and heat-map legends agree.
 */
public record DisplayUnit(String unit, double scale) {

    public static final DisplayUnit MBPS = new DisplayUnit("Mbit/s", 1e-6);

    public static DisplayUnit of(Metric metric) {
        return of(metric.unit());
    }

    public static DisplayUnit of(String storedUnit) {
        return storedUnit.equals("bit/s") ? MBPS : new DisplayUnit(storedUnit, 1);
    }

    public double apply(double stored) {
        return stored * scale;
    }

    /** "goodput (Mbit/s)". */
    public String label(String quantity) {
        return unit.isEmpty() ? quantity : quantity + " (" + unit + ")";
    }
}
