package io.kcplab.reports.result;

import java.util.Objects;

/**
 * Metrics of one connection of a run, with its message latency distribution.
 *
 * @param connection a label unique within the run, e.g. "c0" or "client-1"
 */
public record ConnectionResult(String connection, Metrics metrics, Cdf latencyCdf) {

    public ConnectionResult {
        Names.requireText("connection", connection);
        Objects.requireNonNull(metrics, "metrics");
        latencyCdf = latencyCdf == null ? Cdf.EMPTY : latencyCdf;
    }
}
