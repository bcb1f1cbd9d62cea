package io.kcplab.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * What a run reports per flow and per drop cause, on planted cases: a queue that overflows against random loss,
 * an echo flow beside a bulk flow, a transfer that finishes early.
 */
class FlowMetricsTest {

    private static List<RunResult> run(String name, String yaml) {
        return SweepRunner.run(SweepPlanner.plan(ScenarioSource.text(name, yaml)).cases(), 1, Progress.none());
    }

    private static double extra(RunResult r, String name) {
        Double v = r.total().extra().get(name);
        assertTrue(v != null, "extra " + name + " missing: " + r.total().extra().keySet());
        return v;
    }

    /** A tiny queue, a big window and no random loss: every drop is the queue's. */
    static final String QUEUE_OVERFLOW = """
            name: queue
            duration: 3s
            seeds: [1]
            links:
              both: {rate: 2Mbit, delay: 20ms, limit: 8}
            protocol: {mode: fast3, sndwnd: 1024, rcvwnd: 1024, fec: off, crypt: off}
            workloads:
              - {type: bulk}
            """;

    /** A big queue and 5 % random loss: every drop is the loss model's. */
    static final String RANDOM_LOSS = """
            name: loss
            duration: 3s
            seeds: [1]
            links:
              both: {rate: 20Mbit, delay: 20ms, limit: 100000, loss: 5%}
            protocol: {mode: fast3, sndwnd: 128, rcvwnd: 128, fec: off, crypt: off}
            workloads:
              - {type: bulk}
            """;

    @Test
    void queueOverflowAndRandomLossAreCountedWhereTheyBelong() {
        RunResult queue = run("queue", QUEUE_OVERFLOW).get(0);
        assertTrue(extra(queue, "drops_queue") > 100, "queue drops: " + queue.total().extra());
        assertEquals(0, extra(queue, "drops_random_loss"));
        assertEquals(0, extra(queue, "drops_burst_loss"));
        assertEquals(extra(queue, "drops_queue"), extra(queue, "link_up_drops_queue") + extra(queue,
                "link_down_drops_queue"));
        assertEquals(queue.total().linkLosses(), (long) extra(queue, "drops_queue"));

        RunResult loss = run("loss", RANDOM_LOSS).get(0);
        assertEquals(0, extra(loss, "drops_queue"));
        assertEquals(0, extra(loss, "drops_burst_loss"), "the random model has no burst state");
        double sent = extra(loss, "client_datagrams_sent") + extra(loss, "server_datagrams_sent");
        double lost = extra(loss, "drops_random_loss");
        assertTrue(lost > 0.03 * sent && lost < 0.07 * sent, lost + " random drops of " + sent + " datagrams");
        assertEquals(loss.total().linkLosses(), (long) lost);
        // both planted cases show their cause in the printed summary, in its own column
        String table = SummaryText.table(new ResultSet(ResultMetadata.of("t", "t", 1), List.of(queue)));
        assertTrue(table.contains("queue drops") && table.contains("random loss"), table);
    }

    private static double flowExtra(FlowResult f, String name) {
        Double v = f.metrics().extra().get(name);
        assertTrue(v != null, f.flow() + ": extra " + name + " missing: " + f.metrics().extra().keySet());
        return v;
    }

    @Test
    void dropsAreChargedToTheFlowWhoseSenderSentTheDatagram() {
        RunResult queue = run("queue", QUEUE_OVERFLOW).get(0);
        FlowResult bulk = queue.flow("bulk/up");
        assertEquals(extra(queue, "link_up_drops_queue"), flowExtra(bulk, "drops_queue"), "the only upstream flow");
        assertEquals(0, flowExtra(bulk, "drops_random_loss"));

        RunResult r = run("mixed-loss", """
                name: mixed-loss
                duration: 3s
                seeds: [4]
                links:
                  both: {rate: 4Mbit, delay: 20ms, loss: 3%, limit: 20}
                protocol: {mode: fast, sndwnd: 256, rcvwnd: 256, fec: off, crypt: off}
                workloads:
                  - {type: bulk}
                  - {type: echo, interval: 50ms}
                """).get(0);
        for (String cause : new String[] {"random_loss", "queue"}) {
            double up = flowExtra(r.flow("bulk/up"), "drops_" + cause) + flowExtra(r.flow("echo/up"), "drops_" + cause);
            assertEquals(extra(r, "link_up_drops_" + cause), up, "every upstream drop is one flow's: " + cause);
        }
        FlowResult echoDown = r.flow("echo/down");
        assertTrue(flowExtra(echoDown, "drops_random_loss") > 0, echoDown.metrics().extra().toString());
        // downstream, the bulk receiver's ACKs belong to no flow: the echo's responses are a part of the link's drops
        assertTrue(flowExtra(echoDown, "drops_random_loss") < extra(r, "link_down_drops_random_loss"));
        assertTrue(flowExtra(r.flow("bulk/up"), "drops_queue") > flowExtra(r.flow("echo/up"), "drops_queue"),
                "the bulk flow fills the queue");
    }

