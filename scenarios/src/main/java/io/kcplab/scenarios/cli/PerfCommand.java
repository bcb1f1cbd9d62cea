package io.kcplab.scenarios.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.kcplab.scenarios.ScenarioException;
import io.kcplab.scenarios.spec.Units;
import io.kcplab.transport.SessionOptions;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code kcplab perf}: iperf3 for KCP. {@code perf server} accepts sessions and counts, hashes and checks (or
 * echoes, or sends) the pattern stream; {@code perf client} drives a transfer and compares both ends' byte counts and
 * SHA-256. The engine is the transport module's {@code io.kcplab.transport.perf}; see docs/perf.md.
 */
@Command(name = "perf", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"iperf3 for KCP: measure goodput, RTT and retransmissions of real KCP sessions, and check the "
            + "bytes end to end (byte counts and SHA-256 of a seeded pseudo-random stream, compared by both ends).",
            "Start `kcplab perf server --listen HOST:PORT`, then `kcplab perf client --to HOST:PORT`. Both ends "
                + "must get the same session flags (--mode aside, which only shapes each end's sending)."},
        subcommands = {PerfServerCommand.class, PerfClientCommand.class})
final class PerfCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** No subcommand: the usage on stderr, exit 2. */
    @Override
    public Integer call() {
        spec.commandLine().getErr().println("kcplab perf: missing subcommand; try: kcplab perf server --listen "
                + "127.0.0.1:5201, or kcplab perf client --to 127.0.0.1:5201");
        return KcpLabCommand.USAGE;
    }

    /** HOST:PORT or [IPv6]:PORT, resolved now. */
    static InetSocketAddress address(String option, String text, boolean portZeroAllowed) {
        return HostPort.parse(option, text, portZeroAllowed, "127.0.0.1:5201");
    }

    /** A duration option of at least {@code minMillis}. */
    static Duration duration(String option, String text, long minMillis) {
        long micros;
        try {
            micros = Units.durationMicros(text.trim());
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new ScenarioException(option + ": " + e.getMessage());
        }
        if (micros < minMillis * 1000) {
            throw new ScenarioException(option + ": " + text + " is too short; accepted: " + minMillis + "ms or more");
        }
        return Duration.ofNanos(micros * 1000);
    }

    static String format(InetSocketAddress a) {
        String host = a.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    static String describe(SessionOptions o) {
        return io.kcplab.transport.perf.PerfText.settings(o);
    }

    static ObjectMapper json() {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }
}
