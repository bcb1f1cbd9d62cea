package io.kcplab.sim.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kcplab.sim.Experiment;
import io.kcplab.sim.ExperimentResult;
import io.kcplab.sim.metrics.FlowMetrics;
import io.kcplab.sim.net.LinkProfile;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Workload start offsets (every kind) and "stop after N" counts (echo requests, cbr messages). */
class WorkloadStartAndCountTest {

    /** 10 ms one way, so a first delivery comes 10 ms (plus KCP's interval) after the first write. */
    private static final LinkProfile LINK = LinkProfile.builder().rateBitsPerSecond(10_000_000).delayMillis(10)
            .build();

    private static <W extends Workload> ExperimentResult run(List<W> made, java.util.function.LongFunction<W> make) {
        return Experiment.builder(5).links(LINK, LINK)
                .conversations(1, (i, s) -> {
                    W w = make.apply(s);
                    made.add(w);
                    return w;
                })
                .duration(3_000_000).build().run();
    }

    private static FlowMetrics up(ExperimentResult r) {
        return r.conversations().get(0).upstream();
    }

    @Test
    void echoStopsAfterCountRequests() {
        List<Echo> made = new ArrayList<>();
        ExperimentResult r = run(made, s -> new Echo(200, 50_000, 0, Long.MAX_VALUE, 10, s, "echo"));
        assertEquals(10, made.get(0).requestsIssued());
        assertEquals(10, made.get(0).requestsCompleted());
        assertEquals(2_000, up(r).bytesDelivered());
        assertEquals(10, r.conversations().get(0).downstream().roundTrip().getTotalCount());
    }

    @Test
    void echoStartsAtItsOffset() {
        List<Echo> made = new ArrayList<>();
        ExperimentResult r = run(made, s -> new Echo(200, 50_000, 1_000_000, Long.MAX_VALUE, s, "echo"));
        assertTrue(up(r).firstDeliveryMicros() >= 1_010_000, "first request at 1 s: " + up(r).firstDeliveryMicros());
        assertEquals(41, made.get(0).requestsIssued(), "every 50 ms from 1 s to the end at 3 s, both included");
    }

    @Test
    void cbrStopsAfterCountMessagesAndStartsAtItsOffset() {
        List<ConstantBitRate> made = new ArrayList<>();
        // 3 messages a tick, 10 in all: ticks of 3, 3, 3 and 1
        ExperimentResult r = run(made, s -> new ConstantBitRate(3, 100, 20_000, 500_000, Long.MAX_VALUE, 10, s,
                "cbr"));
        assertEquals(1_000, up(r).bytesDelivered());
        assertTrue(up(r).firstDeliveryMicros() >= 510_000, "first tick at 500 ms: " + up(r).firstDeliveryMicros());
        assertTrue(up(r).lastDeliveryMicros() < 700_000, "4 ticks from 500 ms: " + up(r).lastDeliveryMicros());
    }

    @Test
    void bulkAndOnOffStartAtTheirOffsets() {
        ExperimentResult bulk = run(new ArrayList<>(), s -> new BulkTransfer(200_000, BulkTransfer.DEFAULT_CHUNK,
                2_000_000, s, "bulk"));
        assertEquals(200_000, up(bulk).bytesDelivered());
        assertTrue(up(bulk).firstDeliveryMicros() >= 2_010_000, "bulk at 2 s: " + up(bulk).firstDeliveryMicros());
        ExperimentResult onoff = run(new ArrayList<>(), s -> new OnOff(1_000_000, 100_000, 100_000, 1_500_000,
                Long.MAX_VALUE, 1400, s, "onoff"));
        assertTrue(up(onoff).firstDeliveryMicros() >= 1_510_000, "on/off at 1.5 s: "
                + up(onoff).firstDeliveryMicros());
        assertTrue(up(onoff).bytesDelivered() > 0);
    }

    @Test
    void badStartsAndCountsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new ConstantBitRate(1, 100, 20_000, -1, 1_000, 5, 1, "c"));
        assertThrows(IllegalArgumentException.class, () -> new ConstantBitRate(1, 100, 20_000, 0, 1_000, 0, 1, "c"));
        assertThrows(IllegalArgumentException.class, () -> new Echo(100, 20_000, 0, 1_000, 0, 1, "e"));
        assertThrows(IllegalArgumentException.class, () -> new BulkTransfer(100, 100, -5, 1, "b"));
        assertThrows(IllegalArgumentException.class, () -> new OnOff(1_000, 10_000, 0, -1, 1_000, 100, 1, "o"));
    }
}
