package io.kcplab.sim.net;

import io.kcplab.sim.node.ConstantRateSender;
import io.kcplab.sim.node.SequenceRecorder;
import io.kcplab.sim.testing.LinkRun;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** netem semantics of each impairment, one at a time, on a constant-rate stream a→b. */
class LinkBehaviourTest {

    private static LinkRun run(LinkProfile p, int size, long interval, long count, long until) {
        return new LinkRun(11, p, size, interval, count).runToEnd(until);
    }

    private static int outOfOrder(long[] seqs) {
        int n = 0;
        long max = -1;
        for (long s : seqs) {
            if (s < max) {
                n++;
            }
            max = Math.max(max, s);
        }
        return n;
    }

    @Test
    void fixedDelayDeliversEverythingInOrderAfterTheLatency() {
        LinkRun r = run(LinkProfile.builder().delayMillis(25).build(), 100, 1000, 500, 2_000_000);
        assertEquals(500, r.recorder.count());
        for (int i = 0; i < 500; i++) {
            assertEquals(i, r.recorder.sequence(i));
            assertEquals(25_000, r.recorder.delay(i));
        }
        assertEquals(0, r.link.counters().inFlight());
        assertTrue(r.link.counters().conserved());
    }

    @Test
    void jitterReordersUnlessRateLimited() {
        Delay jittery = Delay.of(50_000, 20_000, 0, DelayDistribution.UNIFORM);
        LinkRun free = run(LinkProfile.builder().delay(jittery).build(), 100, 1000, 2000, 10_000_000);
        assertEquals(2000, free.recorder.count());
        assertTrue(outOfOrder(free.recorder.sequences()) > 100, "jitter alone must reorder (netem)");
        for (long d : free.recorder.delays()) {
            assertTrue(d >= 30_000 && d <= 70_001, "uniform jitter out of [latency-jitter, latency+jitter]: " + d);
        }
        LinkRun limited = run(LinkProfile.builder().delay(jittery).rateBitsPerSecond(100_000_000).build(),
                100, 1000, 2000, 10_000_000);
        assertEquals(2000, limited.recorder.count());
        assertEquals(0, outOfOrder(limited.recorder.sequences()), "a rate limit keeps order (netem)");
    }

    @Test
    void distributionsHaveTheirShape() {
        long lat = 100_000;
        long jit = 10_000;
        for (DelayDistribution d : DelayDistribution.values()) {
            LinkRun r = run(LinkProfile.builder().delay(Delay.of(lat, jit, 0, d)).build(), 64, 100, 40_000,
                    100_000_000);
            long[] delays = r.recorder.delays();
            double mean = Arrays.stream(delays).average().orElseThrow();
            double var = Arrays.stream(delays).mapToDouble(x -> (x - mean) * (x - mean)).sum() / delays.length;
            double sd = Math.sqrt(var);
            long[] sorted = delays.clone();
            Arrays.sort(sorted);
            double median = sorted[sorted.length / 2];
            String what = d + " mean=" + mean + " sd=" + sd + " median=" + median;
            assertTrue(Math.abs(mean - lat) < 0.05 * jit + 200, what);
            switch (d) {
                case UNIFORM -> assertTrue(Math.abs(sd - jit / Math.sqrt(3)) < 0.03 * jit, what);
                case NORMAL -> assertTrue(Math.abs(sd - jit) < 0.03 * jit, what);
                case PARETO -> {
                    assertTrue(median < mean - 0.1 * jit, "pareto is right-skewed: " + what);
                    assertTrue(sorted[sorted.length - 1] - lat <= 4 * jit + 1, "clipped like netem's table");
                }
                case PARETO_NORMAL -> assertTrue(median < mean, "pareto-normal is right-skewed: " + what);
                default -> throw new AssertionError(d);
            }
        }
    }

    @Test
    void delayCorrelationMakesConsecutiveDelaysSimilar() {
        double independent = lag1(0.0);
        double correlated = lag1(0.9);
        assertTrue(Math.abs(independent) < 0.05, "no correlation asked: " + independent);
        assertTrue(correlated > 0.5, "correlation 0.9 must show: " + correlated + " vs " + independent);
    }

