package io.kcplab.scenarios.run;

import io.kcplab.reports.result.RunResult;
import io.kcplab.scenarios.sweep.RunCase;
import io.kcplab.sim.ExperimentResult;
import io.kcplab.sim.Simulation;

/** Runs one case: a fresh simulation seeded with the case's seed, nothing shared with any other run. */
public final class CaseRunner {

    private CaseRunner() {
    }

    public static RunResult run(RunCase c) {
        return ResultConverter.convert(c, c.scenario().experiment(c.seed()).run());
    }

    /** Runs in a caller-made simulation (e.g. with a trace log or pcap writer on its tracer). */
    public static ExperimentResult run(RunCase c, Simulation sim) {
        return c.scenario().experiment(c.seed()).run(sim);
    }
}
