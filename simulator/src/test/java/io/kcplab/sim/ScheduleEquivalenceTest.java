package io.kcplab.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

/**
 * Issue 13's speed-ups change how the simulator does its work, never what a run does. Each case runs twice side by
 * side: on the reference schedule ({@link Simulation#reference}: every event in one heap, every idle KCP tick run in
 * full, the pre-issue-13 code path) and on the default one (millisecond wheel, idle flushes skipped, a quiet connection's ticks run on the port timers alone). The run hash
 * covers every datagram, drop, delivery and wakeup with its microsecond, so equal hashes mean the same run.
 * The pinned hashes were produced by the simulator before the change; ikcp-echo-jittery's was re-pinned when the
 * ikcp profile's writes began to wait for the next update, as ikcp_send does (cf6ab27bb66cfd42 before).
 */
class ScheduleEquivalenceTest {

    static final Map<String, String> PINNED = Map.of(
            "echo-200-shared", "19e09a43b09228a8",
            "echo-exact-ms-in-phase", "a1d73aada6b5d4c8",
            "cbr-exact-ms-fast2", "a313dd61222526d1",
            "bulk-lossy", "ef272832077c1ee1",
            "ikcp-echo-jittery", "1505538307e619ce",
            "onoff-default-mode", "6c77f9a77f282fc4");

    @Test
    void defaultAndReferenceSchedulesRunTheSameEvents() {
        long quietTicks = 0;
        for (Map.Entry<String, LongFunction<Experiment>> c : ScheduleCases.all().entrySet()) {
            for (long seed : new long[] {1, 2}) {
                Experiment e = c.getValue().apply(seed);
                Simulation reference = Simulation.reference(seed);
                ExperimentResult referenceRun = e.run(reference);
                String expected = ScheduleCases.fingerprint(referenceRun);
                Simulation fast = new Simulation(seed);
                ExperimentResult fastRun = e.run(fast);
                String actual = ScheduleCases.fingerprint(fastRun);
                assertEquals(expected, actual, c.getKey() + " seed " + seed);
                assertEquals(reference.eventsRun(), fast.eventsRun(), c.getKey() + " seed " + seed + ": events");
                assertEquals(0, quietTicks(referenceRun), c.getKey() + ": the reference runs every tick in full");
                quietTicks += quietTicks(fastRun);
            }
        }
        // the comparison means something only if the port timers' quiet path ran
        assertTrue(quietTicks > 10_000, "quiet ticks run on the port timers: " + quietTicks);
    }

    private static long quietTicks(ExperimentResult r) {
        return r.path().a().network().quietTicks();
    }

    @Test
    void runHashesAreThoseOfTheSimulatorBeforeTheSpeedUps() {
        for (Map.Entry<String, LongFunction<Experiment>> c : ScheduleCases.all().entrySet()) {
            String hash = c.getValue().apply(2026).run().runHash();
            System.out.println("ScheduleEquivalenceTest " + c.getKey() + " seed 2026: runHash=" + hash);
            assertEquals(PINNED.get(c.getKey()), hash, c.getKey());
        }
    }
}
