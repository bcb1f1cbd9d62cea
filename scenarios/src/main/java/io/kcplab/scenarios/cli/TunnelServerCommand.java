package io.kcplab.scenarios.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.kcplab.transport.SessionOptions;
import io.kcplab.transport.smux.SmuxConfig;
import io.kcplab.transport.tunnel.TunnelConfig;
import io.kcplab.transport.tunnel.TunnelServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kcplab tunnel server}: kcptun-server on KcpLab. */
@Command(name = "server", sortOptions = false, version = TunnelFlags.VERSION,
        description = {"Accept KCP sessions on --listen (UDP) from `kcplab tunnel client` or kcptun-client, and "
            + "connect every smux stream to the TCP --target. Runs until Ctrl-C, then prints its counters.",
            "Exit codes: 0 stopped, 2 bad option or bind failure, 3 internal error."},
        modelTransformer = SingleDashNames.class)
final class TunnelServerCommand implements Callable<Integer> {

    @Option(names = {"-l", "--listen"}, paramLabel = "HOST:PORT", defaultValue = ":29900",
            description = "UDP listen address; ':PORT' listens on all interfaces (default ${DEFAULT-VALUE}).")
    String listen;

    @Option(names = {"-t", "--target"}, paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:12948",
            description = "TCP target of every stream (default ${DEFAULT-VALUE}).")
    String target;

    @Mixin
    SessionFlags session;

    @Mixin
    TunnelFlags tunnel;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        tunnel.applyConfigFile(session, Set.of("listen", "target", "pprof"),
                Set.of("localaddr", "remoteaddr", "conn", "autoexpire", "scavengettl"), "client", this::apply);
        SessionOptions options = tunnel.sessionOptions(session, spec);
        SmuxConfig smux = tunnel.smuxConfig();
        TunnelConfig config = new TunnelConfig(options, smux, 1, 0, 0, tunnel.quiet);
        tunnel.snmpPeriod();
        InetSocketAddress at = TunnelFlags.address("--listen", listen, true);
        InetSocketAddress to = TunnelFlags.address("--target", target, false);
        tunnel.checkLogFile();
        Consumer<String> log = tunnel.logger(spec.commandLine().getErr());
        TunnelRun.Started<TunnelServer> started =
                TunnelRun.start(transport -> TunnelServer.start(transport, at, to, config, log),
                        e -> "--listen: cannot listen on " + listen + ": " + PerfServerCommand.bindProblem(e));
        TunnelServer server = started.end();
        log.accept("listening on: " + PerfCommand.format(server.localAddress()));
        log.accept("target: " + target);
        TunnelFlags.banner(log, options, smux, tunnel);
        return TunnelRun.until(started, tunnel, log, server::stats, server::smuxCounters, server::snmp);
    }

    private void apply(String key, JsonNode v) {
        String text = v.isTextual() ? v.asText() : v.toString();
        switch (key) {
            case "listen" -> listen = text;
            case "target" -> target = text;
            case "pprof" -> tunnel.pprof = TunnelFlags.bool(key, v);
            default -> throw new IllegalStateException(key);
        }
    }
}
