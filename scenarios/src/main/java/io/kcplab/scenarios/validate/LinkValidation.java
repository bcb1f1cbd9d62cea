package io.kcplab.scenarios.validate;

import io.kcplab.scenarios.Scenario;
import java.io.IOException;
import java.util.List;

/**
 * One link validated: the settings, each side's per-seed figures and the per-metric verdicts.
 *
 * @param link      the link as given
 * @param settings  the protocol settings both sides ran ({@code ConnectionConfig.describe()}, per end if they differ)
 * @param seeds     the seeds, in run order
 * @param simulated per seed, the simulator's figures
 * @param live      per seed, the live path's figures
 * @param checks    per metric, the comparison
 */
public record LinkValidation(String link, String settings, List<Long> seeds, List<Measurement> simulated,
                             List<Measurement> live, List<MetricCheck> checks) {

    /**
     * Runs both sides of {@code spec}: the simulated runs first, then the live ones, seed by seed.
     *
     * @param floor the live figures of the same workloads on a perfect link ({@link #calibrate})
     */
    public static LinkValidation run(ValidateSpec spec, Measurement floor) throws IOException {
        List<Measurement> sim = SimulatedSide.run(spec);
        List<Measurement> live = LiveSide.run(spec);
        List<Long> seeds = spec.bulk().stream().map(c -> c.seed()).toList();
        return new LinkValidation(spec.link(), settings(spec.scenario()), seeds, sim, live,
                MetricCheck.compare(sim, live, floor));
    }

    /** Both ends' settings, the server's only when it has its own. */
    private static String settings(Scenario s) {
        String client = s.config().describe();
        String server = s.serverConfig().describe();
        return client.equals(server) ? client : "client " + client + "; server " + server;
    }

    /**
     * The live path's floor on this machine: {@code perfect}'s workloads (a link with no impairment) run live,
     * once untimed to warm the JVM up, then measured: the best bulk goodput of its seeds, the median round trips. What it shows is what real sockets add that the simulator
     * leaves out on purpose (scheduling, the relay's timer), and the most this machine moves through the relay.
     */
    public static Measurement calibrate(ValidateSpec perfect) throws IOException {
        LiveSide.run(perfect);
        List<Measurement> runs = LiveSide.run(perfect);
        return new Measurement(runs.stream().mapToDouble(Measurement::goodputMbps).max().orElse(0),
                runs.stream().mapToDouble(Measurement::completionS).min().orElse(0),
                runs.stream().mapToLong(Measurement::retransmissions).min().orElse(0),
                median(runs.stream().mapToDouble(Measurement::rttP50Ms).toArray()),
                median(runs.stream().mapToDouble(Measurement::rttP90Ms).toArray()),
                runs.stream().allMatch(Measurement::finished),
                runs.stream().mapToDouble(Measurement::relayLateMaxMs).max().orElse(0));
    }

    private static double median(double[] v) {
        return LiveSide.percentile(v, 0.5);
    }

    public boolean agrees() {
        return checks.stream().allMatch(MetricCheck::agrees) && live.stream().allMatch(Measurement::finished)
                && simulated.stream().allMatch(Measurement::finished);
    }
}
