package io.kcplab.sim;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

class EventQueueTest {

    @Test
    void equalTimesRunInInsertionOrder() {
        Simulation sim = new Simulation(1);
        List<Long> order = new ArrayList<>();
        EventHandler h = (now, arg) -> order.add(arg);
        sim.schedule(10, h, 3);
        sim.schedule(5, h, 1);
        sim.schedule(10, h, 4);
        sim.schedule(5, h, 2);
        sim.schedule(10, h, 5);
        sim.runUntil(100);
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), order);
        assertEquals(100, sim.now());
    }

    @Test
    void cancelledEventsDoNotRunAndStaleHandlesAreIgnored() {
        EventQueue q = new EventQueue(4);
        EventHandler h = (now, arg) -> { };
        long a = q.push(5, h, 1);
        long b = q.push(6, h, 2);
        assertTrue(q.cancel(a));
        assertFalse(q.cancel(a), "a handle is valid once");
        assertFalse(q.isPending(a));
        assertTrue(q.isPending(b));
        long c = q.push(7, h, 3); // reuses a's slot with a new generation
        assertFalse(q.cancel(a), "old handle must not cancel the event now in its slot");
        assertTrue(q.isPending(c));
        assertEquals(2, q.size());
    }

    /** Property: for random pushes and cancels, events come out sorted by (time, push order), none lost. */
    @Test
    void popsInTimeThenInsertionOrder() {
        qt().withExamples((int) io.kcplab.sim.testing.LinkRun.examples(200)).forAll(longs().all())
                .checkAssert(seed -> {
                    SplittableRandom r = new SplittableRandom(seed);
                    Simulation sim = new Simulation(seed);
                    List<long[]> expected = new ArrayList<>();   // {time, order}
                    List<long[]> actual = new ArrayList<>();
                    List<Long> handles = new ArrayList<>();
                    List<long[]> meta = new ArrayList<>();
                    EventHandler h = (now, arg) -> actual.add(new long[] {now, arg});
                    int n = 1 + r.nextInt(500);
                    for (int i = 0; i < n; i++) {
                        long t = r.nextInt(50);
                        handles.add(sim.schedule(t, h, i));
                        meta.add(new long[] {t, i});
                    }
                    boolean[] cancelled = new boolean[n];
                    for (int i = 0; i < n / 4; i++) {
                        int k = r.nextInt(n);
                        boolean was = !cancelled[k];
                        assertEquals(was, sim.cancel(handles.get(k)), "cancel result, seed " + seed);
                        cancelled[k] = true;
                    }
                    for (int i = 0; i < n; i++) {
                        if (!cancelled[i]) {
                            expected.add(meta.get(i));
                        }
                    }
                    expected.sort(Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1]));
                    sim.runUntil(1000);
                    assertEquals(expected.size(), actual.size(), "seed " + seed);
                    for (int i = 0; i < expected.size(); i++) {
                        assertEquals(expected.get(i)[0], actual.get(i)[0], "time of event " + i + ", seed " + seed);
                        assertEquals(expected.get(i)[1], actual.get(i)[1], "order of event " + i + ", seed " + seed);
                    }
                });
    }
}
