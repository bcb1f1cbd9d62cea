package io.kcplab.scenarios.sweep;

import io.kcplab.reports.result.Settings;
import io.kcplab.scenarios.Scenario;

/**
 * One run of a sweep: a pure function of (scenario, settings, seed).
 *
 * @param index position in the canonical run order (sweep combinations in file order, first list slowest, then
 *              seeds); shards keep it, so merging restores the order
 */
public record RunCase(int index, String runId, Settings settings, long seed, Scenario scenario) {
}
