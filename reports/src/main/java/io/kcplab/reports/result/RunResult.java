package io.kcplab.reports.result;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The outcome of one simulated run: a pure function of (scenario, settings, seed), identified
 * by its run hash.
 *
 * @param index           position of the run in its sweep (cartesian order); shards keep the
 *                        index of the full sweep so that merging restores the order
 * @param runId           a name unique in the result set, e.g. "lossy-wifi/mode=fast3/seed=7"
 * @param durationSeconds simulated (not wall) duration
 * @param total           metrics over all connections
 * @param connections     per-connection metrics and latency CDFs
 * @param series          time series (see {@link StandardSeries}), each tagged with its connection
 * @param flows           per-flow figures (one direction of one connection's workload); empty in results written
 *                        before flows existed
 * @param protocol        the protocol parameters the run used, by name in display order (e.g. engine, nodelay,
 *                        interval, resend, nc, sndwnd, rcvwnd, mtu, fec), as text ("client / server" where the two
 *                        ends differ); empty when the producer did not record them
 */
public record RunResult(
        int index,
        String runId,
        String scenario,
        Settings settings,
        long seed,
        String runHash,
        double durationSeconds,
        Metrics total,
        List<ConnectionResult> connections,
        List<Series> series,
        List<FlowResult> flows,
        Map<String, String> protocol) {

    public RunResult {
        if (index < 0) {
            throw new IllegalArgumentException("run index must be >= 0, got " + index);
        }
        Names.requireText("run id", runId);
        Names.requireText("scenario", scenario);
        Objects.requireNonNull(settings, "settings");
        runHash = Names.requireHex("run hash", runHash);
        if (!(durationSeconds >= 0) || Double.isInfinite(durationSeconds)) {
            throw new IllegalArgumentException("duration must be finite and >= 0 s, got " + durationSeconds);
        }
        Objects.requireNonNull(total, "total");
        connections = List.copyOf(connections);
        series = List.copyOf(series);
        Set<String> names = new HashSet<>();
        for (ConnectionResult c : connections) {
            if (!names.add(c.connection())) {
                throw new IllegalArgumentException("run " + runId + ": connection '" + c.connection() + "' listed twice");
            }
        }
        flows = List.copyOf(flows);
        Set<String> flowIds = new HashSet<>();
        for (FlowResult f : flows) {
            if (!flowIds.add(f.flow())) {
                throw new IllegalArgumentException("run " + runId + ": flow '" + f.flow() + "' listed twice");
            }
        }
        protocol = Collections.unmodifiableMap(new LinkedHashMap<>(protocol));
        Set<String> seriesKeys = new HashSet<>();
        for (Series s : series) {
            if (!seriesKeys.add(s.name() + "\u0000" + s.connection())) {
                throw new IllegalArgumentException("run " + runId + ": series '" + s.name() + "' of connection '"
                        + s.connection() + "' listed twice");
            }
        }
    }

    /** A run without recorded protocol parameters. */
    public RunResult(int index, String runId, String scenario, Settings settings, long seed, String runHash,
                     double durationSeconds, Metrics total, List<ConnectionResult> connections, List<Series> series,
                     List<FlowResult> flows) {
        this(index, runId, scenario, settings, seed, runHash, durationSeconds, total, connections, series, flows,
                Map.of());
    }

    /** This run with its protocol parameters recorded. */
    public RunResult withProtocol(Map<String, String> parameters) {
        return new RunResult(index, runId, scenario, settings, seed, runHash, durationSeconds, total, connections,
                series, flows, parameters);
    }

    /** A run without per-flow figures. */
    public RunResult(int index, String runId, String scenario, Settings settings, long seed, String runHash,
                     double durationSeconds, Metrics total, List<ConnectionResult> connections, List<Series> series) {
        this(index, runId, scenario, settings, seed, runHash, durationSeconds, total, connections, series, List.of());
    }

    /** Runs without per-connection data or series (e.g. read back from CSV). */
    public static RunResult summary(int index, String runId, String scenario, Settings settings, long seed,
                                    String runHash, double durationSeconds, Metrics total) {
        return summary(index, runId, scenario, settings, seed, runHash, durationSeconds, total, List.of());
    }

    /** Runs with totals and flows but without per-connection data or series (what a CSV row holds). */
    public static RunResult summary(int index, String runId, String scenario, Settings settings, long seed,
                                    String runHash, double durationSeconds, Metrics total, List<FlowResult> flows) {
        return new RunResult(index, runId, scenario, settings, seed, runHash, durationSeconds, total,
                List.of(), List.of(), flows);
    }

    public RunKey key() {
        return new RunKey(scenario, settings);
    }

    /** This run with only the fields a CSV row holds. */
    public RunResult summaryOnly() {
        return summary(index, runId, scenario, settings, seed, runHash, durationSeconds, total, flows);
    }

    /** The flow with this id, or null. */
    public FlowResult flow(String id) {
        for (FlowResult f : flows) {
            if (f.flow().equals(id)) {
                return f;
            }
        }
        return null;
    }

    /** All series with this name, in connection order of appearance. */
    public List<Series> series(String name) {
        List<Series> out = new ArrayList<>();
        for (Series s : series) {
            if (s.name().equals(name)) {
                out.add(s);
            }
        }
        return out;
    }
}
