package io.kcplab.sim.net;

import io.kcplab.sim.Simulation;
import io.kcplab.sim.node.ConstantRateSender;
import io.kcplab.sim.node.Host;
import io.kcplab.sim.node.Network;
import io.kcplab.sim.node.SequenceRecorder;
import io.kcplab.sim.testing.LinkRun;
import io.kcplab.sim.trace.TraceKind;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

/**
 * Link invariants under random impairment configurations. QuickTheories prints the failing values (the profile
 * seed and the simulation seed) and its own seed; replay with {@code -DQT_SEED=...}. Example counts:
 * {@code -Dkcplab.qt.examples=N}.
 */
class LinkPropertiesTest {

    private static int examples(int fallback) {
        return (int) LinkRun.examples(fallback);
    }

    /** A random profile with every impairment possibly on (deterministic in {@code seed}). */
    static LinkProfile randomProfile(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        LinkProfile.Builder b = LinkProfile.builder();
        long latency = r.nextBoolean() ? r.nextLong(0, 100_000) : 0;
        long jitter = r.nextBoolean() ? r.nextLong(0, 30_000) : 0;
        b.delay(Delay.of(latency, jitter, r.nextBoolean() ? r.nextDouble() : 0,
                DelayDistribution.values()[r.nextInt(4)]));
        if (r.nextBoolean()) {
            b.rate(new Rate(r.nextLong(100_000, 100_000_000), r.nextInt(-20, 60), r.nextBoolean() ? 48 : 0, 5));
        }
        b.limitPackets(r.nextBoolean() ? r.nextInt(1, 200) : 1000);
        if (r.nextBoolean()) {
            b.limitBytes(r.nextLong(2000, 500_000));
        }
        switch (r.nextInt(4)) {
            case 0 -> b.loss(LossModel.NONE);
            case 1 -> b.loss(LossModel.random(r.nextDouble() * 0.5, r.nextBoolean() ? r.nextDouble() : 0));
            case 2 -> b.loss(new LossModel.GilbertElliott(r.nextDouble() * 0.2, r.nextDouble(), r.nextDouble(),
                    r.nextDouble() * 0.1));
            default -> {
                double p13 = r.nextDouble() * 0.2;
                double p14 = r.nextDouble() * 0.1;
                double p31 = r.nextDouble() * 0.5;
                double p32 = r.nextDouble() * 0.5;
                b.loss(new LossModel.Markov4(p13, p31, p32, r.nextDouble(), p14));
            }
        }
        if (r.nextBoolean()) {
            b.duplicate(Chance.of(r.nextDouble() * 0.3, r.nextBoolean() ? r.nextDouble() : 0));
        }
        if (r.nextBoolean()) {
            b.corrupt(Chance.of(r.nextDouble() * 0.3));
        }
        if (r.nextBoolean()) {
            b.truncate(Chance.of(r.nextDouble() * 0.3));
        }
        if (latency > 0 && r.nextBoolean()) {
            b.reorder(Reorder.of(r.nextDouble() * 0.5, r.nextBoolean() ? r.nextDouble() : 0, r.nextInt(1, 6)));
        }
        if (r.nextInt(4) == 0) {
            long min = r.nextLong(0, 20_000);
            b.slot(Slot.of(min, min + r.nextLong(1, 20_000), r.nextInt(0, 8), r.nextBoolean() ? 0 : 4000));
        }
        if (r.nextInt(4) == 0) {
            b.mtu(r.nextInt(200, 1500));
        }
        return b.build();
    }

    @Test
    void conservationHoldsAtEveryEventAndTheLinkDrains() {
        qt().withExamples(examples(60)).forAll(longs().all(), longs().all()).checkAssert((profileSeed, simSeed) -> {
            LinkProfile p = randomProfile(profileSeed);
            LinkRun r = new LinkRun(simSeed, p, 16 + Math.floorMod(profileSeed, 1400), 300, 2000);
            String where = "profile seed " + profileSeed + ", sim seed " + simSeed + ", " + p;
            long[] checks = {0};
            r.sim.tracer().add((t, kind, link, packet) -> {
                if (link == r.link) {
                    LinkCounters c = r.link.counters();
                    // checked before the effect of most events is counted, so allow the event in progress
                    long lhs = c.sent() + c.duplicated();
                    long rhs = c.delivered() + c.droppedTotal() + c.inFlight();
                    assertTrue(lhs - rhs >= 0 && lhs - rhs <= 2, where + " at " + t + ": " + c);
                    checks[0]++;
                }
            });
            r.start();
            for (int step = 0; step < 20; step++) {
                r.sim.runFor(50_000);
                assertTrue(r.link.counters().conserved(), where + ": " + r.link.counters());
            }
            r.runToEnd(3_600_000_000L);
            LinkCounters c = r.link.counters();
            assertTrue(c.conserved(), where + ": " + c);
            assertEquals(0, c.inFlight(), where + ": " + c);
            assertEquals(2000, c.sent());
            assertEquals(c.delivered(), r.recorder.count(), where);
            assertTrue(checks[0] > 0);
        });
    }

