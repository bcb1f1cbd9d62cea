package io.kcplab.scenarios.cli;

import io.kcplab.reports.result.ResultMetadata;
import io.kcplab.reports.result.ResultSet;
import io.kcplab.reports.result.ShardCoverage;
import io.kcplab.scenarios.ScenarioException;
import io.kcplab.scenarios.report.ReportWriter;
import io.kcplab.scenarios.report.SummaryText;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "merge", mixinStandardHelpOptions = true,
        description = {"Join the shards of a sweep into the result set a single unsharded run gives "
            + "(byte-identical results.json and results.csv).",
            "Exits 1 if runs of the sweep are missing (a shard failed or was not given)."})
final class MergeCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "SHARD", description = "results.json files or folders holding one.")
    List<String> inputs;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: kcplab-out/merged).")
    Path out = Path.of("kcplab-out", "merged");

    @Option(names = "--report", description = "Also write the HTML report.")
    boolean report;

    @Option(names = "--allow-partial", description = "Exit 0 even if runs are missing.")
    boolean allowPartial;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PathChecks.outputFolder("--out", out);
        List<ResultSet> shards = new ArrayList<>();
        for (String in : inputs) {
            shards.add(Common.readResults(in));
        }
        List<ResultMetadata> metadata = new ArrayList<>();
        shards.forEach(r -> metadata.add(r.metadata()));
        ShardCoverage coverage = ShardCoverage.of(metadata);
        if (!coverage.duplicated().isEmpty()) {
            throw new ScenarioException("cannot merge: " + coverage.duplicatedText()
                    + (coverage.missing().isEmpty() ? "" : "; " + coverage.missingText()));
        }
        ResultSet merged;
        try {
            merged = ResultSet.merge(shards);
        } catch (IllegalArgumentException e) {
            throw new ScenarioException("cannot merge: " + e.getMessage());
        }
        ReportWriter.writeResults(merged, out);
        o.print(SummaryText.table(merged));
        o.println("merged " + shards.size() + " input(s), " + merged.runs().size() + " run(s): "
                + out.resolve(ReportWriter.JSON) + ", " + out.resolve(ReportWriter.CSV));
        if (report && !merged.runs().isEmpty()) {
            String name = merged.runs().get(0).scenario();
            o.println("report:  " + ReportWriter.writeReport(merged, out, "KcpLab: " + name, "", null)
                    .toAbsolutePath());
        }
        o.flush();
        List<Integer> missing = merged.missingIndices();
        if (!missing.isEmpty()) {
            err.println("kcplab: " + missing.size() + " of " + merged.metadata().sweepSize()
                    + " runs are missing, e.g. index " + missing.get(0)
                    + (coverage.missing().isEmpty() ? "" : " (" + coverage.missingText() + ")"));
            err.flush();
            return allowPartial ? KcpLabCommand.OK : KcpLabCommand.FAILED;
        }
        return KcpLabCommand.OK;
    }
}
