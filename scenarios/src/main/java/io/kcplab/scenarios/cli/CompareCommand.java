package io.kcplab.scenarios.cli;

import io.kcplab.reports.compare.Comparison;
import io.kcplab.reports.compare.ComparisonResult;
import io.kcplab.reports.compare.ComparisonText;
import io.kcplab.reports.compare.Thresholds;
import io.kcplab.reports.html.ComparisonReport;
import io.kcplab.reports.html.ReportOptions;
import io.kcplab.reports.result.ResultSet;
import io.kcplab.scenarios.ScenarioException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Regression gate: hold CANDIDATE results against BASELINE results. Runs are matched by "
            + "scenario + settings, seeds are averaged; a metric past its threshold is a regression.",
            "Checked per flow (bulk/up, echo/up, ...): goodput on bulk flows (while active), latency on message "
            + "flows; a regression names its flow.",
            "Writes comparison.html with charts; exits 1 on a regression or when nothing could be matched."})
final class CompareCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "BASELINE", description = "results.json or a folder holding one.")
    String baseline;

    @Parameters(index = "1", paramLabel = "CANDIDATE", description = "results.json or a folder holding one.")
    String candidate;

    @Option(names = "--threshold", paramLabel = "LIST", description = "Thresholds added to (or replacing) the "
            + "defaults goodput=-5%%,p99=+10%%: METRIC=-N%% (a drop past N%% regresses), METRIC=+N%% (a rise past "
            + "N%% regresses), METRIC=off. Metrics: goodput, p50, p90, p99, p999, rtt_p99, retrans, overhead, ... "
            + "(any result column).") // %% is picocli's percent sign; CliTest checks the defaults shown are current
    String threshold;

    @Option(names = "--no-defaults", description = "Check only the --threshold entries.")
    boolean noDefaults;

    @Option(names = "--out", paramLabel = "DIR", description = "Where comparison.html goes "
            + "(default: kcplab-out/compare).")
    Path out = Path.of("kcplab-out", "compare");

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        Thresholds thresholds;
        try {
            thresholds = (noDefaults ? Thresholds.none() : Thresholds.defaults()).with(threshold);
        } catch (IllegalArgumentException e) {
            throw new ScenarioException("--threshold: " + e.getMessage());
        }
        PathChecks.outputFolder("--out", out);
        ResultSet base = Common.readResults(baseline);
        ResultSet cand = Common.readResults(candidate);
        ComparisonResult result = Comparison.compare(base, cand, thresholds);
        o.print(ComparisonText.summary(result));
        Files.createDirectories(out);
        Path html = out.resolve("comparison.html");
        ComparisonReport.write(result, baseline, candidate, ReportOptions.titled("KcpLab comparison"), html);
        o.println("report: " + html.toAbsolutePath());
        o.flush();
        return result.passed() ? KcpLabCommand.OK : KcpLabCommand.FAILED;
    }
}
