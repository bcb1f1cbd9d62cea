package io.kcplab.sim;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimulationTest {

    @Test
    void clockAdvancesToEventTimesAndStopsAtTheLimit() {
        Simulation sim = new Simulation(7);
        List<Long> seen = new ArrayList<>();
        EventHandler tick = new EventHandler() {
            @Override
            public void onEvent(long now, long arg) {
                seen.add(now);
                sim.schedule(now + 10, this, 0);
            }
        };
        sim.schedule(0, tick, 0);
        sim.runUntil(35);
        assertEquals(List.of(0L, 10L, 20L, 30L), seen);
        assertEquals(35, sim.now());
        assertEquals(1, sim.pendingEvents());
        assertEquals(4, sim.eventsRun());
        sim.runEvents(2);
        assertEquals(List.of(0L, 10L, 20L, 30L, 40L, 50L), seen);
        assertTrue(sim.runUntil(() -> seen.size() >= 8, 1_000));
        assertEquals(70L, seen.get(seen.size() - 1));
    }

    @Test
    void schedulingInThePastIsRejectedWithTheTimes() {
        Simulation sim = new Simulation(7);
        sim.runUntil(100);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> sim.schedule(99, (now, arg) -> { }, 0));
        assertTrue(e.getMessage().contains("99") && e.getMessage().contains("100"), e.getMessage());
    }

    @Test
    void stopReturnsAfterTheCurrentEvent() {
        Simulation sim = new Simulation(7);
        List<Long> seen = new ArrayList<>();
        sim.schedule(1, (now, arg) -> { seen.add(arg); sim.stop(); }, 1);
        sim.schedule(2, (now, arg) -> seen.add(arg), 2);
        sim.runUntil(10);
        assertEquals(List.of(1L), seen);
        assertEquals(1, sim.now(), "a stopped run does not jump the clock");
        sim.runUntil(10);
        assertEquals(List.of(1L, 2L), seen);
    }
}
