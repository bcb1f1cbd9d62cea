package io.kcplab.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kcplab.reports.result.ConnectionResult;
import io.kcplab.reports.result.FlowResult;
import io.kcplab.reports.result.Metric;
import io.kcplab.reports.result.ResultMetadata;
import io.kcplab.reports.result.ResultSet;
import io.kcplab.reports.result.RunResult;
import io.kcplab.scenarios.report.SummaryText;
import io.kcplab.scenarios.run.Progress;
import io.kcplab.scenarios.run.SweepRunner;
import io.kcplab.scenarios.sweep.SweepPlanner;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A run of more conversations than are kept in detail (32) still reports every conversation in its flows: one flow
 * per workload entry and direction, pooled over all its conversations, with how their own percentiles spread.
 */
class ServerScaleFlowsTest {

    private static final int ECHOES = 40;

    private static RunResult run() {
        String yaml = """
                name: many
                duration: 2s
                seeds: [3]
                links:
                  both: {rate: 20Mbit, delay: 10ms, loss: 1%}
                protocol: {mode: fast, fec: off, crypt: off}
                workloads:
                  - {type: bulk, size: 200KB}
                  - {type: echo, connections: ECHOES, request: 100B, interval: 100ms}
                """.replace("ECHOES", Integer.toString(ECHOES));
        return SweepRunner.run(SweepPlanner.plan(ScenarioSource.text("many", yaml)).cases(), 1, Progress.none())
                .get(0);
    }

    @Test
    void flowsCoverEveryConversationPerWorkloadEntry() {
        RunResult r = run();
        assertEquals(List.of("bulk/up", "echo/up", "echo/down"), r.flows().stream().map(FlowResult::flow).toList());
        FlowResult up = r.flow("echo/up");
        FlowResult down = r.flow("echo/down");
        FlowResult bulk = r.flow("bulk/up");
        assertEquals("echo", up.workload());
        assertEquals(ECHOES, up.metrics().extra().get("conversations").intValue());
        assertEquals(1, bulk.metrics().extra().get("conversations").intValue());
        // every message of every conversation is in a flow, not only those of the first 32
        assertEquals(r.total().messagesDelivered(), bulk.metrics().messagesDelivered()
                + up.metrics().messagesDelivered() + down.metrics().messagesDelivered());
        long detailedEchoMessages = r.connections().stream().filter(c -> c.connection().startsWith("echo-"))
                .mapToLong(c -> c.metrics().messagesDelivered()).sum();
        assertEquals(32, r.connections().size(), "connection rows stay bounded");
        assertTrue(up.metrics().messagesDelivered() + down.metrics().messagesDelivered() > detailedEchoMessages,
                "all 40 echo sessions, not the 31 kept in detail");
        assertTrue(up.metrics().messagesDelivered() >= ECHOES * 15L, up.metrics().toString());
        // the sending endpoint's figures add up over the conversations
        assertEquals(r.total().extra().get("client_retransmissions"),
                bulk.metrics().retransmissions() + (double) up.metrics().retransmissions());
        assertEquals(r.total().extra().get("client_datagrams_sent"),
                bulk.metrics().datagramsSent() + (double) up.metrics().datagramsSent());
        // the path's drops, charged to the flow whose sender sent the datagram
        assertEquals(r.total().extra().get("link_up_drops_random_loss"),
                bulk.metrics().extra().get("drops_random_loss") + up.metrics().extra().get("drops_random_loss"));
        assertTrue(down.metrics().extra().get("drops_random_loss") > 0, down.metrics().extra().toString());
        // each conversation's own latency percentiles, across the 40
        double medianOfP50 = up.metrics().extra().get("conv_p50_latency_ms_p50");
        double maxOfP99 = up.metrics().extra().get("conv_p99_latency_ms_max");
        assertTrue(medianOfP50 >= 10 && medianOfP50 <= maxOfP99, medianOfP50 + " vs " + maxOfP99);
        assertTrue(down.value(Metric.RTT_P50) > 20, "round trips over 2 x 10 ms");
        assertTrue(bulk.completionSeconds() > 0, "the 200 KB transfer finished");
        String table = SummaryText.table(new ResultSet(ResultMetadata.of("t", "t", 1), List.of(r)));
        assertTrue(table.contains("echo/up") && table.contains("echo/down") && table.contains("bulk/up"), table);
    }

    @Test
    void aSmallRunKeepsOneFlowPerConversation() {
        RunResult r = SweepRunner.run(SweepPlanner.plan(ScenarioSource.text("few", """
                name: few
                duration: 1s
                seeds: [3]
                links:
                  both: {rate: 20Mbit, delay: 10ms}
                workloads:
                  - {type: echo, connections: 2, interval: 100ms}
                """)).cases(), 1, Progress.none()).get(0);
        assertEquals(List.of("echo-0/up", "echo-0/down", "echo-1/up", "echo-1/down"),
                r.flows().stream().map(FlowResult::flow).toList());
        assertEquals(List.of("echo-0", "echo-1"), r.connections().stream().map(ConnectionResult::connection).toList());
    }
}
