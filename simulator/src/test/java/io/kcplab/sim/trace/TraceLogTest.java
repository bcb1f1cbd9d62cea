package io.kcplab.sim.trace;

import io.kcplab.sim.net.Chance;
import io.kcplab.sim.net.Delay;
import io.kcplab.sim.net.DelayDistribution;
import io.kcplab.sim.net.LinkCounters;
import io.kcplab.sim.net.LinkProfile;
import io.kcplab.sim.net.Reorder;
import io.kcplab.sim.testing.LinkRun;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TraceLogTest {

    private static final LinkProfile PROFILE = LinkProfile.builder()
            .delay(Delay.of(30_000, 5_000, 0.3, DelayDistribution.NORMAL)).loss(0.05).duplicate(Chance.of(0.02))
            .corrupt(Chance.of(0.01)).reorder(Reorder.of(0.05)).rateBitsPerSecond(5_000_000).limitPackets(50)
            .build();

    private static String trace(long seed, LinkRun[] out) {
        StringBuilder sb = new StringBuilder();
        LinkRun r = new LinkRun(seed, PROFILE, 500, 700, 3000);
        TraceLog log = new TraceLog(sb);
        r.sim.tracer().add(log);
        r.runToEnd(60_000_000);
        out[0] = r;
        System.out.println("TraceLogTest seed " + seed + ": " + r.sim.summary());
        return sb.toString();
    }

    @Test
    void oneLinePerEventMatchingTheCountersAndIdenticalAcrossRuns() {
        LinkRun[] run = new LinkRun[1];
        String first = trace(9, run);
        String second = trace(9, new LinkRun[1]);
        assertEquals(first, second, "same seed, same trace");
        assertNotEquals(first, trace(10, new LinkRun[1]));
        LinkCounters c = run[0].link.counters();
        assertEquals(c.sent(), count(first, " a->b send "));
        assertEquals(c.delivered(), count(first, " a->b deliver "));
        assertEquals(c.dropped(io.kcplab.sim.net.DropCause.LOSS), count(first, " drop-loss "));
        assertEquals(c.dropped(io.kcplab.sim.net.DropCause.QUEUE), count(first, " drop-queue "));
        assertEquals(c.duplicated(), count(first, " duplicate "));
        assertTrue(c.duplicated() > 0 && c.dropped(io.kcplab.sim.net.DropCause.LOSS) > 0);
        assertTrue(first.startsWith("# time_us link kind bytes packet_id\n0 a->b send 500 0\n"), first.substring(0, 80));
    }

    private static long count(String s, String needle) {
        long n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
