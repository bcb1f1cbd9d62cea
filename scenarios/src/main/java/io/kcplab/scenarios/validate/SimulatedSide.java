package io.kcplab.scenarios.validate;

import io.kcplab.reports.result.Metrics;
import io.kcplab.reports.result.RunResult;
import io.kcplab.scenarios.run.CaseRunner;
import io.kcplab.scenarios.sweep.RunCase;
import java.util.ArrayList;
import java.util.List;

/** The simulated half of a validation: the scenario runner, exactly as {@code kcplab run} uses it. */
final class SimulatedSide {

    private SimulatedSide() {
    }

    static List<Measurement> run(ValidateSpec spec) {
        List<Measurement> out = new ArrayList<>();
        for (int i = 0; i < spec.bulk().size(); i++) {
            out.add(measure(spec, spec.bulk().get(i), spec.echo().get(i)));
        }
        return out;
    }

    private static Measurement measure(ValidateSpec spec, RunCase bulkCase, RunCase echoCase) {
        RunResult bulk = CaseRunner.run(bulkCase);
        RunResult echo = CaseRunner.run(echoCase);
        Metrics b = bulk.total();
        boolean finished = b.extra().getOrDefault("finished", 0.0) >= 1;
        double seconds = bulk.durationSeconds();
        Metrics e = echo.total();
        return new Measurement(spec.bulkBytes() * 8 / seconds / 1e6, seconds, b.retransmissions(), e.rttMs().p50(),
                e.rttMs().p90(), finished, 0);
    }
}
