package io.kcplab.scenarios.cli;

import io.kcplab.reports.result.ResultSet;
import io.kcplab.reports.result.RunResult;
import io.kcplab.scenarios.ScenarioSource;
import io.kcplab.scenarios.report.ReportWriter;
import io.kcplab.scenarios.report.SummaryText;
import io.kcplab.scenarios.run.Progress;
import io.kcplab.scenarios.run.SweepRunner;
import io.kcplab.scenarios.spec.WorkloadSpec;
import io.kcplab.scenarios.sweep.BatchShard;
import io.kcplab.scenarios.sweep.RunPlan;
import io.kcplab.scenarios.sweep.SweepPlanner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine.Option;

/** What {@code run} and {@code sweep} share: plan, run (a shard of) it on all cores, write files, print a table. */
abstract class ScenarioRun {

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: kcplab-out/SCENARIO, "
            + "or kcplab-out/SCENARIO/shard-K-of-N for a shard).")
    Path out;

    @Option(names = "--seed", paramLabel = "N", description = "Run only this seed (replaces the file's seeds).")
    Long seed;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores).")
    Integer threads;

    @Option(names = "--shard", paramLabel = "K/N|auto", description = "Run shard K of N: the runs whose index %% N == "
            + "K-1. 'auto' reads K and N from a Kubernetes Indexed Job (JOB_COMPLETION_INDEX, N from --shard-count) "
            + "or a Slurm array (SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_COUNT).")
    String shard;

    @Option(names = "--shard-count", paramLabel = "N", description = "The number of shards for --shard auto in a "
            + "Kubernetes Indexed Job (its completions).")
    Integer shardCount;

    /** Where --shard auto reads the batch system's variables; tests replace it. */
    static Function<String, String> environment = System::getenv;

    @Option(names = "--created-at", paramLabel = "TEXT", description = "Timestamp to record in the result "
            + "metadata (default: none, so identical runs give byte-identical files).")
    String createdAt = "";

    @Option(names = {"-q", "--quiet"}, description = "No progress on stderr.")
    boolean quiet;

    int execute(String scenario, boolean report, PrintWriter out, PrintWriter err) throws IOException {
        ScenarioSource source = ScenarioSource.resolve(scenario);
        RunPlan plan = SweepPlanner.plan(source, seed);
        int[] kn = shard == null ? new int[] {0, 0}
                : shard.trim().equals(BatchShard.AUTO) ? BatchShard.fromEnvironment(environment, shardCount)
                : RunPlan.parseShard(shard);
        int count = kn[0] == 0 ? plan.size() : plan.shard(kn[0], kn[1]).size();
        Path dir = this.out != null ? this.out : Path.of("kcplab-out", plan.scenarioName()
                + (kn[0] == 0 ? "" : "/shard-" + kn[0] + "-of-" + kn[1]));
        PathChecks.outputFolder("--out", dir);
        int threadCount = Common.threads(threads);
        err.println("kcplab: " + plan.scenarioName() + ": " + count + " run(s)"
                + (kn[0] == 0 ? "" : " (shard " + kn[0] + "/" + kn[1] + " of " + plan.size() + ")")
                + ", " + plan.axes().size() + " swept setting(s), " + plan.seeds().size() + " seed(s)");
        err.flush();
        Progress progress = quiet ? Progress.none() : Progress.onStderr(count);
        ResultSet set = SweepRunner.run(plan, kn[0], kn[1], threadCount, progress, createdAt);
        ReportWriter.writeResults(set, dir);
        out.print(SummaryText.table(set));
        out.println("results: " + dir.resolve(ReportWriter.JSON) + ", " + dir.resolve(ReportWriter.CSV));
        if (report && !set.runs().isEmpty()) {
            Path html = ReportWriter.writeReport(set, dir, "KcpLab: " + plan.scenarioName(), source.text(),
                    focus(plan));
            out.println("report:  " + html.toAbsolutePath());
        }
        out.flush();
        long bad = 0;
        for (RunResult r : set.runs()) {
            Double e = r.total().extra().get("integrity_errors");
            bad += e == null ? 0 : e.longValue();
        }
        if (bad > 0) {
            err.println("kcplab: FAILED: " + bad + " byte(s) were delivered corrupted (integrity_errors > 0)");
            return KcpLabCommand.FAILED;
        }
        return KcpLabCommand.OK;
    }

    /** The connection whose latency CDF the sweep page overlays: the first that is not a bulk transfer. */
    private static String focus(RunPlan plan) {
        if (plan.cases().isEmpty()) {
            return null;
        }
        var scenario = plan.cases().get(0).scenario();
        List<String> labels = scenario.connectionLabels();
        for (int i = 0; i < labels.size(); i++) {
            WorkloadSpec w = scenario.workloadOf(i);
            if (!w.type().equals("bulk")) {
                return labels.get(i);
            }
        }
        return labels.isEmpty() ? null : labels.get(0);
    }
}
