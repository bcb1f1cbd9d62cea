package io.kcplab.sim.net;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LinkProfileTest {

    private static void rejects(Executable build, String... mustMention) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build);
        for (String m : mustMention) {
            assertTrue(e.getMessage().contains(m), "message '" + e.getMessage() + "' should mention '" + m + "'");
        }
    }

    @Test
    void invalidValuesNameTheFieldAndTheRange() {
        rejects(() -> LinkProfile.builder().loss(1.5).build(), "loss.random.probability", "[0, 1]", "1.5");
        rejects(() -> new LossModel.GilbertElliott(0.1, -0.2, 1, 0), "loss.gemodel.r", "-0.2");
        rejects(() -> new LossModel.Markov4(0.6, 0.3, 0, 1, 0.5), "p13", "p14", "at most 1");
        rejects(() -> LinkProfile.builder().mtu(20).build(), "mtu", "[28, 65535]", "20");
        rejects(() -> LinkProfile.builder().limitPackets(0).build(), "limitPackets", "0");
        rejects(() -> Rate.bitsPerSecond(-1), "rate.bitsPerSecond", "-1");
        rejects(() -> Delay.of(-5, 0, 0, DelayDistribution.NORMAL), "delay.latencyMicros", "-5");
        rejects(() -> Delay.of(5, 0, 0, null), "delay.distribution", "PARETO_NORMAL");
        rejects(() -> Slot.of(10, 5, 0, 0), "slot.maxDelayMicros", "slot.minDelayMicros");
        rejects(() -> Chance.of(0.5, 2), "correlation", "2.0");
        rejects(() -> LinkProfile.builder().reorder(Reorder.of(0.1)).build(), "reorder", "delay");
        rejects(() -> Reorder.of(0.1, 0, -1), "reorder.gap", "-1");
    }

    @Test
    void withersChangeOneFieldAndDefaultsFollowTc() {
        LinkProfile p = LinkProfile.PERFECT.withLoss(0.01).withDelay(Delay.millis(25)).withMtu(1500);
        assertEquals(LossModel.random(0.01), p.loss());
        assertEquals(25_000, p.delay().latencyMicros());
        assertEquals(1500, p.mtu());
        assertEquals(LinkProfile.NETEM_DEFAULT_LIMIT, p.limitPackets());
        assertEquals(p, p.toBuilder().build());
        assertEquals(1, Reorder.of(0.3, 0, 0).gap(), "tc: reorder without gap means gap 1");
        LossModel.GilbertElliott ge = LossModel.GilbertElliott.of(0.1);
        assertEquals(0.9, ge.r(), 1e-12);
        assertEquals(1.0, ge.oneMinusH());
        assertEquals(0.0, ge.oneMinusK());
        LossModel.Markov4 m = LossModel.Markov4.of(0.05);
        assertEquals(0.95, m.p31(), 1e-12);
        assertEquals(1.0, m.p23());
    }
}
