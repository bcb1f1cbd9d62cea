package io.kcplab.scenarios.validate;

import io.kcplab.scenarios.Scenario;
import io.kcplab.scenarios.ScenarioException;
import io.kcplab.scenarios.ScenarioSource;
import io.kcplab.scenarios.sweep.RunCase;
import io.kcplab.scenarios.sweep.RunPlan;
import io.kcplab.scenarios.sweep.SweepPlanner;
import java.util.List;

/**
 * What {@code kcplab validate} runs for one link: a bulk transfer and an echo session, each as a scenario in the
 * simulator's own file format, so that both the simulated and the live side take their path, settings and seeds
 * from one parsed {@link Scenario}.
 *
 * @param link      the link as given (a library name, or an inline YAML map)
 * @param bulk      the bulk scenario's runs, one per seed (stop when finished)
 * @param echo      the echo scenario's runs, one per seed
 * @param bulkBytes bytes the bulk transfer moves
 */
public record ValidateSpec(String link, List<RunCase> bulk, List<RunCase> echo, long bulkBytes) {

    /** The most simulated (and live) time a bulk transfer may take before it counts as not finished. */
    static final String BULK_LIMIT = "300s";

    /**
     * Builds the two scenarios.
     *
     * @param link          a library profile name or an inline YAML flow map ({@code {profile: lte, loss: 2%}})
     * @param protocol      an inline YAML flow map of protocol keys, {@code {}} for kcptun's defaults
     * @param bulkSize      scenario-format size of the bulk transfer, e.g. {@code 4MiB}
     * @param echoRequest   scenario-format size of one echo request
     * @param echoInterval  scenario-format duration between echo requests
     * @param echoDuration  scenario-format duration of the echo session
     * @param seeds         scenario-format seeds ({@code 1..3})
     */
    public static ValidateSpec of(String link, String protocol, String bulkSize, String echoRequest,
                                  String echoInterval, String echoDuration, String seeds) {
        String common = "seeds: " + seeds + "\n"
                + "links: {both: " + link + "}\n"
                + "protocol: " + protocol + "\n";
        RunPlan bulk = plan("validate-bulk", "duration: " + BULK_LIMIT + "\nstop_when_finished: true\n" + common
                + "workloads: [{type: bulk, size: " + bulkSize + "}]\n");
        RunPlan echo = plan("validate-echo", "duration: " + echoDuration + "\n" + common
                + "workloads: [{type: echo, request: " + echoRequest + ", interval: " + echoInterval + "}]\n");
        long bytes = bulk.cases().get(0).scenario().workloads().get(0).size();
        return new ValidateSpec(link, bulk.cases(), echo.cases(), bytes);
    }

    private static RunPlan plan(String name, String yaml) {
        RunPlan p = SweepPlanner.plan(ScenarioSource.text(name, yaml));
        if (!p.axes().isEmpty()) {
            throw new ScenarioException("validate compares one setting at a time; the protocol or link has a list ("
                    + p.axes().size() + " swept key(s)): give single values");
        }
        return p;
    }

    /** The parsed scenario of the bulk side (path and settings are the same for the echo side). */
    public Scenario scenario() {
        return bulk.get(0).scenario();
    }
}
