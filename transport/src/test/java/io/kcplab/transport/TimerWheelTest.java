package io.kcplab.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The timer wheel against a plain model: every timer fires once, at the first advance at or after its deadline. */
class TimerWheelTest {

    private static final class Probe extends TimerWheel.Timer {
        final List<Long> fired = new ArrayList<>();
        long expected = -1;

        @Override
        void onTimer(long nowMs) {
            fired.add(nowMs);
        }
    }

    @Test
    void firesEachTimerOnceAtOrAfterItsDeadline() {
        for (long seed = 1; seed <= 20; seed++) {
            Random r = new Random(seed);
            long now = 1_000_000 + r.nextInt(5000);
            TimerWheel wheel = new TimerWheel(now);
            List<Probe> probes = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                probes.add(new Probe());
            }
            for (int step = 0; step < 2000; step++) {
                Probe p = probes.get(r.nextInt(probes.size()));
                switch (r.nextInt(4)) {
                    case 0, 1 -> {
                        long at = now + (r.nextInt(10) == 0 ? r.nextInt(5000) : r.nextInt(40)); // some beyond a turn
                        wheel.schedule(p, at);
                        p.expected = Math.max(at, now + 1);
                    }
                    case 2 -> {
                        wheel.cancel(p);
                        p.expected = -1;
                    }
                    default -> {
                        now += r.nextInt(10) == 0 ? 1500 + r.nextInt(3000) : 1 + r.nextInt(15); // some stalls
                        wheel.advance(now);
                        for (Probe q : probes) {
                            if (q.expected >= 0 && q.expected <= now) {
                                assertEquals(1, q.fired.size(), "seed " + seed + " step " + step);
                                assertTrue(q.fired.get(0) >= q.expected);
                                assertTrue(!q.isScheduled());
                                q.expected = -1;
                            } else {
                                assertTrue(q.fired.isEmpty(), "fired early, seed " + seed + " step " + step);
                            }
                            q.fired.clear();
                        }
                    }
                }
            }
        }
    }

    @Test
    void aCallbackMayRescheduleItself() {
        TimerWheel wheel = new TimerWheel(0);
        int[] count = {0};
        TimerWheel.Timer periodic = new TimerWheel.Timer() {
            @Override
            void onTimer(long nowMs) {
                count[0]++;
                wheel.schedule(this, nowMs + 10);
            }
        };
        wheel.schedule(periodic, 10);
        for (long t = 1; t <= 1000; t++) {
            wheel.advance(t);
        }
        assertEquals(100, count[0]);
        assertEquals(1, wheel.size());
    }
}
