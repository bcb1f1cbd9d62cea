package io.kcplab.scenarios.cli;

import io.kcplab.scenarios.ScenarioException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code kcplab}: run scenarios and sweeps, merge shards, compare result sets, replay one run, list the library,
 * relay real UDP traffic through a scenario link, measure real KCP sessions (perf).
 * Exit codes: 0 ok, 1 regression or failed check, 2 usage or validation error, 3 internal error.
 */
@Command(name = "kcplab", mixinStandardHelpOptions = true, version = BuildVersion.RELEASE,
        description = "KcpLab: deterministic network experiments with the KCP stack.",
        subcommands = {RunCommand.class, SweepCommand.class, MergeCommand.class, CompareCommand.class,
            ReplayCommand.class, ListCommand.class, ShowCommand.class, RelayCommand.class, PerfCommand.class,
            TunnelCommand.class, ValidateCommand.class, TuneCommand.class,
            CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ok", "1:regression (compare) or failed check (missing shards, integrity errors)",
            "2:usage or validation error (bad option, bad scenario file)", "3:internal error (a bug: please report)"})
public final class KcpLabCommand implements java.util.concurrent.Callable<Integer> {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int INTERNAL = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** No command given: the usage on stderr, exit 2. */
    @Override
    public Integer call() {
        spec.commandLine().getErr().println("kcplab: missing command; try: kcplab run");
        spec.commandLine().usage(spec.commandLine().getErr());
        return USAGE;
    }

    /** A configured command line: user errors exit 2 with a message, bugs exit 3 with a stack trace. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new KcpLabCommand());
        BuildVersion.install(cl);
        cl.setExitCodeExceptionMapper(e -> e instanceof ScenarioException || e instanceof CommandLine.ParameterException
                ? USAGE : INTERNAL);
        cl.setExecutionExceptionHandler((e, line, parse) -> {
            PrintWriter err = line.getErr();
            if (e instanceof ScenarioException) {
                err.println("kcplab: " + e.getMessage());
                err.flush();
                return USAGE;
            }
            err.println("kcplab: internal error (please report it with the command you ran):");
            e.printStackTrace(err);
            err.flush();
            return INTERNAL;
        });
        return cl;
    }

    public static void main(String[] args) {
        OriginalStderr.reattach();
        System.setProperty("java.awt.headless", "true");
        System.exit(commandLine().execute(args));
    }
}
