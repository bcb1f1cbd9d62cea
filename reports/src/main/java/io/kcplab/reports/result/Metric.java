package io.kcplab.reports.result;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The named numeric fields of {@link Metrics}, in output order. One list drives the CSV
 * columns, the JSON keys, the threshold names and the summary tables, so they cannot drift.
 *
 * <p>{@link #key()} is the column/JSON name (with its unit); {@link #alias()} is a short name
 * accepted in threshold strings ("goodput=-5%,p99=+10%").
 */
public enum Metric {
    GOODPUT("goodput_bps", "goodput", "bit/s", false, Direction.HIGHER_IS_BETTER, Metrics::goodputBps),
    BYTES_DELIVERED("bytes_delivered", "bytes", "B", true, Direction.HIGHER_IS_BETTER, m -> m.bytesDelivered()),
    MESSAGES_DELIVERED("messages_delivered", "messages", "", true, Direction.HIGHER_IS_BETTER, m -> m.messagesDelivered()),
    LATENCY_P50("latency_p50_ms", "p50", "ms", false, Direction.LOWER_IS_BETTER, m -> m.latencyMs().p50()),
    LATENCY_P90("latency_p90_ms", "p90", "ms", false, Direction.LOWER_IS_BETTER, m -> m.latencyMs().p90()),
    LATENCY_P99("latency_p99_ms", "p99", "ms", false, Direction.LOWER_IS_BETTER, m -> m.latencyMs().p99()),
    LATENCY_P999("latency_p999_ms", "p999", "ms", false, Direction.LOWER_IS_BETTER, m -> m.latencyMs().p999()),
    LATENCY_MAX("latency_max_ms", "latency_max", "ms", false, Direction.LOWER_IS_BETTER, m -> m.latencyMs().max()),
    LATENCY_MEAN("latency_mean_ms", "latency_mean", "ms", false, Direction.LOWER_IS_BETTER, m -> m.latencyMs().mean()),
    RTT_P50("rtt_p50_ms", "rtt_p50", "ms", false, Direction.LOWER_IS_BETTER, m -> m.rttMs().p50()),
    RTT_P90("rtt_p90_ms", "rtt_p90", "ms", false, Direction.LOWER_IS_BETTER, m -> m.rttMs().p90()),
    RTT_P99("rtt_p99_ms", "rtt_p99", "ms", false, Direction.LOWER_IS_BETTER, m -> m.rttMs().p99()),
    RTT_P999("rtt_p999_ms", "rtt_p999", "ms", false, Direction.LOWER_IS_BETTER, m -> m.rttMs().p999()),
    RTT_MAX("rtt_max_ms", "rtt_max", "ms", false, Direction.LOWER_IS_BETTER, m -> m.rttMs().max()),
    RTT_MEAN("rtt_mean_ms", "rtt_mean", "ms", false, Direction.LOWER_IS_BETTER, m -> m.rttMs().mean()),
    SEGMENTS_SENT("segments_sent", "segments", "", true, Direction.NEUTRAL, m -> m.segmentsSent()),
    RETRANSMISSIONS("retransmissions", "retrans", "", true, Direction.LOWER_IS_BETTER, m -> m.retransmissions()),
    FAST_RETRANSMISSIONS("fast_retransmissions", "fast_retrans", "", true, Direction.LOWER_IS_BETTER, m -> m.fastRetransmissions()),
    TIMEOUT_RETRANSMISSIONS("timeout_retransmissions", "rto_retrans", "", true, Direction.LOWER_IS_BETTER, m -> m.timeoutRetransmissions()),
    DATAGRAMS_SENT("datagrams_sent", "datagrams", "", true, Direction.NEUTRAL, m -> m.datagramsSent()),
    WIRE_BYTES_SENT("wire_bytes_sent", "wire_bytes", "B", true, Direction.NEUTRAL, m -> m.wireBytesSent()),
    OVERHEAD("overhead", "overhead", "wire B / delivered B", false, Direction.LOWER_IS_BETTER, Metrics::overhead),
    FEC_RECOVERIES("fec_recoveries", "fec", "", true, Direction.NEUTRAL, m -> m.fecRecoveries()),
    LINK_LOSSES("link_losses", "losses", "datagrams", true, Direction.NEUTRAL, m -> m.linkLosses()),
    CORRUPT_DROPS("corrupt_drops", "corrupt", "datagrams", true, Direction.NEUTRAL, m -> m.corruptDrops());

    private final String key;
    private final String alias;
    private final String unit;
    private final boolean integral;
    private final Direction direction;
    private final ToDoubleFunction<Metrics> accessor;

    Metric(String key, String alias, String unit, boolean integral, Direction direction,
           ToDoubleFunction<Metrics> accessor) {
        this.key = key;
        this.alias = alias;
        this.unit = unit;
        this.integral = integral;
        this.direction = direction;
        this.accessor = accessor;
    }

    /** CSV column and JSON key, e.g. {@code latency_p99_ms}. */
    public String key() {
        return key;
    }

    /** Short name for threshold strings, e.g. {@code p99}. */
    public String alias() {
        return alias;
    }

    public String unit() {
        return unit;
    }

    /** Counters: written as integers, must hold whole non-negative values. */
    public boolean integral() {
        return integral;
    }

    public Direction direction() {
        return direction;
    }

    public double valueOf(Metrics metrics) {
        return accessor.applyAsDouble(metrics);
    }

    /** "p99 latency (ms)"-style label for axes and table headers. */
    public String label() {
        return unit.isEmpty() ? alias : alias + " (" + unit + ")";
    }

    /** Looks a metric up by key or alias (case-insensitive); null when unknown. */
    public static Metric find(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (Metric m : values()) {
            if (m.key.equals(n) || m.alias.equals(n)) {
                return m;
            }
        }
        return null;
    }

    /** Every accepted name, for error messages. */
    public static String acceptedNames() {
        List<String> names = new ArrayList<>();
        for (Metric m : values()) {
            names.add(m.alias.equals(m.key) ? m.key : m.alias + "|" + m.key);
        }
        return String.join(", ", names);
    }
}
