/**
 * Result records, CSV/JSON files, charts, HTML pages and the regression comparison.
 *
 * <p>This module knows result <em>records</em> ({@link io.kcplab.reports.result.RunResult},
 * {@link io.kcplab.reports.result.ResultSet}), never the simulator or the protocol that produced
 * them: the scenarios module converts simulator metrics into these records and calls the writers.
 * Nothing here reads wall time; timestamps are supplied by the caller.
 */
package io.kcplab.reports;