    private static double lag1(double corr) {
        LinkProfile p = LinkProfile.builder()
                .delay(Delay.of(100_000, 20_000, corr, DelayDistribution.NORMAL)).rateBitsPerSecond(0).build();
        LinkRun r = run(p, 64, 1000, 5000, 100_000_000);
        // order arrivals back by sequence number: correlation is along the send order
        long[] bySeq = new long[5000];
        for (int i = 0; i < r.recorder.count(); i++) {
            bySeq[(int) r.recorder.sequence(i)] = r.recorder.delay(i);
        }
        double mean = Arrays.stream(bySeq).average().orElseThrow();
        double num = 0;
        double den = 0;
        for (int i = 0; i < bySeq.length; i++) {
            den += (bySeq[i] - mean) * (bySeq[i] - mean);
            if (i > 0) {
                num += (bySeq[i] - mean) * (bySeq[i - 1] - mean);
            }
        }
        return num / den;
    }

    @Test
    void reorderWithGapSendsEveryNthPacketImmediately() {
        LinkProfile p = LinkProfile.builder().delayMillis(10).reorder(Reorder.of(1.0, 0, 5)).build();
        LinkRun r = run(p, 64, 1000, 100, 1_000_000);
        assertEquals(100, r.recorder.count());
        for (int i = 0; i < 100; i++) {
            long seq = r.recorder.sequence(i);
            long expected = seq % 5 == 4 ? 0 : 10_000;
            assertEquals(expected, r.recorder.delay(i), "packet " + seq);
        }
        assertEquals(20, r.link.counters().reordered());
        assertTrue(outOfOrder(r.recorder.sequences()) > 0);
    }

    @Test
    void reorderProbabilityMatches() {
        LinkProfile p = LinkProfile.builder().delayMillis(10).reorder(Reorder.of(0.25)).build();
        LinkRun r = run(p, 64, 1000, 20_000, 100_000_000);
        double rate = r.link.counters().reordered() / 20_000.0;
        assertTrue(Math.abs(rate - 0.25) < 0.015, "reordered fraction " + rate);
    }

    @Test
    void duplicationDeliversTwoCopies() {
        LinkRun r = run(LinkProfile.builder().duplicate(1.0).build(), 64, 1000, 300, 1_000_000);
        LinkCounters c = r.link.counters();
        assertEquals(300, c.sent());
        assertEquals(300, c.duplicated());
        assertEquals(600, c.delivered());
        assertEquals(600, r.recorder.count());
        assertTrue(c.conserved());
    }

    @Test
    void lossOfADuplicatedPacketLeavesOneCopy() {
        LinkRun r = run(LinkProfile.builder().duplicate(1.0).loss(0.5).build(), 64, 1000, 4000, 10_000_000);
        LinkCounters c = r.link.counters();
        assertTrue(c.conserved(), c.toString());
        // copies per sequence number
        int[] copies = new int[4000];
        for (long s : r.recorder.sequences()) {
            copies[(int) s]++;
        }
        int none = 0;
        int two = 0;
        for (int k : copies) {
            none += k == 0 ? 1 : 0;
            two += k == 2 ? 1 : 0;
        }
        assertEquals(c.sent() - c.dropped(DropCause.LOSS) + c.duplicated(), c.delivered());
        // netem: the first loss draw only cancels the duplication, so nothing is lost entirely; a copy exists when
        // that draw spared the packet (1/2) and then survives its own loss draw (1/2)
        assertEquals(0, none);
        assertTrue(Math.abs(two / 4000.0 - 0.25) < 0.03, "two copies for " + two + " of 4000");
    }

