package io.kcplab.scenarios.cli;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.kcplab.reports.chart.ChartRenderer;
import io.kcplab.scenarios.ScenarioException;
import io.kcplab.scenarios.validate.LinkValidation;
import io.kcplab.scenarios.validate.Measurement;
import io.kcplab.scenarios.validate.ValidateSpec;
import io.kcplab.scenarios.validate.ValidateText;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kcplab validate}: runs the same bulk transfer and echo session in the simulator and live (KcpLab sessions
 * over 127.0.0.1 through the relay applying the same link and seed), and compares them metric by metric.
 */
@Command(name = "validate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Check the simulator against real sockets: for each link, run a bulk transfer and an echo "
            + "session in the simulator and live (KcpLab sessions on 127.0.0.1 through a relay applying the same "
            + "link with the same seed), then compare goodput, completion time, echo RTT percentiles and "
            + "retransmissions, with a verdict per metric.",
            "Writes validate.txt, validate.json and validate.png to --out. Exit 0 when every metric agrees within "
                + "its tolerance, 1 when one differs. The live runs take real time (about the simulated time)."})
final class ValidateCommand implements Callable<Integer> {

    @Option(names = "--link", paramLabel = "LINK", description = "A library link profile (kcplab list) or an inline "
            + "map such as '{profile: lte, loss: 2%%}'; repeat for several (default: lan, wifi-busy, lte).")
    List<String> links;

    @Option(names = "--protocol", paramLabel = "MAP", defaultValue = "{}", description = "Protocol settings as in "
            + "a scenario file, e.g. '{mode: fast3, fec: off}' (default: kcptun's defaults).")
    String protocol;

    @Option(names = "--bytes", paramLabel = "SIZE", defaultValue = "4MiB",
            description = "Bulk transfer size (default: ${DEFAULT-VALUE}).")
    String bytes;

    @Option(names = "--echo", paramLabel = "DURATION", defaultValue = "5s",
            description = "Echo session length (default: ${DEFAULT-VALUE}).")
    String echo;

    @Option(names = "--echo-interval", paramLabel = "DURATION", defaultValue = "50ms",
            description = "Time between echo requests (default: ${DEFAULT-VALUE}).")
    String echoInterval;

    @Option(names = "--echo-request", paramLabel = "SIZE", defaultValue = "200B",
            description = "Echo request size (default: ${DEFAULT-VALUE}).")
    String echoRequest;

    @Option(names = "--seeds", paramLabel = "SEEDS", defaultValue = "1..3",
            description = "Seeds, as in a scenario file: 7, [1, 5] or 1..3 (default: ${DEFAULT-VALUE}).")
    String seeds;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: kcplab-out/validate).")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        List<String> names = links == null || links.isEmpty() ? List.of("lan", "wifi-busy", "lte") : links;
        List<ValidateSpec> specs = new ArrayList<>();
        for (String link : names) {
            specs.add(ValidateSpec.of(link, protocol, bytes, echoRequest, echoInterval, echo, seeds));
        }
        Path dir = out != null ? out : Path.of("kcplab-out", "validate");
        prepare(dir);
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        err.println("validate: calibrating the live path on a perfect link (warm-up, then the platform's floor)");
        err.flush();
        Measurement floor = LinkValidation.calibrate(ValidateSpec.of("{}", protocol, bytes, echoRequest,
                echoInterval, "2s", "1..3"));
        List<LinkValidation> results = new ArrayList<>();
        for (ValidateSpec s : specs) {
            err.println("validate: link " + s.link() + ": " + s.bulk().size() + " seed(s), simulated then live ("
                    + s.bulkBytes() + " bytes bulk, " + echo + " echo each)");
            err.flush();
            results.add(LinkValidation.run(s, floor));
        }
        String table = ValidateText.floor(floor) + ValidateText.table(results);
        o.print(table);
        Files.writeString(dir.resolve("validate.txt"), table);
        json().writeValue(dir.resolve("validate.json").toFile(), new Report(floor, results));
        ChartRenderer.writePng(io.kcplab.scenarios.validate.ValidateChart.of(results), 900, 480,
                dir.resolve("validate.png"));
        boolean agree = results.stream().allMatch(LinkValidation::agrees);
        o.println();
        o.println((agree ? "verdict: the simulator agrees with the live path on every metric"
                : "verdict: the simulator and the live path DIFFER (see the rows marked DIFFERS)")
                + "; files: " + dir.toAbsolutePath());
        o.flush();
        return agree ? KcpLabCommand.OK : KcpLabCommand.FAILED;
    }

    /** validate.json: the platform floor and every link's figures and verdicts. */
    record Report(Measurement platformFloor, List<LinkValidation> links) {
    }

    private static void prepare(Path dir) {
        PathChecks.outputFolder("--out", dir);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new ScenarioException("--out: cannot create " + dir + ": " + e.getMessage());
        }
        if (!Files.isWritable(dir)) {
            throw new ScenarioException("--out: " + dir + " is not writable");
        }
    }

    private static ObjectMapper json() {
        return JsonMapper.builder().enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
                .enable(SerializationFeature.INDENT_OUTPUT).build();
    }
}
