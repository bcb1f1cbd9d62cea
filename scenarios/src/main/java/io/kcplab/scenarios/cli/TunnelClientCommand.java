package io.kcplab.scenarios.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.kcplab.scenarios.ScenarioException;
import io.kcplab.transport.SessionOptions;
import io.kcplab.transport.smux.SmuxConfig;
import io.kcplab.transport.tunnel.TunnelClient;
import io.kcplab.transport.tunnel.TunnelConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kcplab tunnel client}: kcptun-client on KcpLab. */
@Command(name = "client", sortOptions = false, version = TunnelFlags.VERSION,
        description = {"Accept TCP connections on --localaddr and carry each over an smux stream of a KCP session "
            + "to a `kcplab tunnel server` or a kcptun-server at --remoteaddr. Runs until Ctrl-C, then prints its "
            + "counters. kcptun-client's defaults: windows 128/512, one session (--conn), dialled at the first "
            + "connection.",
            "Exit codes: 0 stopped, 2 bad option or bind failure, 3 internal error."},
        defaultValueProvider = TunnelClientCommand.ClientDefaults.class,
        modelTransformer = SingleDashNames.class)
final class TunnelClientCommand implements Callable<Integer> {

    /** kcptun-client's window defaults (128/512), in place of the shared session flags' 1024/1024. */
    static final class ClientDefaults implements CommandLine.IDefaultValueProvider {
        @Override
        public String defaultValue(CommandLine.Model.ArgSpec arg) {
            if (arg instanceof CommandLine.Model.OptionSpec o) {
                return switch (o.longestName()) {
                    case "--sndwnd" -> "128";
                    case "--rcvwnd" -> "512";
                    default -> null;
                };
            }
            return null;
        }
    }

    @Option(names = {"-l", "--localaddr"}, paramLabel = "HOST:PORT", defaultValue = ":12948",
            description = "Local TCP listen address; ':PORT' listens on all interfaces (default ${DEFAULT-VALUE}).")
    String localaddr;

    @Option(names = {"-r", "--remoteaddr"}, paramLabel = "HOST:PORT", defaultValue = "vps:29900",
            description = "The tunnel server's UDP address (default ${DEFAULT-VALUE}).")
    String remoteaddr;

    @Option(names = "--conn", paramLabel = "N", defaultValue = "1",
            description = "KCP sessions to the server, used round-robin (default ${DEFAULT-VALUE}).")
    String conn;

    @Option(names = "--autoexpire", paramLabel = "SECONDS", defaultValue = "0",
            description = "Replace a session this old at the next connection; 0 = never (default ${DEFAULT-VALUE}).")
    String autoexpire;

    @Option(names = "--scavengettl", paramLabel = "SECONDS", defaultValue = "600",
            description = "How long an expired session may finish its streams (default ${DEFAULT-VALUE}).")
    String scavengettl;

    @Mixin
    SessionFlags session;

    @Mixin
    TunnelFlags tunnel;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        tunnel.applyConfigFile(session, Set.of("localaddr", "remoteaddr", "conn", "autoexpire", "scavengettl"),
                Set.of("listen", "target", "pprof"), "server", this::apply);
        SessionOptions options = tunnel.sessionOptions(session, spec);
        SmuxConfig smux = tunnel.smuxConfig();
        TunnelConfig config;
        try {
            config = new TunnelConfig(options, smux, TunnelFlags.intIn("--conn", conn, 1, 65535),
                    TunnelFlags.intIn("--autoexpire", autoexpire, 0, Integer.MAX_VALUE),
                    TunnelFlags.intIn("--scavengettl", scavengettl, 0, Integer.MAX_VALUE), tunnel.quiet);
        } catch (IllegalArgumentException e) {
            throw new ScenarioException("--" + e.getMessage());
        }
        tunnel.snmpPeriod();
        InetSocketAddress local = TunnelFlags.address("--localaddr", localaddr, true);
        InetSocketAddress remote = TunnelFlags.address("--remoteaddr", remoteaddr, false);
        tunnel.checkLogFile();
        Consumer<String> log = tunnel.logger(spec.commandLine().getErr());
        TunnelRun.Started<TunnelClient> started =
                TunnelRun.start(transport -> TunnelClient.start(transport, local, remote, config, log),
                        e -> "--localaddr: cannot listen on " + localaddr + ": " + TunnelFlags.oneLine(e.getMessage()));
        TunnelClient client = started.end();
        log.accept("listening on: " + PerfCommand.format(client.localAddress()));
        TunnelFlags.banner(log, options, smux, tunnel);
        log.accept("remote address: " + remoteaddr);
        log.accept("conn: " + config.conn());
        log.accept("autoexpire: " + config.autoExpireSeconds());
        log.accept("scavengettl: " + config.scavengeTtlSeconds());
        return TunnelRun.until(started, tunnel, log, client::stats, client::smuxCounters, client::snmp);
    }

    private void apply(String key, JsonNode v) {
        String text = v.isTextual() ? v.asText() : v.toString();
        switch (key) {
            case "localaddr" -> localaddr = text;
            case "remoteaddr" -> remoteaddr = text;
            case "conn" -> conn = text;
            case "autoexpire" -> autoexpire = text;
            case "scavengettl" -> scavengettl = text;
            default -> throw new IllegalStateException(key);
        }
    }
}
