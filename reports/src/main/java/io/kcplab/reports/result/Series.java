package io.kcplab.reports.result;

import java.util.Arrays;
import java.util.Objects;

/**
 * One time series of one connection: {@code values[i]} measured at {@code times[i]} simulated
 * seconds. Arrays are copied in and out, so the record stays immutable.
 *
 * @param name       what is measured; see {@link StandardSeries} for the names charts know
 * @param unit       unit of the values, e.g. "bit/s", "ms", "segments"
 * @param connection the connection the series belongs to (same label as {@link ConnectionResult#connection()})
 */
public record Series(String name, String unit, String connection, double[] times, double[] values) {

    public Series {
        Names.requireName("series name", name);
        Objects.requireNonNull(unit, "unit");
        Names.requireText("series connection", connection);
        if (times.length != values.length) {
            throw new IllegalArgumentException("series '" + name + "' of " + connection + " has " + times.length
                    + " times but " + values.length + " values");
        }
        for (int i = 0; i < times.length; i++) {
            if (!Double.isFinite(times[i]) || (i > 0 && times[i] < times[i - 1])) {
                throw new IllegalArgumentException("series '" + name + "' of " + connection
                        + ": times must be finite and non-decreasing, bad at index " + i + " (" + times[i] + ")");
            }
        }
        times = times.clone();
        values = values.clone();
    }

    public int size() {
        return times.length;
    }

    public double time(int i) {
        return times[i];
    }

    public double value(int i) {
        return values[i];
    }

    @Override
    public double[] times() {
        return times.clone();
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Series s && name.equals(s.name) && unit.equals(s.unit) && connection.equals(s.connection)
                && Arrays.equals(times, s.times) && Arrays.equals(values, s.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, unit, connection, Arrays.hashCode(times), Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        return "Series[" + name + " (" + unit + ") of " + connection + ", " + times.length + " points]";
    }
}
