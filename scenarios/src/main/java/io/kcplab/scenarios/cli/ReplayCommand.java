package io.kcplab.scenarios.cli;

import io.kcplab.reports.result.RunResult;
import io.kcplab.scenarios.ScenarioException;
import io.kcplab.scenarios.ScenarioSource;
import io.kcplab.scenarios.run.Progress;
import io.kcplab.scenarios.run.ResultConverter;
import io.kcplab.scenarios.sweep.RunCase;
import io.kcplab.scenarios.sweep.RunPlan;
import io.kcplab.scenarios.sweep.SweepPlanner;
import io.kcplab.sim.Experiment;
import io.kcplab.sim.ExperimentResult;
import io.kcplab.sim.Simulation;
import io.kcplab.sim.trace.PcapWriter;
import io.kcplab.sim.trace.TraceLog;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Re-run one case of a scenario (chosen by --index, or by --set KEY=VALUE for each swept "
            + "setting, plus --seed) and print its link-event trace or write a pcap file.",
            "A run is a pure function of (scenario, settings, seed): the run hash printed here equals the one in "
            + "the results file."})
final class ReplayCommand implements Callable<Integer> {

    @Parameters(paramLabel = "SCENARIO", description = "A scenario file or a built-in name.")
    String scenario;

    @Option(names = "--index", paramLabel = "N", description = "The run index (results' 'index' column).")
    Integer index;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "A swept setting's value, e.g. "
            + "--set protocol.mode=fast3 (as in the results' settings columns).")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--seed", paramLabel = "N", description = "The seed (default: the file's first seed).")
    Long seed;

    @Option(names = "--trace", paramLabel = "FILE", description = "Write the event trace here ('-' = stdout). "
            + "Default: stdout, unless --pcap is given.")
    String trace;

    @Option(names = "--pcap", paramLabel = "FILE", description = "Write both directions' datagrams as pcap.")
    Path pcap;

    @Option(names = "--capture", paramLabel = "POINT", description = "pcap capture point: sent or delivered "
            + "(default: delivered).")
    String capture = "delivered";

    @Option(names = {"-q", "--quiet"}, description = "No progress on stderr.")
    boolean quiet;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (trace != null && !"-".equals(trace)) {
            PathChecks.outputFile("--trace", Path.of(trace));
        }
        if (pcap != null) {
            PathChecks.outputFile("--pcap", pcap);
        }
        RunPlan plan = SweepPlanner.plan(ScenarioSource.resolve(scenario));
        RunCase c = select(plan);
        PcapWriter.Capture point = switch (capture.toLowerCase(Locale.ROOT)) {
            case "sent" -> PcapWriter.Capture.SENT;
            case "delivered" -> PcapWriter.Capture.DELIVERED;
            default -> throw new ScenarioException("--capture: unknown capture point '" + capture
                    + "'; accepted: sent, delivered");
        };
        Simulation sim = new Simulation(c.seed());
        Writer traceWriter = null;
        boolean traceToStdout = (trace == null && pcap == null) || "-".equals(trace);
        if (traceToStdout) {
            traceWriter = out;
        } else if (trace != null) {
            traceWriter = new BufferedWriter(Files.newBufferedWriter(Path.of(trace), StandardCharsets.UTF_8));
        }
        TraceLog log = traceWriter == null ? null : new TraceLog(traceWriter);
        if (log != null) {
            sim.tracer().add(log);
        }
        PcapWriter pcapWriter = pcap == null ? null : PcapWriter.create(pcap, point);
        if (pcapWriter != null) {
            sim.tracer().add(pcapWriter);
        }
        ExperimentResult r;
        Experiment experiment = c.scenario().experiment(c.seed());
        Progress progress = quiet ? Progress.none() : Progress.onStderr(1); // stderr: the trace may be on stdout
        try {
            progress.start();
            Progress.Run run = progress.begin(sim::now, experiment.durationMicros());
            r = experiment.run(sim);
            progress.completed(run);
        } finally {
            progress.finish();
            if (log != null) {
                log.flush();
                if (!traceToStdout) {
                    log.close();
                }
            }
            if (pcapWriter != null) {
                pcapWriter.close();
            }
        }
        RunResult result = ResultConverter.convert(c, r);
        err.println("replayed " + c.runId() + " (index " + c.index() + "): " + sim.summary());
        err.printf(Locale.ROOT, "goodput %.3f Mbit/s, latency p99 %.1f ms, retransmissions %d%n",
                result.total().goodputBps() / 1e6, result.total().latencyMs().p99(), result.total().retransmissions());
        if (log != null && !traceToStdout) {
            err.println("trace: " + trace + " (" + log.records() + " events)");
        }
        if (pcapWriter != null) {
            err.println("pcap:  " + pcap + " (" + pcapWriter.packets() + " packets, " + capture + ")");
        }
        err.flush();
        return KcpLabCommand.OK;
    }

    private RunCase select(RunPlan plan) {
        if (index != null) {
            if (index < 0 || index >= plan.size()) {
                throw new ScenarioException("--index: " + index + " is out of range; accepted: 0.."
                        + (plan.size() - 1));
            }
            RunCase c = plan.cases().get(index);
            return seed == null ? c : new RunCase(c.index(), c.runId().replaceFirst("seed=-?\\d+$", "seed=" + seed),
                    c.settings(), seed, c.scenario());
        }
        Set<String> configs = new LinkedHashSet<>();
        for (RunCase c : plan.cases()) {
            configs.add(c.settings().label());
            if (c.settings().values().equals(settings)) {
                long s = seed == null ? plan.seeds().get(0) : seed;
                return new RunCase(c.index(), c.runId().replaceFirst("seed=-?\\d+$", "seed=" + s), c.settings(),
                        s, c.scenario());
            }
        }
        throw new ScenarioException("no case of " + plan.scenarioName() + " has the settings "
                + (settings.isEmpty() ? "(none)" : settings) + "; its configurations are: " + String.join("; ", configs)
                + " (give each swept setting with --set KEY=VALUE, or use --index)");
    }
}
