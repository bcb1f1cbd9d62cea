package io.kcplab.scenarios.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code kcplab tunnel}: kcptun's client and server on KcpLab's transport. {@code tunnel client} accepts TCP and
 * carries each connection over an smux stream of a KCP session; {@code tunnel server} accepts KCP sessions and
 * connects each stream to a TCP target. Wire-compatible with kcptun 20210922 (kcp-go 5.6.1, smux 1.5.16, snappy
 * framing); the engine is the transport module's {@code io.kcplab.transport.tunnel}. See docs/kcptun.md.
 */
@Command(name = "tunnel", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"A kcptun-compatible TCP tunnel over KCP + smux: `kcplab tunnel server --listen :29900 "
            + "--target 127.0.0.1:22` on one host, `kcplab tunnel client --localaddr :12948 --remoteaddr "
            + "HOST:29900` on the other; each end also talks to kcptun's own client or server.",
            "kcptun's flag names, with one or two dashes (-key K, --key K), and defaults (--key, --crypt, --mode, "
                + "--mtu, --sndwnd, --rcvwnd, --datashard, "
                + "--parityshard, --dscp, --nocomp, --smuxver, --smuxbuf, --streambuf, --keepalive, --sockbuf, "
                + "--snmplog, -c config.json, ...). Both ends must agree on --key, --crypt, --nocomp and --smuxver."},
        subcommands = {TunnelClientCommand.class, TunnelServerCommand.class})
final class TunnelCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("kcplab tunnel: missing subcommand; try: kcplab tunnel server --listen "
                + ":29900 --target 127.0.0.1:22, or kcplab tunnel client --localaddr :12948 --remoteaddr HOST:29900");
        return KcpLabCommand.USAGE;
    }
}