    @Test
    void burstLossesOfAMarkovModelAreSplitFromItsIsolatedLosses() {
        RunResult r = run("burst", """
                name: burst
                duration: 3s
                seeds: [1]
                links:
                  both: {rate: 20Mbit, delay: 20ms, limit: 100000,
                         loss: {model: gilbert-elliott, p: 2%, r: 30%, bad_loss: 60%, good_loss: 1%}}
                protocol: {mode: fast3, fec: off, crypt: off}
                workloads:
                  - {type: bulk}
                """).get(0);
        assertTrue(extra(r, "drops_burst_loss") > 0, r.total().extra().toString());
        assertTrue(extra(r, "drops_random_loss") > 0, r.total().extra().toString());
        assertEquals(r.total().linkLosses(), (long) (extra(r, "drops_burst_loss") + extra(r, "drops_random_loss")));
    }

    @Test
    void theEchoFlowsLatencyLeavesOutTheBulkChunks() {
        RunResult r = run("mixed", """
                name: mixed
                duration: 3s
                seeds: [2]
                links:
                  both: {rate: 4Mbit, delay: 20ms, loss: 1%}
                protocol: {mode: normal, sndwnd: 32, rcvwnd: 32, fec: off, crypt: off}
                workloads:
                  - {type: bulk}
                  - {type: echo, interval: 50ms}
                """).get(0);
        assertEquals(List.of("bulk/up", "echo/up", "echo/down"), r.flows().stream().map(FlowResult::flow).toList());
        FlowResult bulk = r.flow("bulk/up");
        FlowResult echoUp = r.flow("echo/up");
        FlowResult echoDown = r.flow("echo/down");
        assertEquals("bulk", bulk.workload());
        assertEquals("echo", echoUp.workload());
        // the pooled total counts every message of every flow; each flow only its own
        assertEquals(r.total().messagesDelivered(), bulk.metrics().messagesDelivered()
                + echoUp.metrics().messagesDelivered() + echoDown.metrics().messagesDelivered());
        assertTrue(echoUp.metrics().messagesDelivered() > 20);
        // a bulk chunk (16 KiB, queued behind the window) takes longer than a 200-byte request; pooled, the chunks
        // pull the median above both echo flows' own (seed 2: bulk 68.8, echo/up 46.1, echo/down 20.6, pooled 57.9 ms)
        double echoUpP50 = echoUp.value(Metric.LATENCY_P50);
        double echoDownP50 = echoDown.value(Metric.LATENCY_P50);
        assertTrue(echoUpP50 < bulk.value(Metric.LATENCY_P50), echoUpP50 + " vs bulk " + bulk.value(Metric.LATENCY_P50));
        double pooled = r.total().latencyMs().p50();
        assertTrue(pooled > Math.max(echoUpP50, echoDownP50), "pooled " + pooled + " vs echo " + echoUpP50 + "/"
                + echoDownP50);
        assertEquals(echoUp.metrics().bytesDelivered() / 200, echoUp.metrics().messagesDelivered(),
                "one message per 200-byte request, nothing else");
        // round trips belong to the response flow; the request flow has none
        assertTrue(echoDown.value(Metric.RTT_P99) > 40, "round trip over 2 x 20 ms");
        assertTrue(Double.isNaN(echoUp.value(Metric.RTT_P99)));
        // each flow's retransmissions are its sending engine's
        assertEquals(extra(r, "client_retransmissions"), bulk.metrics().retransmissions()
                + echoUp.metrics().retransmissions());
    }

    @Test
    void goodputWhileActiveIgnoresTheIdleTimeAfterATransferFinishes() {
        RunResult r = run("early", """
                name: early
                duration: 10s
                seeds: [1]
                links:
                  both: {rate: 10Mbit, delay: 10ms}
                protocol: {mode: fast, fec: off, crypt: off}
                workloads:
                  - {type: bulk, size: 1MB}
                """).get(0);
        FlowResult bulk = r.flow("bulk/up");
        double completion = bulk.completionSeconds();
        assertTrue(completion > 0.5 && completion < 3, "1 MB at 10 Mbit/s: ~0.8 s, got " + completion);
        double active = bulk.value(Metric.GOODPUT);
        assertEquals(1_000_000 * 8 / completion, active, 1e-6 * active, "bytes x 8 / (first write to last read)");
        double wholeRun = r.total().goodputBps();
        assertEquals(1_000_000 * 8 / 10.0, wholeRun, 1e-6 * wholeRun, "the old total still divides by the run");
        assertTrue(active > 3 * wholeRun, active + " while active vs " + wholeRun + " over the run");
        assertEquals(1_000_000, bulk.metrics().bytesDelivered());
    }

    @Test
    void anUnfinishedTransferHasNoCompletionTime() {
        RunResult r = run("queue", QUEUE_OVERFLOW).get(0);
        FlowResult bulk = r.flow("bulk/up");
        assertTrue(Double.isNaN(bulk.completionSeconds()));
        assertNull(bulk.metrics().extra().get(FlowResult.COMPLETION_S));
        assertTrue(bulk.value(Metric.GOODPUT) > 1e5, "a backlogged flow still has its goodput while active");
    }
}
