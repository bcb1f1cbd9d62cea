package io.kcplab.sim.metrics;

import java.util.Arrays;

/** A time series sampled at fixed intervals: times in seconds, one value per sample. Grows by doubling. */
public final class IntervalSeries {

    private final String name;
    private final String unit;
    private double[] times = new double[8];
    private double[] values = new double[8];
    private int size;

    public IntervalSeries(String name, String unit) {
        this.name = name;
        this.unit = unit;
    }

    void add(double timeSeconds, double value) {
        if (size == times.length) {
            times = Arrays.copyOf(times, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        times[size] = timeSeconds;
        values[size] = value;
        size++;
    }

    public String name() {
        return name;
    }

    public String unit() {
        return unit;
    }

    public int size() {
        return size;
    }

    public double[] times() {
        return Arrays.copyOf(times, size);
    }

    public double[] values() {
        return Arrays.copyOf(values, size);
    }
}
