package io.kcplab.reports.compare;

import io.kcplab.reports.result.Metric;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The thresholds a comparison checks, at most one per metric. Written as
 * {@code "goodput=-5%,p99=+10%"}; {@code "p50=off"} removes a threshold.
 * Defaults: {@value #DEFAULT_TEXT}.
 */
public final class Thresholds {

    public static final String DEFAULT_TEXT = "goodput=-5%,p99=+10%";
    static final String SYNTAX = "expected METRIC=+N% (a rise past N% regresses) or METRIC=-N% (a drop past N% "
            + "regresses) or METRIC=off, comma-separated, e.g. " + DEFAULT_TEXT;
    private static final Pattern ENTRY = Pattern.compile("([^=\\s]+)\\s*=\\s*(?:([+-])\\s*(\\d+(?:\\.\\d+)?)\\s*%|(off))",
            Pattern.CASE_INSENSITIVE);

    private final Map<Metric, Threshold> byMetric;

    private Thresholds(Map<Metric, Threshold> byMetric) {
        this.byMetric = Collections.unmodifiableMap(new EnumMap<>(byMetric));
    }

    public static Thresholds none() {
        return new Thresholds(new EnumMap<>(Metric.class));
    }

    public static Thresholds defaults() {
        return none().with(DEFAULT_TEXT);
    }

    /** Thresholds given by the text alone (no defaults). */
    public static Thresholds parse(String text) {
        return none().with(text);
    }

    public static Thresholds of(Threshold... thresholds) {
        EnumMap<Metric, Threshold> map = new EnumMap<>(Metric.class);
        for (Threshold t : thresholds) {
            map.put(t.metric(), t);
        }
        return new Thresholds(map);
    }

    /**
     * These thresholds overridden by the text: a metric named there replaces (or with "off"
     * removes) its entry here; others stay. Blank text changes nothing.
     *
     * @throws IllegalArgumentException naming the bad entry, the syntax and the accepted metric names
     */
    public Thresholds with(String text) {
        EnumMap<Metric, Threshold> map = new EnumMap<>(Metric.class);
        map.putAll(byMetric);
        if (text == null || text.isBlank()) {
            return this;
        }
        EnumMap<Metric, String> seen = new EnumMap<>(Metric.class);
        for (String raw : text.split(",", -1)) {
            String entry = raw.trim();
            Matcher m = ENTRY.matcher(entry);
            if (!m.matches()) {
                throw new IllegalArgumentException("bad threshold '" + entry + "': " + SYNTAX);
            }
            Metric metric = Metric.find(m.group(1));
            if (metric == null) {
                throw new IllegalArgumentException("unknown metric '" + m.group(1) + "' in threshold '" + entry
                        + "'; accepted metrics: " + Metric.acceptedNames());
            }
            String earlier = seen.put(metric, entry);
            if (earlier != null) {
                throw new IllegalArgumentException("thresholds '" + earlier + "' and '" + entry + "' both set "
                        + metric.alias());
            }
            if (m.group(4) != null) {
                map.remove(metric);
            } else {
                double percent = Double.parseDouble(m.group(3));
                map.put(metric, new Threshold(metric, percent, m.group(2).equals("+")));
            }
        }
        return new Thresholds(map);
    }

    public Threshold get(Metric metric) {
        return byMetric.get(metric);
    }

    public Collection<Threshold> all() {
        return byMetric.values();
    }

    public boolean isEmpty() {
        return byMetric.isEmpty();
    }

    /** The canonical text, e.g. "goodput=-5%,p99=+10%", in metric order. */
    public String text() {
        StringJoiner j = new StringJoiner(",");
        byMetric.values().forEach(t -> j.add(t.text()));
        return j.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Thresholds t && byMetric.equals(t.byMetric);
    }

    @Override
    public int hashCode() {
        return byMetric.hashCode();
    }

    @Override
    public String toString() {
        return text();
    }
}
