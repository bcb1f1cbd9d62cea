package io.kcplab.sim.properties;

import io.kcplab.sim.trace.FaultCheck;
import io.kcplab.sim.trace.FaultRun;
import io.kcplab.sim.trace.FaultScript;
import io.kcplab.sim.trace.FaultSettings;
import io.kcplab.sim.trace.FaultWorkloads;
import io.kcplab.sim.trace.Shrinker;
import io.kcplab.sim.trace.WorkloadSpec;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@link DeliveryPropertyTest} does when a generated case fails: re-runs the case with a fate recorder (the
 * same run: recording only observes), shrinks the recorded fault script, writes it to
 * {@code <build>/faults/delivery-<seed>.fault} and returns it as text for the assertion message. Runs only on
 * failure; never hides the original failure (any problem here is reported as text).
 */
final class DeliveryFaultCapture {

    static final int SHRINK_RUNS = Integer.getInteger("kcplab.sim.delivery.shrinkRuns", 200);

    private DeliveryFaultCapture() {
    }

    static FaultSettings settings(DeliveryPropertyTest.Case c) {
        return FaultSettings.of(c.seed(), c.config(), c.config(),
                List.of(WorkloadSpec.of("bulk", "bytes", c.bytes(), "chunk", DeliveryPropertyTest.chunk(c))),
                DeliveryPropertyTest.TIME_BOUND_MICROS, 1_000_000, true, c.up().delay().latencyMicros(),
                c.down().delay().latencyMicros());
    }

    static String capture(DeliveryPropertyTest.Case c, String why) {
        try {
            FaultCheck check = FaultCheck.delivery(true);
            FaultRun.Recorded recorded = FaultRun.record(settings(c), FaultWorkloads.standard(),
                    b -> b.links(c.up(), c.down()).schedules(c.upSchedule(), null),
                    List.of("DeliveryPropertyTest seed " + c.seed() + ": " + why.lines().findFirst().orElse(""),
                            "up:   " + c.up(), "down: " + c.down(),
                            "outage: " + (c.upSchedule() == null ? "none" : c.upSchedule().changes())));
            if (check.check(recorded.result()) == null) {
                return "fault script: the recorded re-run passed the fault check (" + why + " is not one it checks)";
            }
            Shrinker.Result small = Shrinker.of(FaultWorkloads.standard(), check, SHRINK_RUNS)
                    .shrink(recorded.script());
            FaultScript script = small.script();
            Path file = Path.of(System.getProperty("kcplab.build.dir", "target"), "faults",
                    "delivery-" + c.seed() + ".fault");
            script.write(file);
            String text = "minimal fault script (" + recorded.script().entries().size() + " -> "
                    + script.entries().size() + " lines, " + small.runs() + " replays"
                    + (small.complete() ? "" : ", budget spent") + "), written to " + file.toAbsolutePath()
                    + "; replay it with FaultRun.replay(FaultScript.read(file), FaultWorkloads.standard()):\n"
                    + script.toText();
            System.out.println(text);
            return text;
        } catch (RuntimeException | java.io.IOException | AssertionError e) {
            return "fault script could not be made: " + e;
        }
    }
}
