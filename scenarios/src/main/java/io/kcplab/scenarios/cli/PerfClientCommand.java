package io.kcplab.scenarios.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.kcplab.scenarios.ScenarioException;
import io.kcplab.scenarios.spec.Units;
import io.kcplab.transport.KcpTransport;
import io.kcplab.transport.SessionOptions;
import io.kcplab.transport.perf.PerfClient;
import io.kcplab.transport.perf.PerfException;
import io.kcplab.transport.perf.PerfInterval;
import io.kcplab.transport.perf.PerfReport;
import io.kcplab.transport.perf.PerfText;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kcplab perf client}: one transfer to a perf server, iperf3-style output, exit 1 when the ends disagree. */
@Command(name = "client", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Send the seeded pattern stream to a `kcplab perf server` (or receive it: --reverse; an "
            + "--echo server returns it), print per-interval goodput, RTT, RTO, retransmissions, FEC recoveries and "
            + "cwnd, then a summary comparing both ends' byte counts and SHA-256.",
            "Exit codes: 0 the ends agree, 1 they disagree or the transfer failed (no answer, stall), 2 bad option, "
                + "3 internal error."})
final class PerfClientCommand implements Callable<Integer> {

    @Option(names = {"-c", "--to"}, paramLabel = "HOST:PORT", description = "The perf server.")
    String to;

    @Option(names = {"-t", "--time"}, paramLabel = "DURATION",
            description = "Send for this long (default 10s unless --bytes).")
    String time;

    @Option(names = {"-n", "--bytes"}, paramLabel = "SIZE", description = "Send exactly this many bytes (e.g. "
            + "50000000, 50MB, 64MiB) instead of --time.")
    String bytes;

    @Option(names = {"-R", "--reverse"}, description = "The server sends, the client receives.")
    boolean reverse;

    @Option(names = {"-i", "--report-interval"}, paramLabel = "DURATION", defaultValue = "1s",
            description = "Time between interval lines, 0 for none (default ${DEFAULT-VALUE}; --interval is "
                + "KCP's update interval, as in kcptun).")
    String reportInterval;

    @Option(names = {"-J", "--json"}, description = "Print one JSON object (intervals and summary) instead of text.")
    boolean json;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the pattern stream (default: random, printed).")
    Long seed;

    @Option(names = {"-l", "--length"}, paramLabel = "SIZE", description = "Payload of each DATA frame (default "
            + "64KiB; in message mode at most one message).")
    String length;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", defaultValue = "5s",
            description = "Give up when the server does not answer the request within this (default "
                + "${DEFAULT-VALUE}; KCP has no handshake).")
    String connectTimeout;

    @Option(names = "--stall-timeout", paramLabel = "DURATION", defaultValue = "10s",
            description = "Give up when the transfer makes no progress for this long (default ${DEFAULT-VALUE}).")
    String stallTimeout;

    @Mixin
    SessionFlags session;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        InetSocketAddress server = PerfCommand.address("--to", to, false);
        PerfClient.Config config = config();
        SessionOptions options = session.toOptions();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String what = (reverse ? "reverse (server sends)" : "forward") + ", "
                + (config.bytes() > 0 ? config.bytes() + " bytes" : Units.formatMicros(config.duration().toNanos()
                / 1000)) + ", seed " + config.seed();
        if (!json) {
            out.println("kcplab perf: connecting to " + PerfCommand.format(server) + ": " + what);
            out.println("  " + PerfCommand.describe(options));
            out.flush();
        }
        boolean[] headed = new boolean[1];
        Consumer<PerfInterval> onInterval = json ? null : iv -> {
            synchronized (out) {
                if (!headed[0]) {
                    out.println(PerfText.intervalHeader());
                    headed[0] = true;
                }
                out.println(PerfText.interval(1, iv));
                out.flush();
            }
        };
        PerfReport report;
        try (KcpTransport transport = KcpTransport.create(1)) {
            report = PerfClient.run(transport, server, options, config, onInterval);
        } catch (PerfException e) {
            if (json) {
                out.println(PerfCommand.json().writeValueAsString(Map.of("error", e.getMessage())));
                out.flush();
            }
            err.println("kcplab perf: " + e.getMessage());
            err.flush();
            return KcpLabCommand.FAILED;
        } catch (IllegalArgumentException e) {
            if (String.valueOf(e.getMessage()).startsWith("length: ")) {
                throw new ScenarioException("--" + e.getMessage()); // --length larger than one message
            }
            throw e;
        }
        if (json) {
            try {
                out.println(PerfCommand.json().writeValueAsString(report));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        } else {
            synchronized (out) {
                out.println(PerfText.summary(1, report));
            }
        }
        out.flush();
        if (!report.ok()) {
            err.println("kcplab perf: FAILED: " + report.failure());
            err.flush();
            return KcpLabCommand.FAILED;
        }
        return KcpLabCommand.OK;
    }

    private PerfClient.Config config() {
        if (time != null && bytes != null) {
            throw new ScenarioException("--time and --bytes exclude each other; give one");
        }
        PerfClient.Config c;
        if (bytes != null) {
            long n;
            try {
                n = Units.bytes(bytes.trim());
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw new ScenarioException("--bytes: " + e.getMessage());
            }
            if (n < 1 || n > 1L << 50) {
                throw new ScenarioException("--bytes: " + bytes + " is out of range; accepted: 1 byte..1PiB");
            }
            c = PerfClient.Config.bytes(n);
        } else {
            Duration d = PerfCommand.duration("--time", time == null ? "10s" : time, 1);
            if (d.toHours() >= 24) {
                throw new ScenarioException("--time: " + time + " is out of range; accepted: 1ms..24h");
            }
            c = PerfClient.Config.time(d);
        }
        c.reverse(reverse).seed(seed != null ? seed : new SecureRandom().nextLong() >>> 1);
        Duration every = reportInterval.trim().equals("0") ? Duration.ZERO
                : PerfCommand.duration("--report-interval", reportInterval, 10);
        c.reportInterval(every);
        if (length != null) {
            long n;
            try {
                n = Units.bytes(length.trim());
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw new ScenarioException("--length: " + e.getMessage());
            }
            if (n < 1 || n > 1 << 20) {
                throw new ScenarioException("--length: " + length + " is out of range; accepted: 1..1MiB");
            }
            c.chunk((int) n);
        }
        c.connectTimeout(PerfCommand.duration("--connect-timeout", connectTimeout, 1));
        c.stallTimeout(PerfCommand.duration("--stall-timeout", stallTimeout, 1));
        return c;
    }
}