    @Test
    void corruptionFlipsExactlyOneBit() {
        LinkRun r = new LinkRun(5, LinkProfile.builder().corrupt(1.0).build(), 200, 1000, 200);
        byte[] original = new byte[200];
        int[] checked = {0};
        r.sim.tracer().add((t, kind, link, packet) -> {
            if (kind == io.kcplab.sim.trace.TraceKind.DELIVER) {
                long seq = ConstantRateSender.getLong(packet.data(), 0);
                int bits = 0;
                // the header may be hit too: rebuild from the send time stored at offset 8 of our own record
                ConstantRateSender.fill(original, packet.id(), packet.sendTimeMicros());
                for (int i = 0; i < 200; i++) {
                    bits += Integer.bitCount((original[i] ^ packet.data()[i]) & 0xFF);
                }
                assertEquals(1, bits, "packet " + packet.id() + " (read seq " + seq + ")");
                checked[0]++;
            }
        });
        r.runToEnd(1_000_000);
        assertEquals(200, checked[0]);
        assertEquals(200, r.link.counters().corrupted());
        assertTrue(r.recorder.damaged() > 150, "the receiver's pattern check sees most flips (not those in the "
                + "time field): " + r.recorder.damaged());
    }

    @Test
    void truncationShortensEveryDatagram() {
        LinkRun r = run(LinkProfile.builder().truncate(1.0).build(), 300, 1000, 500, 1_000_000);
        assertEquals(500, r.link.counters().truncated());
        assertEquals(500, r.recorder.count());
        assertTrue(r.recorder.bytes() < 500L * 300, "bytes " + r.recorder.bytes());
        assertTrue(r.recorder.bytes() > 500L * 300 / 4, "uniform lengths average about half: " + r.recorder.bytes());
    }

    @Test
    void mtuDropsOversizedDatagrams() {
        LinkRun fits = run(LinkProfile.builder().mtu(1500).build(), 1472, 1000, 10, 100_000);
        assertEquals(10, fits.recorder.count());
        LinkRun tooBig = run(LinkProfile.builder().mtu(1500).build(), 1473, 1000, 10, 100_000);
        assertEquals(0, tooBig.recorder.count());
        assertEquals(10, tooBig.link.counters().dropped(DropCause.MTU));
    }

    @Test
    void rateSerializesBackToBackPackets() {
        // 1000-byte payloads = 1028-byte IPv4 packets = 8224 µs each at 1 Mbit/s, offered every 1 ms
        LinkRun r = run(LinkProfile.builder().rateBitsPerSecond(1_000_000).build(), 1000, 1000, 100, 10_000_000);
        assertEquals(100, r.recorder.count());
        long[] t = r.recorder.arrivals();
        assertEquals(8224, t[0]);
        for (int i = 1; i < t.length; i++) {
            assertEquals(8224L * (i + 1), t[i], "arrival " + i);
        }
    }

    @Test
    void rateWithOverheadAndCells() {
        Rate atm = new Rate(1_000_000, 10, 48, 5);
        // 100 payload + 28 + 10 = 138 bytes -> 3 cells of 53 bytes = 159 bytes = 1272 µs
        assertEquals(1_272_000, atm.transmitNanos(128));
    }

    @Test
    void queueLimitTailDrops() {
        LinkProfile p = LinkProfile.builder().rateBitsPerSecond(1_000_000).limitPackets(10).build();
        LinkRun r = run(p, 1000, 1000, 100, 10_000_000);
        LinkCounters c = r.link.counters();
        assertTrue(c.dropped(DropCause.QUEUE) > 50, c.toString());
        assertEquals(100, c.delivered() + c.dropped(DropCause.QUEUE));
        LinkProfile bytes = LinkProfile.builder().rateBitsPerSecond(1_000_000).limitBytes(5 * 1028).build();
        LinkRun rb = run(bytes, 1000, 1000, 100, 10_000_000);
        assertTrue(rb.link.counters().dropped(DropCause.QUEUE) > 60, rb.link.counters().toString());
    }

    @Test
    void slotsReleasePacketsInBursts() {
        LinkProfile p = LinkProfile.builder().slot(Slot.of(10_000, 10_000, 3, 0)).build();
        LinkRun r = run(p, 100, 1000, 300, 10_000_000);
        assertEquals(300, r.recorder.count());
        long[] t = r.recorder.arrivals();
        int burst = 1;
        for (int i = 1; i < t.length; i++) {
            if (t[i] == t[i - 1]) {
                burst++;
                assertTrue(burst <= 3, "at most 3 packets per slot at " + t[i]);
            } else {
                burst = 1;
                assertTrue(t[i] - t[i - 1] >= 10_000, "slots are 10 ms apart: " + t[i - 1] + " -> " + t[i]);
            }
        }
    }