    @Test
    void sameSeedSameRunHashDifferentSeedDifferentHash() {
        qt().withExamples(examples(30)).forAll(longs().all(), longs().all()).checkAssert((profileSeed, simSeed) -> {
            // loss decisions use randomness whatever else the profile does (an MTU below the size would drop
            // everything deterministically)
            LinkProfile p = randomProfile(profileSeed).withLoss(0.1).withMtu(1500);
            String h1 = hashOf(p, simSeed);
            String h2 = hashOf(p, simSeed);
            assertEquals(h1, h2, "same scenario and seed must give the same run hash; profile seed " + profileSeed);
            assertNotEquals(h1, hashOf(p, simSeed + 1), "seed must matter (profile seed " + profileSeed + ")");
        });
    }

    private static String hashOf(LinkProfile p, long seed) {
        LinkRun r = new LinkRun(seed, p, 200, 500, 1000).runToEnd(60_000_000);
        return r.sim.runHash().hex();
    }

    @Test
    void anUnrelatedLinkLeavesTheLossPatternUnchanged() {
        qt().withExamples(examples(30)).forAll(longs().all(), longs().all()).checkAssert((profileSeed, simSeed) -> {
            LinkProfile p = randomProfile(profileSeed);
            LinkRun alone = new LinkRun(simSeed, p, 100, 500, 1000).runToEnd(60_000_000);

            // the same a->b link, but other hosts, links and traffic exist (created first, so ids differ too)
            Simulation sim = new Simulation(simSeed);
            Network net = new Network(sim);
            Host c = net.addHost("c");
            Host d = net.addHost("d");
            Host a = net.addHost("a");
            Host b = net.addHost("b");
            net.connect(c, d, randomProfile(profileSeed + 1), randomProfile(profileSeed + 2));
            net.connect(c, a, randomProfile(profileSeed + 3));
            Link ab = net.connect(a, b, p, LinkProfile.PERFECT).forward();
            d.bind(7, new SequenceRecorder());
            c.bind(7, new ConstantRateSender(d.address(), 7, 300, 170, 3000, 5));
            a.bind(99, new SequenceRecorder());
            SequenceRecorder rec = new SequenceRecorder();
            b.bind(9000, rec);
            a.bind(5000, new ConstantRateSender(b.address(), 9000, 100, 500, 1000, 0));
            sim.runUntil(60_000_000);

            String where = "profile seed " + profileSeed + ", sim seed " + simSeed;
            assertArrayEquals(alone.recorder.sequences(), rec.sequences(), where);
            assertArrayEquals(alone.recorder.arrivals(), rec.arrivals(), where);
            assertEquals(alone.link.counters().toString(), ab.counters().toString(), where);
        });
    }

    @Test
    void randomLossRateIsWithinTolerance() {
        qt().withExamples(examples(20)).forAll(doubles().between(0.0, 0.6), longs().all()).checkAssert((p, seed) -> {
            int n = 20_000;
            LinkRun r = new LinkRun(seed, LinkProfile.PERFECT.withLoss(p), 32, 100, n).runToEnd(10_000_000);
            double rate = r.link.counters().dropped(DropCause.LOSS) / (double) n;
            double tolerance = 5 * Math.sqrt(p * (1 - p) / n) + 1e-4;
            assertTrue(Math.abs(rate - p) <= tolerance, "p=" + p + " measured " + rate + " seed " + seed);
        });
    }

    @Test
    void gilbertElliottIsBurstierThanBernoulliAtTheSameMean() {
        qt().withExamples(examples(15)).forAll(doubles().between(0.005, 0.05), doubles().between(0.1, 0.4),
                longs().all()).checkAssert((p, r, seed) -> {
                    LossModel.GilbertElliott ge = LossModel.GilbertElliott.of(p, r);
                    int n = 50_000;
                    boolean[] geLost = lossPattern(LinkProfile.PERFECT.withLoss(ge), seed, n);
                    boolean[] bLost = lossPattern(LinkProfile.PERFECT.withLoss(ge.meanLoss()), seed, n);
                    double geBurst = meanBurst(geLost);
                    double bBurst = meanBurst(bLost);
                    String what = "p=" + p + " r=" + r + " seed " + seed + ": GE mean burst " + geBurst
                            + ", Bernoulli " + bBurst;
                    assertTrue(geBurst > 1.5 * bBurst, what);
                    assertTrue(Math.abs(geBurst - 1 / r) < 0.35 / r, "GE bursts average 1/r: " + what);
                    double geRate = count(geLost) / (double) n;
                    assertTrue(Math.abs(geRate - ge.meanLoss()) < 0.4 * ge.meanLoss() + 0.002, what + " rate "
                            + geRate + " vs " + ge.meanLoss());
                });
    }

