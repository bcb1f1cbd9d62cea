package io.kcplab.sim.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kcplab.sim.testing.LinkRun;
import org.junit.jupiter.api.Test;

/** Which LOSS drops the counters call burst losses: those a Markov model made in its burst state. */
class BurstLossCountTest {

    private static LinkCounters run(LossModel loss, long count) {
        return new LinkRun(11, LinkProfile.builder().loss(loss).build(), 64, 100, count).runToEnd(100_000_000)
                .link.counters();
    }

    @Test
    void randomLossHasNoBursts() {
        LinkCounters c = run(LossModel.random(0.05), 50_000);
        assertTrue(c.dropped(DropCause.LOSS) > 1000, c.toString());
        assertEquals(0, c.burstLosses());
    }

    @Test
    void simpleGilbertLosesOnlyInItsBadState() {
        LinkCounters c = run(LossModel.GilbertElliott.of(0.02), 50_000);
        assertTrue(c.dropped(DropCause.LOSS) > 100);
        assertEquals(c.dropped(DropCause.LOSS), c.burstLosses(), "1-h = 1, 1-k = 0: every loss is in Bad");
    }

    @Test
    void gilbertElliottSplitsAtItsStationaryShares() {
        LossModel.GilbertElliott ge = new LossModel.GilbertElliott(0.02, 0.2, 0.8, 0.01);
        LinkCounters c = run(ge, 100_000);
        double bad = ge.p() / (ge.p() + ge.r());
        double expected = bad * ge.oneMinusH() / (bad * ge.oneMinusH() + (1 - bad) * ge.oneMinusK());
        double share = (double) c.burstLosses() / c.dropped(DropCause.LOSS);
        assertEquals(expected, share, 0.03, "share of losses in Bad");
    }

    @Test
    void markov4IsolatedLossesAreNotBurstLosses() {
        LinkCounters c = run(new LossModel.Markov4(0.01, 0.3, 0.2, 0.4, 0.005), 200_000);
        long isolated = c.dropped(DropCause.LOSS) - c.burstLosses();
        assertTrue(c.burstLosses() > 0 && isolated > 0, c.toString());
        // isolated losses start at p14 per packet in the gap (most packets): about 0.005 x 200,000
        assertTrue(isolated > 500 && isolated < 1500, c.toString());
    }
}
