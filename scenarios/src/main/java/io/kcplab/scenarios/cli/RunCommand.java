package io.kcplab.scenarios.cli;

import io.kcplab.scenarios.library.ScenarioLibrary;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a scenario (all its sweep cases and seeds) and write results.json, results.csv and an "
            + "HTML report with charts.", "Without a scenario, runs the built-in '" + ScenarioLibrary.MAIN + "'."})
final class RunCommand extends ScenarioRun implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "SCENARIO", description = "A scenario file or a built-in name "
            + "(kcplab list).")
    String scenario = ScenarioLibrary.MAIN;

    @Option(names = "--no-report", description = "Write results.json/results.csv only.")
    boolean noReport;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        return execute(scenario, !noReport, spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}
