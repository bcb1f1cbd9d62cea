package io.kcplab.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kcplab.reports.result.Metric;
import io.kcplab.reports.result.RunResult;
import io.kcplab.scenarios.run.Progress;
import io.kcplab.scenarios.run.SweepRunner;
import io.kcplab.scenarios.sweep.SweepPlanner;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The simulator's ikcp echo against C ikcp's: the session of interop's IkcpEchoTimingTest (30 requests of 200 bytes
 * every 100 ms from 5 ms on, a clean 13 ms path each way, normal mode), where Java and C ikcp emit the same
 * datagrams byte for byte: 75 datagrams and a mean round trip of 78.0 ms when a write waits for the update (ikcp),
 * 90 and 26.0 ms when each write is flushed. The simulator must give the same figures (its round trips go through
 * a 3-digit histogram, hence the tolerance).
 */
class IkcpEchoFidelityTest {

    private static final String SESSION = """
            name: echo-c
            duration: 3500ms
            seeds: [1]
            links:
              both: {delay: 13ms}
            protocol: {engine: ikcp, mode: normal, sndwnd: 128, rcvwnd: 128, mtu: 1400, fec: off, crypt: off,
                       writedelay: [true, false]}
            workloads:
              - {type: echo, request: 200B, interval: 100ms, count: 30, start: 5ms}
            """;

    @Test
    void theSimulatedEchoSendsAndWaitsAsCIkcpDoes() {
        List<RunResult> runs = SweepRunner.run(SweepPlanner.plan(ScenarioSource.text("echo-c", SESSION)).cases(), 1,
                Progress.none());
        assertEquals(List.of("true", "false"), runs.stream().map(r -> r.settings().get("protocol.writedelay")).toList());
        check(runs.get(0), 75, 78.0);
        check(runs.get(1), 90, 26.0);
    }

    private static void check(RunResult r, long datagrams, double meanRoundTrip) {
        double sent = r.total().extra().get("client_datagrams_sent") + r.total().extra().get("server_datagrams_sent");
        assertEquals(datagrams, (long) sent, r.settings() + ": datagrams");
        assertEquals(30, r.flow("echo/down").metrics().messagesDelivered(), "every request answered");
        assertEquals(meanRoundTrip, r.flow("echo/down").value(Metric.RTT_MEAN), 0.1, r.settings() + ": mean RTT");
    }
}
