package io.kcplab.scenarios.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Run a sweep, or one shard of it (--shard K/N), writing one result row per run "
            + "(results.json, results.csv); join shards with 'kcplab merge'.",
            "Every setting written as a list in the scenario is swept; runs = cartesian product x seeds."})
final class SweepCommand extends ScenarioRun implements Callable<Integer> {

    @Parameters(paramLabel = "SCENARIO", description = "A scenario file or a built-in name (kcplab list).")
    String scenario;

    @Option(names = "--report", description = "Also write the HTML report.")
    boolean report;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        return execute(scenario, report, spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}