    /** lost[i] = datagram i never arrived. */
    private static boolean[] lossPattern(LinkProfile p, long seed, int n) {
        LinkRun run = new LinkRun(seed, p, 32, 100, n).runToEnd(100_000_000);
        boolean[] lost = new boolean[n];
        Arrays.fill(lost, true);
        for (long s : run.recorder.sequences()) {
            lost[(int) s] = false;
        }
        return lost;
    }

    private static double meanBurst(boolean[] lost) {
        int bursts = 0;
        int total = 0;
        for (int i = 0; i < lost.length; i++) {
            if (lost[i]) {
                total++;
                if (i == 0 || !lost[i - 1]) {
                    bursts++;
                }
            }
        }
        return bursts == 0 ? 0 : total / (double) bursts;
    }

    private static int count(boolean[] b) {
        int n = 0;
        for (boolean x : b) {
            n += x ? 1 : 0;
        }
        return n;
    }

    @Test
    void throughputNeverExceedsTheRateAndTheQueueBoundHolds() {
        qt().withExamples(examples(30)).forAll(longs().between(50_000, 50_000_000), integers().between(1, 300),
                integers().between(40, 1400), longs().all()).checkAssert((bps, limit, size, seed) -> {
                    LinkProfile p = LinkProfile.builder().rateBitsPerSecond(bps).limitPackets(limit)
                            .limitBytes(64L * 1028).delayMillis(5).build();
                    // offer about twice the capacity
                    long txMicros = Math.max(1, (size + 28) * 8_000_000L / bps);
                    LinkRun r = new LinkRun(seed, p, size, Math.max(1, txMicros / 2), 400);
                    String where = "rate " + bps + " limit " + limit + " size " + size + " seed " + seed;
                    r.sim.tracer().add((t, kind, link, packet) -> {
                        LinkCounters c = r.link.counters();
                        assertTrue(c.inFlight() <= limit, where + ": held " + c.inFlight());
                        assertTrue(c.inFlightBytes() <= 64L * 1028, where + ": held bytes " + c.inFlightBytes());
                    });
                    r.runToEnd(3_600_000_000L);
                    long[] t = r.recorder.arrivals();
                    assertTrue(t.length > 1, where);
                    long txNanos = p.rate().transmitNanos(size + 28);
                    for (int i = 1; i < t.length; i++) {
                        // k packets after the first need k serialization times (arrivals are rounded up to 1 µs)
                        assertTrue((t[i] - t[0]) * 1000 + 1000 >= i * txNanos, where + ": arrival " + i);
                    }
                    assertTrue(r.link.counters().dropped(DropCause.QUEUE) > 0 || limit * 2 > 400
                            || 64L * 1028 / (size + 28) * 2 > 400, where + ": overload must overflow the queue");
                });
    }

    @Test
    void mtuDropsExactlyTheOversizedDatagrams() {
        qt().withExamples(examples(50)).forAll(integers().between(68, 1500), integers().between(16, 1600),
                longs().all()).checkAssert((mtu, size, seed) -> {
                    LinkRun r = new LinkRun(seed, LinkProfile.PERFECT.withMtu(mtu), size, 100, 20)
                            .runToEnd(1_000_000);
                    boolean fits = size + 28 <= mtu;
                    assertEquals(fits ? 20 : 0, r.recorder.count(), "mtu " + mtu + " size " + size);
                    assertEquals(fits ? 0 : 20, r.link.counters().dropped(DropCause.MTU));
                });
    }

    @Test
    void outageDropsEverythingInItsWindowAndNothingElse() {
        qt().withExamples(examples(40)).forAll(longs().between(0, 500_000), longs().between(1, 400_000),
                longs().all()).checkAssert((from, length, seed) -> {
                    LinkProfile p = LinkProfile.builder().delayMillis(20).build();
                    LinkRun r = new LinkRun(seed, p, 64, 1000, 1000);
                    LinkSchedule.builder().outage(from, from + length).build().applyTo(r.sim, r.link);
                    long[] sendTimesDropped = {0};
                    r.sim.tracer().add((t, kind, link, packet) -> {
                        if (kind == TraceKind.DROP_OUTAGE) {
                            assertTrue(t >= from && t < from + length, "dropped at " + t + " outside outage");
                            sendTimesDropped[0]++;
                        }
                    });
                    r.runToEnd(10_000_000);
                    long inWindow = 0;
                    for (long i = 0; i < 1000; i++) {
                        long sentAt = i * 1000;
                        if (sentAt >= from && sentAt < from + length) {
                            inWindow++;
                        }
                    }
                    assertEquals(inWindow, r.link.counters().dropped(DropCause.OUTAGE),
                            "outage [" + from + ", " + (from + length) + ")");
                    assertEquals(1000 - inWindow, r.recorder.count());
                    assertEquals(inWindow, sendTimesDropped[0]);
                });
    }
}
