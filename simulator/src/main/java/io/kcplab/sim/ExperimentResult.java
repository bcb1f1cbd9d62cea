package io.kcplab.sim;

import io.kcplab.sim.metrics.ConversationMetrics;
import io.kcplab.sim.metrics.Recorder;
import io.kcplab.sim.node.Path;
import io.kcplab.sim.node.Workload;
import java.util.List;

/** What a finished {@link Experiment} leaves: the simulation (clock, run hash), the path's links, the metrics. */
public record ExperimentResult(Simulation simulation, Path path, Recorder recorder, List<Workload> workloads,
        boolean finished) {

    public List<ConversationMetrics> conversations() {
        return recorder.conversations();
    }

    public String runHash() {
        return simulation.runHash().hex();
    }

    public long endMicros() {
        return simulation.now();
    }
}
