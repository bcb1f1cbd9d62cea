package io.kcplab.sim.live;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kcplab.sim.net.Chance;
import io.kcplab.sim.net.Delay;
import io.kcplab.sim.net.DelayDistribution;
import io.kcplab.sim.net.DropCause;
import io.kcplab.sim.net.LinkProfile;
import io.kcplab.sim.net.LinkSchedule;
import io.kcplab.sim.net.LossModel;
import io.kcplab.sim.net.Reorder;
import io.kcplab.sim.net.Slot;
import io.kcplab.sim.node.ConstantRateSender;
import io.kcplab.sim.testing.LinkRun;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The live driver is the simulator's link: fed the same datagrams at the same virtual times, a {@link LiveLink}
 * named like a simulated link delivers the same datagrams, byte for byte, at the same times, whatever the pattern
 * of clock readings in between (the I/O loop wakes whenever it likes).
 */
class LiveLinkTest {

    private static final int SIZE = 200;
    private static final long INTERVAL = 500;   // µs: 2,000 datagrams/s
    private static final int COUNT = 4_000;
    private static final long END = 30_000_000;

    /** What arrived: sequence number, arrival time, whether the payload was intact. */
    static final class Arrivals implements LiveLink.Delivery {
        long[] seq = new long[1024];
        long[] at = new long[1024];
        long[] tags = new long[1024];
        int n;
        long damaged;
        long latestCall;

        @Override
        public void deliver(long tag, byte[] buf, int off, int len, long sentMicros, long dueMicros) {
            if (n == seq.length) {
                seq = Arrays.copyOf(seq, n * 2);
                at = Arrays.copyOf(at, n * 2);
                tags = Arrays.copyOf(tags, n * 2);
            }
            seq[n] = len >= ConstantRateSender.HEADER ? ConstantRateSender.getLong(buf, off) : -1;
            at[n] = dueMicros;
            tags[n] = tag;
            n++;
            if (!ConstantRateSender.intact(buf, off, len)) {
                damaged++;
            }
            assertTrue(dueMicros <= latestCall, "delivered at " + dueMicros + " µs, after the call's now "
                    + latestCall);
            assertTrue(sentMicros <= dueMicros);
        }

        long[] sequences() {
            return Arrays.copyOf(seq, n);
        }

        long[] arrivals() {
            return Arrays.copyOf(at, n);
        }
    }

    /** Offers the constant-rate stream of LinkRun; between sends, reads the "clock" at random extra instants. */
    private static Arrivals drive(LiveLink live, long pollSeed) {
        Arrivals a = new Arrivals();
        SplittableRandom polls = pollSeed == 0 ? null : new SplittableRandom(pollSeed);
        byte[] buf = new byte[SIZE];
        for (int i = 0; i < COUNT; i++) {
            long t = i * INTERVAL;
            if (polls != null && i > 0) {
                // an I/O loop waking up at arbitrary times in (previous send, this send] (sometimes not at all;
                // a reading earlier than the one before is possible too and must change nothing)
                int wakes = polls.nextInt(3);
                for (int w = 0; w < wakes; w++) {
                    long at = t - INTERVAL + 1 + polls.nextLong(INTERVAL);
                    a.latestCall = Math.max(a.latestCall, at);
                    live.advanceTo(at, a);
                }
            }
            ConstantRateSender.fill(buf, i, t);
            a.latestCall = Math.max(a.latestCall, t);
            live.offer(i, buf, 0, SIZE, t, a);
        }
        a.latestCall = END;
        live.advanceTo(END, a);
        return a;
    }

    private static void assertSameAsSimulation(LinkProfile profile, LinkSchedule schedule, long seed) {
        LinkRun sim = new LinkRun(seed, profile, SIZE, INTERVAL, COUNT);
        if (schedule != null) {
            schedule.applyTo(sim.sim, sim.link);
        }
        sim.runToEnd(END);
        for (long pollSeed : new long[] {0, 7, 99}) {
            LiveLink live = new LiveLink("a->b", profile, schedule, seed);
            Arrivals got = drive(live, pollSeed);
            String what = profile + " seed " + seed + " polls " + pollSeed;
            assertEquals(sim.recorder.count(), got.n, "delivered count: " + what);
            assertArrayEquals(sim.recorder.sequences(), got.sequences(), "delivery order: " + what);
            assertArrayEquals(sim.recorder.arrivals(), got.arrivals(), "delivery times: " + what);
            assertEquals(sim.recorder.damaged(), got.damaged, "damaged payloads: " + what);
            assertEquals(sim.link.counters().toString(), live.counters().toString(), "counters: " + what);
            assertEquals(COUNT, live.offered());
            assertTrue(live.counters().conserved());
            assertEquals(0, live.counters().inFlight());
            assertEquals(Long.MAX_VALUE, live.nextDueMicros(), "nothing pending at the end");
        }
    }

    @Test
    void lteLikeDelayJitterAndLossMatchTheSimulatedLink() {
        LinkProfile lte = LinkProfile.builder().rateBitsPerSecond(30_000_000)
                .delay(Delay.of(22_000, 6_000, 0, DelayDistribution.NORMAL)).loss(0.003).limitPackets(800).build();
        assertSameAsSimulation(lte, null, 5);
    }

    @Test
    void everyImpairmentAtOnceMatchesTheSimulatedLink() {
        LinkProfile p = LinkProfile.builder()
                .delay(Delay.of(20_000, 8_000, 0.25, DelayDistribution.PARETO_NORMAL))
                .loss(new LossModel.GilbertElliott(0.02, 0.3, 1.0, 0.0))
                .duplicate(Chance.of(0.03)).corrupt(Chance.of(0.02)).truncate(Chance.of(0.01))
                .reorder(Reorder.of(0.1, 0.2, 3)).build();
        assertSameAsSimulation(p, null, 42);
    }

