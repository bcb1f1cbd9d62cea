package io.kcplab.reports.result;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kcplab.reports.io.ResultCsv;
import io.kcplab.reports.io.ResultJson;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Flows survive JSON, CSV and shard merges, and results written before flows existed still read. */
class FlowResultTest {

    private static RunResult run(int index, long seed, boolean withEcho) {
        Metrics total = Metrics.builder().goodputBps(2.73e6).extra("drops_queue", 11918).extra("drops_random_loss", 211)
                .build();
        FlowResult bulk = new FlowResult("bulk/up", "bulk", Metrics.builder().goodputBps(5.5e6)
                .bytesDelivered(20_000_000).retransmissions(42).fastRetransmissions(7).datagramsSent(15_000)
                .extra(FlowResult.ACTIVE_S, 29.1).extra(FlowResult.COMPLETION_S, 29.1)
                .extra(FlowResult.BYTES_OFFERED, 20_000_000).build());
        FlowResult echo = new FlowResult("echo/down", "echo", Metrics.builder().goodputBps(32_000)
                .messagesDelivered(99).latencyMs(new Percentiles(31, 40, 141, 150, 160, 35))
                .rttMs(new Percentiles(62, 80, 200, 210, 220, 70)).build());
        return new RunResult(index, "r" + index, "presets", Settings.of("mode", "fast3"), seed, "ab", 60, total,
                List.of(), List.of(), withEcho ? List.of(bulk, echo) : List.of(bulk));
    }

    private static ResultSet set() {
        return new ResultSet(ResultMetadata.of("0.1.0", "t", 2), List.of(run(0, 1, true), run(1, 2, false)));
    }

    @Test
    void jsonKeepsEveryFlowField() {
        ResultSet set = set();
        String json = ResultJson.toJson(set);
        assertTrue(json.contains("\"flow\" : \"bulk/up\""), json);
        assertTrue(json.contains("\"completion_s\" : 29.1"), json);
        ResultSet back = ResultJson.fromJson(json);
        assertEquals(set, back);
        FlowResult echo = back.runs().get(0).flow("echo/down");
        assertEquals(141, echo.value(Metric.LATENCY_P99));
        assertEquals(200, echo.value(Metric.RTT_P99));
        assertEquals(29.1, back.runs().get(0).flow("bulk/up").completionSeconds());
        assertEquals(json, ResultJson.toJson(back));
    }

    @Test
    void csvHasAColumnGroupPerFlowAndReadsItBack() {
        ResultSet set = set();
        String csv = ResultCsv.toCsv(set);
        String header = csv.lines().findFirst().orElseThrow();
        assertTrue(header.contains(",flow.bulk/up.workload,flow.bulk/up.goodput_bps,"), header);
        assertTrue(header.contains(",flow.bulk/up.extra.completion_s,"), header);
        assertTrue(header.contains(",flow.echo/down.latency_p99_ms,"), header);
        assertTrue(header.contains(",extra.drops_queue,"), header);
        ResultSet back = ResultCsv.fromCsv(csv, set.metadata());
        assertEquals(set.summaryOnly(), back);
        assertEquals(List.of("bulk/up"), back.runs().get(1).flows().stream().map(FlowResult::flow).toList(),
                "a run without a flow leaves its column group empty");
        assertEquals(csv, ResultCsv.toCsv(back));
    }

    @Test
    void csvRejectsAFlowColumnThatIsNotAFlowMetric() {
        var e = assertThrows(IllegalArgumentException.class, () -> ResultCsv.fromCsv(
                "index,run_id,scenario,seed,run_hash,duration_s,flow.bulk/up.link_losses\n", ResultMetadata.of("v", "t", 0)));
        assertTrue(e.getMessage().contains("link_losses is not a flow metric"), e.getMessage());
    }

    @Test
    void resultsWithoutFlowsStillRead() throws Exception {
        ObjectNode root = (ObjectNode) new ObjectMapper().readTree(ResultJson.toJson(set()));
        root.get("runs").forEach(run -> ((ObjectNode) run).remove("flows"));
        String old = root.toString();
        assertTrue(!old.contains("\"flows\""), old);
        ResultSet back = ResultJson.fromJson(old);
        assertTrue(back.runs().stream().allMatch(r -> r.flows().isEmpty()));
    }

    @Test
    void shardsMergeWithTheirFlows() {
        ResultSet a = new ResultSet(ResultMetadata.of("0.1.0", "t", 2).withShard("1/2"), List.of(run(0, 1, true)));
        ResultSet b = new ResultSet(ResultMetadata.of("0.1.0", "t", 2).withShard("2/2"), List.of(run(1, 2, false)));
        ResultSet merged = ResultSet.merge(List.of(ResultJson.fromJson(ResultJson.toJson(b)), a));
        assertEquals(set().runs(), merged.runs());
    }

    @Test
    void flowIdsNameConnectionAndDirection() {
        FlowResult f = new FlowResult("echo-1/down", "echo", Metrics.builder().build());
        assertEquals("echo-1", f.connection());
        assertEquals("down", f.direction());
        assertThrows(IllegalArgumentException.class, () -> new FlowResult("bulk", "bulk", Metrics.builder().build()));
        assertTrue(new FlowResult("bulk/up", "bulk", Metrics.builder().build()).judgedBy(Metric.GOODPUT));
        assertTrue(!new FlowResult("bulk/up", "bulk", Metrics.builder().build()).judgedBy(Metric.LATENCY_P99));
        assertTrue(!f.judgedBy(Metric.GOODPUT) && f.judgedBy(Metric.LATENCY_P99) && !f.judgedBy(Metric.OVERHEAD));
    }
}