    @Test
    void outageScheduleDropsEverythingInItsWindow() {
        LinkRun r = new LinkRun(3, LinkProfile.builder().delayMillis(5).build(), 64, 1000, 1000);
        LinkSchedule.builder().outage(200_000, 300_000).build().applyTo(r.sim, r.link);
        r.runToEnd(5_000_000);
        assertEquals(100, r.link.counters().dropped(DropCause.OUTAGE));
        assertEquals(900, r.recorder.count());
        for (long s : r.recorder.sequences()) {
            long sentAt = s * 1000;
            assertTrue(sentAt < 200_000 || sentAt >= 300_000, "packet sent at " + sentAt + " crossed the outage");
        }
    }

    @Test
    void handoverSwitchesProfileAtTheScheduledTime() {
        LinkRun r = new LinkRun(3, LinkProfile.builder().delayMillis(10).build(), 64, 1000, 1000);
        LinkSchedule.builder().at(500_000, LinkProfile.builder().delayMillis(80).build()).build()
                .applyTo(r.sim, r.link);
        r.runToEnd(5_000_000);
        assertEquals(1000, r.recorder.count());
        for (int i = 0; i < r.recorder.count(); i++) {
            long sentAt = r.recorder.arrival(i) - r.recorder.delay(i);
            assertEquals(sentAt < 500_000 ? 10_000 : 80_000, r.recorder.delay(i), "sent at " + sentAt);
        }
    }

    @Test
    void gilbertElliottLosesAtItsStationaryRate() {
        LossModel.GilbertElliott ge = new LossModel.GilbertElliott(0.02, 0.2, 0.8, 0.01);
        LinkRun r = run(LinkProfile.builder().loss(ge).build(), 64, 100, 100_000, 100_000_000);
        double rate = r.link.counters().dropped(DropCause.LOSS) / 100_000.0;
        assertTrue(Math.abs(rate - ge.meanLoss()) < 0.01, "rate " + rate + " expected " + ge.meanLoss());
    }

    @Test
    void markov4LosesAtItsStationaryRate() {
        LossModel.Markov4 m = new LossModel.Markov4(0.01, 0.3, 0.2, 0.4, 0.005);
        LinkRun r = run(LinkProfile.builder().loss(m).build(), 64, 100, 200_000, 100_000_000);
        double rate = r.link.counters().dropped(DropCause.LOSS) / 200_000.0;
        double expected = markovLossRate(m);
        assertTrue(Math.abs(rate - expected) < 0.15 * expected, "rate " + rate + " expected " + expected);
        // p13 alone is Bernoulli (tc-netem(8))
        LinkRun b = run(LinkProfile.builder().loss(LossModel.Markov4.of(0.1)).build(), 64, 100, 50_000, 100_000_000);
        double br = b.link.counters().dropped(DropCause.LOSS) / 50_000.0;
        assertTrue(Math.abs(br - 0.1) < 0.01, "p13 alone: " + br);
    }

    /** Stationary probability of the loss states (3 and 4) by power iteration. */
    static double markovLossRate(LossModel.Markov4 m) {
        double[][] t = new double[4][4];
        t[0][3] = m.p14();
        t[0][2] = m.p13();
        t[0][0] = 1 - m.p13() - m.p14();
        t[1][2] = m.p23();
        t[1][1] = 1 - m.p23();
        t[2][1] = m.p32();
        t[2][0] = m.p31();
        t[2][2] = 1 - m.p31() - m.p32();
        t[3][0] = 1;
        double[] pi = {1, 0, 0, 0};
        for (int it = 0; it < 100_000; it++) {
            double[] next = new double[4];
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 4; j++) {
                    next[j] += pi[i] * t[i][j];
                }
            }
            pi = next;
        }
        return pi[2] + pi[3];
    }
}
