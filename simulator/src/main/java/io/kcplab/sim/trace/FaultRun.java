package io.kcplab.sim.trace;

import io.kcplab.sim.Experiment;
import io.kcplab.sim.ExperimentResult;
import io.kcplab.sim.Simulation;
import java.util.List;
import java.util.function.Consumer;

/** Runs fault settings: once over a real (random) network while recording fates, or replayed from a script. */
public final class FaultRun {

    private FaultRun() {
    }

    /** A recorded run: its result and the script that replays it. */
    public record Recorded(ExperimentResult result, FaultScript script) {
    }

    /**
     * Runs {@code settings} over the network {@code network} sets up (links, schedules) and records every fate.
     * The run is the same as without recording.
     */
    public static Recorded record(FaultSettings settings, FaultWorkloads workloads,
            Consumer<Experiment.Builder> network, List<String> notes) {
        Simulation sim = new Simulation(settings.seed());
        FateRecorder recorder = new FateRecorder();
        sim.tracer().add(recorder);
        Experiment.Builder b = settings.experiment(workloads);
        network.accept(b);
        ExperimentResult r = b.build().run(sim);
        return new Recorded(r, recorder.script(settings, notes, r.endMicros()));
    }

    /** Replays {@code script}: every fate comes from it; nothing random is drawn. */
    public static ExperimentResult replay(FaultScript script, FaultWorkloads workloads) {
        return replay(script, workloads, new Simulation(script.settings().seed()));
    }

    /**
     * Replays in a caller-made simulation (one with a trace log attached, or another seed: a replay does not
     * depend on it).
     */
    public static ExperimentResult replay(FaultScript script, FaultWorkloads workloads, Simulation sim) {
        FaultReplay oracle = new FaultReplay(script);
        return script.settings().experiment(workloads).onPath(oracle::install).build().run(sim);
    }

    /** Replays and checks: the failure, or null if the property holds under this script. */
    public static FaultCheck.Failure test(FaultScript script, FaultWorkloads workloads, FaultCheck check) {
        return check.check(replay(script, workloads));
    }
}
