package io.kcplab.reports.html;

import io.kcplab.reports.result.FlowResult;
import io.kcplab.reports.result.Metrics;
import io.kcplab.reports.result.Percentiles;
import io.kcplab.reports.result.RunResult;
import io.kcplab.reports.result.Settings;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report's summary tables show each flow by its kind and the drops by cause. */
class FlowSummaryTableTest {

    private static RunResult run(int seed) {
        Metrics total = Metrics.builder().goodputBps(2.73e6).latencyMs(new Percentiles(50, 90, 196, 200, 210, 60))
                .extra("drops_queue", 11918).extra("drops_random_loss", 211).extra("drops_burst_loss", 0)
                .extra("drops_mtu", 0).extra("drops_outage", 0).extra("link_up_drops_queue", 11900)
                .extra("link_down_drops_queue", 18).build();
        FlowResult bulk = new FlowResult("bulk/up", "bulk", Metrics.builder().goodputBps(5.5e6)
                .latencyMs(new Percentiles(900, 990, 999, 999, 999, 950))
                .extra(FlowResult.COMPLETION_S, 29.125).build());
        FlowResult echo = new FlowResult("echo/up", "echo", Metrics.builder().goodputBps(32_000)
                .latencyMs(new Percentiles(37.5, 90, 141.25, 150, 160, 40)).build());
        return new RunResult(seed - 1, "presets/seed=" + seed, "presets", Settings.of("mode", "fast3"), seed, "ab", 60,
                total, List.of(), List.of(), List.of(bulk, echo));
    }

    @Test
    void aRunShowsEachFlowByItsKindAndTheDropsByCause() {
        String html = SummaryTable.connections(run(1));
        assertTrue(html.contains("<td>bulk/up</td><td>bulk</td><td class=\"num\">5.500</td>"
                + "<td class=\"num\">29.125</td><td class=\"num\">–</td><td class=\"num\">–</td>"), html);
        assertTrue(html.contains("<td>echo/up</td><td>echo</td><td class=\"num\">–</td><td class=\"num\">–</td>"
                + "<td class=\"num\">37.50</td><td class=\"num\">141.25</td>"), html);
        assertTrue(html.contains("<tr><td>queue overflow</td><td class=\"num\">11,900</td><td class=\"num\">18</td>"
                + "<td class=\"num\">11,918</td></tr>"), html);
        assertTrue(html.contains("<tr><td>random loss</td>"), html);
        assertTrue(html.contains("all flows pooled (whole run)"), html);
    }

    @Test
    void aSweepHasAColumnGroupPerFlowInsteadOfThePooledFigures() {
        String html = SummaryTable.runs(List.of(run(1), run(2)), List.of("mode"));
        assertTrue(html.contains("<th>bulk/up: goodput while active (Mbit/s)</th><th>bulk/up: completion (s)</th>"
                + "<th>echo/up: latency p50 (ms)</th><th>echo/up: latency p99 (ms)</th>"), html);
        assertTrue(html.contains("<th>random loss</th><th>queue drops</th>"), html);
        assertFalse(html.contains("999.00"), "a bulk chunk's latency is not shown as the run's latency");
        assertFalse(html.contains("196.00"), "nor is the pooled p99");
        assertEquals(2, html.split("<td class=\"num\">141.25</td>", -1).length - 1, "one echo p99 per run");
    }
}
