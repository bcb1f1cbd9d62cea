package io.kcplab.sim.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.kcplab.sim.testing.LinkRun;
import org.junit.jupiter.api.Test;

/** The in-order (FIFO tunnel) option and delays given as a range [min, max]. */
class LinkOrderAndRangeTest {

    private static final Delay JITTERY = Delay.of(50_000, 20_000, 0, DelayDistribution.UNIFORM);

    private static LinkRun run(LinkProfile p) {
        return new LinkRun(11, p, 100, 1000, 2000).runToEnd(10_000_000);
    }

    @Test
    void inOrderLinkHoldsEachDatagramBehindTheSlowestBeforeIt() {
        LinkRun free = run(LinkProfile.builder().delay(JITTERY).build());
        LinkRun fifo = run(LinkProfile.builder().delay(JITTERY).inOrder(true).build());
        assertEquals(2000, fifo.recorder.count());
        long[] freeArrival = new long[2000];
        for (int i = 0; i < 2000; i++) {
            freeArrival[(int) free.recorder.sequence(i)] = free.recorder.arrival(i);
        }
        long latest = 0;
        boolean freeReordered = false;
        for (int i = 0; i < 2000; i++) {
            assertEquals(i, fifo.recorder.sequence(i), "nothing overtakes on an in-order link");
            freeReordered |= free.recorder.sequence(i) != i;
            // the same delay draws; a datagram leaves at its own time or with the one ahead of it, whichever is later
            latest = Math.max(latest, freeArrival[i]);
            assertEquals(latest, fifo.recorder.arrival(i), "datagram " + i);
            assertTrue(fifo.recorder.delay(i) >= 30_000);
        }
        assertTrue(freeReordered, "without the option jitter reorders (netem)");
        assertTrue(fifo.link.counters().conserved());
    }

    @Test
    void inOrderNeverReordersWhateverTheJitterDistributionAndSeed() {
        qt().withExamples((int) LinkRun.examples(40))
                .forAll(longs().all(), integers().between(0, 40_000), integers().between(0, 3))
                .checkAssert((seed, jitter, dist) -> {
                    Delay d = Delay.of(20_000, jitter, 0.3, DelayDistribution.values()[dist]);
                    LinkProfile p = LinkProfile.builder().delay(d).duplicate(0.05).loss(0.02).inOrder(true).build();
                    LinkRun r = new LinkRun(seed, p, 64, 500, 400).runToEnd(5_000_000);
                    long[] seqs = r.recorder.sequences();
                    long[] arrivals = r.recorder.arrivals();
                    for (int i = 1; i < seqs.length; i++) {
                        assertTrue(seqs[i] >= seqs[i - 1], "overtaken at " + i + ": " + d);
                        assertTrue(arrivals[i] >= arrivals[i - 1]);
                    }
                    assertTrue(r.link.counters().conserved());
                });
    }

    @Test
    void inOrderWithoutJitterChangesNothing() {
        LinkProfile plain = LinkProfile.builder().delayMillis(25).rateBitsPerSecond(1_000_000).build();
        LinkRun a = run(plain);
        LinkRun b = run(plain.withInOrder(true));
        assertEquals(a.recorder.count(), b.recorder.count());
        for (int i = 0; i < a.recorder.count(); i++) {
            assertEquals(a.recorder.arrival(i), b.recorder.arrival(i));
        }
    }

    @Test
    void inOrderContradictsReorder() {
        LinkProfile.Builder b = LinkProfile.builder().delayMillis(10).reorder(Reorder.of(0.1)).inOrder(true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
        assertTrue(e.getMessage().contains("inOrder contradicts reorder"), e.getMessage());
    }

    @Test
    void rangeIsUniformLatencyPlusMinusJitter() {
        Delay range = Delay.range(20_000, 40_000, 0.25);
        assertEquals(Delay.of(30_000, 10_000, 0.25, DelayDistribution.UNIFORM), range);
        LinkRun r = run(LinkProfile.builder().delay(Delay.range(20_000, 40_000, 0)).build());
        long min = Long.MAX_VALUE;
        long max = 0;
        for (long d : r.recorder.delays()) {
            assertTrue(d >= 20_000 && d <= 40_000, "outside [min, max]: " + d);
            min = Math.min(min, d);
            max = Math.max(max, d);
        }
        assertTrue(min < 20_100 && max > 39_900, "the whole range is used: " + min + ".." + max);
        assertEquals(Delay.fixedMicros(5_000), Delay.range(5_000, 5_000, 0), "min = max: a fixed delay");
    }

    @Test
    void badRangesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Delay.range(40_000, 20_000, 0));
        assertThrows(IllegalArgumentException.class, () -> Delay.range(-1, 20_000, 0));
        IllegalArgumentException odd = assertThrows(IllegalArgumentException.class,
                () -> Delay.range(20_000, 20_001, 0));
        assertTrue(odd.getMessage().contains("even"), odd.getMessage());
    }
}