    @Test
    void rateLimitQueueOverflowAndSlotsMatchTheSimulatedLink() {
        // 2,000 datagrams/s of 228 B = 3.6 Mbit/s into 2 Mbit/s with a 50-packet queue: tail drops
        LinkProfile queue = LinkProfile.builder().rateBitsPerSecond(2_000_000).limitPackets(50)
                .delayMillis(10).build();
        assertSameAsSimulation(queue, null, 3);
        LinkProfile slots = LinkProfile.builder().delay(Delay.of(5_000, 2_000, 0, DelayDistribution.UNIFORM))
                .slot(Slot.of(800, 4_000, 8, 0)).rateBitsPerSecond(20_000_000).build();
        assertSameAsSimulation(slots, null, 4);
    }

    @Test
    void schedulesOutagesAndMtuMatchTheSimulatedLink() {
        LinkProfile base = LinkProfile.builder().delayMillis(15).loss(0.01).mtu(SIZE + 28).build();
        LinkSchedule schedule = LinkSchedule.builder().outage(300_000, 550_000)
                .at(900_000, base.withLoss(0.2).withMtu(SIZE + 27)).at(1_400_000, base).build();
        assertSameAsSimulation(base, schedule, 11);
        LiveLink live = new LiveLink("a->b", base, schedule, 11);
        drive(live, 0);
        assertTrue(live.counters().dropped(DropCause.OUTAGE) >= 499, live.counters().toString());
        assertTrue(live.counters().dropped(DropCause.MTU) >= 999, live.counters().toString());
    }

    @Test
    void lateCallsDeliverInOrderWithTheirDueTimes() {
        LinkProfile p = LinkProfile.builder().delayMillis(10).build();
        LiveLink live = new LiveLink("up", p, null, 1);
        Arrivals a = new Arrivals();
        byte[] buf = new byte[SIZE];
        for (int i = 0; i < 10; i++) {
            ConstantRateSender.fill(buf, i, i * 1000L);
            a.latestCall = i * 1000L;
            live.offer(i, buf, 0, SIZE, i * 1000L, a);
        }
        assertEquals(10_000, live.nextDueMicros());
        a.latestCall = 14_500;
        assertEquals(5, live.advanceTo(14_500, a), "the driver woke 4.5 ms late: five are due");
        assertArrayEquals(new long[] {10_000, 11_000, 12_000, 13_000, 14_000}, a.arrivals());
        assertEquals(15_000, live.nextDueMicros());
        assertEquals(0, live.advanceTo(14_000, a), "a clock reading in the past changes nothing");
        assertEquals(14_500, live.nowMicros());
        a.latestCall = 100_000;
        assertEquals(5, live.advanceTo(100_000, a));
        assertArrayEquals(new long[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, a.sequences());
        assertEquals(Long.MAX_VALUE, live.nextDueMicros());
    }

    @Test
    void tagsComeBackWithEveryCopy() {
        LinkProfile p = LinkProfile.builder().duplicate(1.0).build();
        LiveLink live = new LiveLink("down", p, null, 1);
        Arrivals a = new Arrivals();
        long tag = 0xDEAD_BEEF_8000_0001L;
        a.latestCall = 5;
        live.offer(tag, new byte[20], 0, 20, 5, a);
        live.advanceTo(5, a);
        assertEquals(2, a.n);
        assertEquals(tag, a.tags[0]);
        assertEquals(tag, a.tags[1]);
        assertEquals(1, live.counters().duplicated());
    }

    @Test
    void lossRunsAreCounted() {
        LinkProfile p = LinkProfile.builder().loss(new LossModel.GilbertElliott(0.05, 0.25, 1.0, 0.0)).build();
        LiveLink live = new LiveLink("x", p, null, 9);
        Arrivals a = new Arrivals();
        byte[] buf = new byte[16];
        boolean[] lost = new boolean[20_000];
        for (int i = 0; i < lost.length; i++) {
            long before = live.counters().dropped(DropCause.LOSS);
            a.latestCall = i;
            live.offer(i, buf, 0, 16, i, a);
            lost[i] = live.counters().dropped(DropCause.LOSS) > before;
        }
        long bursts = 0;
        long inBursts = 0;
        long longest = 0;
        int run = 0;
        for (int i = 0; i <= lost.length; i++) {
            if (i < lost.length && lost[i]) {
                run++;
                continue;
            }
            if (run >= 2) {
                bursts++;
                inBursts += run;
            }
            longest = Math.max(longest, run);
            run = 0;
        }
        assertTrue(bursts > 100, "Gilbert-Elliott loss comes in bursts: " + bursts);
        assertEquals(bursts, live.lossBursts());
        assertEquals(inBursts, live.burstLosses());
        assertEquals(longest, live.longestLossRun());
    }

    @Test
    void misuseIsRejected() {
        LiveLink live = new LiveLink("x", LinkProfile.PERFECT, null, 1);
        assertThrows(IllegalArgumentException.class, () -> live.offer(0, new byte[4], 2, 3, 0, (t, b, o, l, s, d) -> {
        }));
        assertThrows(IllegalArgumentException.class, () -> new LiveLink("", LinkProfile.PERFECT, null, 1));
        LiveLink.Delivery reentrant = (t, b, o, l, s, d) -> live.offer(0, b, o, l, d, (t2, b2, o2, l2, s2, d2) -> {
        });
        live.offer(0, new byte[4], 0, 4, 0, reentrant);
        assertThrows(IllegalStateException.class, () -> live.advanceTo(1, reentrant));
    }
}
