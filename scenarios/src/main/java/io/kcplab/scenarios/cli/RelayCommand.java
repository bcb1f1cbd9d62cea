package io.kcplab.scenarios.cli;

import io.kcplab.scenarios.live.LiveRelayPath;

import io.kcplab.scenarios.ScenarioException;
import io.kcplab.scenarios.library.LinkLibrary;
import io.kcplab.scenarios.spec.LinkReader;
import io.kcplab.scenarios.spec.LinkSpec;
import io.kcplab.scenarios.spec.Node;
import io.kcplab.scenarios.spec.Problems;
import io.kcplab.scenarios.spec.Units;
import io.kcplab.scenarios.spec.YamlText;
import io.kcplab.sim.live.LiveLink;
import io.kcplab.sim.net.LinkSchedule;
import io.kcplab.transport.relay.RelayConfig;
import io.kcplab.transport.relay.RelayPath;
import io.kcplab.transport.relay.RelayStats;
import io.kcplab.transport.relay.UdpRelay;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kcplab relay}: a UDP relay that applies scenario links to real traffic, per direction, in real time. The
 * links are the simulator's own ({@link LiveLink}) driven by the wall clock; the sockets are the transport
 * module's {@link UdpRelay}. This class parses the options, adapts {@link LiveLink} to {@link RelayPath}, and
 * prints counters periodically and at exit.
 */
@Command(name = "relay", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Relay UDP datagrams from clients to a target through a scenario link in each direction, in "
            + "real time: client -> target through the 'up' link, target -> client through the 'down' link. "
            + "Each client address gets its own upstream socket. Counters print at exit (Ctrl-C) and every "
            + "--stats-interval.",
            "LINK is a library profile name (./kcplab list), an inline link in the scenario syntax "
                + "('loss: 10%%', '{profile: lte, loss: 2%%}', '{delay: {latency: 50ms, jitter: 5ms}}'), or a YAML "
                + "file holding one (--link also takes {up: LINK, down: LINK} or {both: LINK})."})
final class RelayCommand implements Callable<Integer> {

    /** Names of the two directions; equal to the simulator's, so a seed draws what a scenario run draws. */
    static final String UP_NAME = "client->server";
    static final String DOWN_NAME = "server->client";

    @Option(names = "--listen", required = true, paramLabel = "HOST:PORT",
            description = "Where clients send (bound here only; port 0 = any free port, printed at start).")
    String listen;

    @Option(names = "--to", required = true, paramLabel = "HOST:PORT", description = "Where to forward.")
    String to;

    @Option(names = "--link", paramLabel = "LINK", description = "The link in both directions (each direction "
            + "keeps its own state and random streams).")
    String link;

    @Option(names = "--up", paramLabel = "LINK", description = "The client -> target link (overrides --link).")
    String up;

    @Option(names = "--down", paramLabel = "LINK", description = "The target -> client link (overrides --link).")
    String down;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "Seed of the links' random streams (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--duration", paramLabel = "DURATION",
            description = "Stop by itself after this long (e.g. 30s, 2min); default: until interrupted.")
    String duration;

    @Option(names = "--stats-interval", paramLabel = "DURATION",
            description = "Print the counters this often (e.g. 5s); default: only at exit.")
    String statsInterval;

    @Option(names = "--max-clients", paramLabel = "N", defaultValue = "64",
            description = "Client addresses served at once, 1.." + RelayConfig.MAX_CLIENTS
                + " (default ${DEFAULT-VALUE}); datagrams from more are refused and counted.")
    int maxClients;

    @Option(names = "--idle-timeout", paramLabel = "DURATION", defaultValue = "60s",
            description = "Forget a client silent this long in both directions (default ${DEFAULT-VALUE}).")
    String idleTimeout;

    @Option(names = "--socket-buffer", paramLabel = "SIZE", defaultValue = "4MiB",
            description = "SO_RCVBUF/SO_SNDBUF asked for on every socket (default ${DEFAULT-VALUE}; the kernel caps "
                + "it at net.core.rmem_max/wmem_max; 0 = system default).")
    String socketBuffer;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        InetSocketAddress listenAddress = address("--listen", listen, true);
        InetSocketAddress target = address("--to", to, false);
        Links links = links();
        long durationMillis = duration == null ? 0 : millis("--duration", duration, 1);
        long statsMillis = statsInterval == null ? 0 : millis("--stats-interval", statsInterval, 1);
        long idleMillis = millis("--idle-timeout", idleTimeout, 1);
        int buffer = socketBuffer("--socket-buffer", socketBuffer);
        if (maxClients < 1 || maxClients > RelayConfig.MAX_CLIENTS) {
            throw new ScenarioException("--max-clients: " + maxClients + " is out of range; accepted: 1.."
                    + RelayConfig.MAX_CLIENTS);
        }
        RelayConfig config = new RelayConfig(listenAddress, target, maxClients, idleMillis, statsMillis, buffer);
        LiveRelayPath upPath = new LiveRelayPath(new LiveLink(UP_NAME, links.up.profile(), schedule(links.up), seed),
                links.upText);
        LiveRelayPath downPath = new LiveRelayPath(new LiveLink(DOWN_NAME, links.down.profile(), schedule(links.down), seed),
                links.downText);

        UdpRelay relay;
        try {
            relay = UdpRelay.open(config, upPath, downPath);
        } catch (BindException e) {
            throw new ScenarioException("--listen: cannot bind " + format(listenAddress) + ": " + e.getMessage());
        } catch (SocketException e) {
            throw new ScenarioException("--listen: cannot open a socket on " + format(listenAddress) + ": "
                    + e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        String title = "relay " + format(relay.localAddress()) + " -> " + format(target);
        out.println("kcplab relay: listening on " + format(relay.localAddress()) + ", forwarding to "
                + format(target) + "; up: " + links.upText + "; down: " + links.downText + "; seed " + seed
                + (durationMillis > 0 ? "; for " + Units.formatMicros(durationMillis * 1000) : "; Ctrl-C stops"));
        out.flush();

        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            relay.stop();
            try {
                finished.await(5, TimeUnit.SECONDS); // the relay thread prints the final counters
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "kcplab-relay-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            RelayStats last = relay.run(durationMillis, s -> {
                out.println(s.format(title));
                out.flush();
            });
            out.println(last.format(title + ", final"));
            out.flush();
        } finally {
            relay.close();
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down already (Ctrl-C): the hook is the one waiting for us
            }
        }
        return KcpLabCommand.OK;
    }

    /** The two directions and the text they were given as. */
    record Links(LinkSpec up, String upText, LinkSpec down, String downText) {
    }

    private Links links() {
        LinkSpec bothUp = LinkSpec.PERFECT;
        LinkSpec bothDown = LinkSpec.PERFECT;
        String bothUpText = "perfect";
        String bothDownText = "perfect";
        if (link != null) {
            Object tree = load("--link", link);
            if (tree instanceof Map<?, ?> m && !m.isEmpty()
                    && m.keySet().stream().allMatch(k -> "up".equals(k) || "down".equals(k) || "both".equals(k))) {
                // the links section of a scenario: {up: A, down: B} or {both: A}
                Object both = m.get("both");
                if (both != null && (m.containsKey("up") || m.containsKey("down"))) {
                    throw new ScenarioException("--link: give either 'both' or 'up'/'down', not both");
                }
                Object u = both != null ? both : m.get("up");
                Object d = both != null ? both : m.get("down");
                if (u == null || d == null) {
                    throw new ScenarioException("--link: needs 'up' and 'down' links (or 'both')");
                }
                bothUp = read("--link." + (both != null ? "both" : "up"), u);
                bothDown = read("--link." + (both != null ? "both" : "down"), d);
                bothUpText = flowLabel(u);
                bothDownText = flowLabel(d);
            } else {
                bothUp = read("--link", tree);
                bothDown = bothUp;
                bothUpText = label(link);
                bothDownText = bothUpText;
            }
        }
        LinkSpec u = bothUp;
        String uText = bothUpText;
        if (up != null) {
            Object tree = load("--up", up);
            u = read("--up", tree);
            uText = label(up);
        }
        LinkSpec d = bothDown;
        String dText = bothDownText;
        if (down != null) {
            Object tree = load("--down", down);
            d = read("--down", tree);
            dText = label(down);
        }
        return new Links(u, uText, d, dText);
    }

    /** A YAML file's content, or the text itself as YAML (a profile name is a YAML string). */
    private static Object load(String option, String text) {
        if (text.isBlank()) {
            throw new ScenarioException(option + ": empty; expected a link profile name ("
                    + String.join(", ", LinkLibrary.names()) + "), an inline link such as 'loss: 10%', or a YAML file");
        }
        Path file = null;
        try {
            Path p = Path.of(text);
            if (Files.isRegularFile(p)) {
                file = p;
            }
        } catch (InvalidPathException e) {
            // not a file name: inline YAML
        }
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        if (file == null && (lower.endsWith(".yaml") || lower.endsWith(".yml"))) {
            throw new ScenarioException(option + ": " + text + (Files.isDirectory(Path.of(text))
                    ? " is a directory; give a YAML file" : ": not found"));
        }
        try {
            Object tree = file == null ? YamlText.load(text, option) : YamlText.load(Files.readString(file), text);
            if (tree == null) {
                throw new ScenarioException(option + ": '" + text + "' holds no link");
            }
            checkColons(option, tree);
            return tree;
        } catch (IOException e) {
            throw new ScenarioException(option + ": cannot read '" + text + "': " + e.getMessage());
        } catch (ScenarioException e) {
            throw new ScenarioException(oneLine(option, e.problems()));
        }
    }

    /**
     * A key without a value is a mistake on a command line (a scenario file would ignore it); YAML reads
     * {@code {loss:5%}} as such a key, "loss:5%": say so instead of "unknown key".
     */
    private static void checkColons(String option, Object tree) {
        if (tree instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (e.getValue() == null && e.getKey() instanceof String k && k.contains(":")) {
                    int at = k.indexOf(':');
                    throw new ScenarioException(option + ": '" + k + "' needs a space after ':' (YAML), as in '"
                            + k.substring(0, at) + ": " + k.substring(at + 1) + "'");
                }
                if (e.getValue() == null) {
                    throw new ScenarioException(option + ": '" + e.getKey() + "' has no value");
                }
                checkColons(option, e.getValue());
            }
        } else if (tree instanceof List<?> l) {
            for (Object o : l) {
                checkColons(option, o);
            }
        }
    }

    private static LinkSpec read(String path, Object tree) {
        Problems problems = new Problems();
        LinkSpec spec;
        try {
            spec = LinkReader.read(new Node(path, tree, problems), LinkSpec.PERFECT, true);
        } catch (ScenarioException e) {
            throw new ScenarioException(oneLine(path, e.problems()));
        }
        if (!problems.isEmpty()) {
            throw new ScenarioException(String.join("; ", problems.list()));
        }
        return spec;
    }

    private static String oneLine(String option, List<String> problems) {
        String joined = String.join("; ", problems);
        return joined.startsWith(option) ? joined : option + ": " + joined;
    }

    /** How a direction is named in the output: the text as given (a name, an inline link, a file name). */
    private static String label(String text) {
        return shorten(text.strip().replaceAll("\\s+", " "));
    }

    /** A part of a links file, in YAML flow style: {profile: lte, loss: 5%}. */
    private static String flowLabel(Object tree) {
        return shorten(flow(tree));
    }

    private static String flow(Object v) {
        if (v instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder("{");
            for (Map.Entry<?, ?> e : m.entrySet()) {
                sb.append(sb.length() > 1 ? ", " : "").append(e.getKey()).append(": ").append(flow(e.getValue()));
            }
            return sb.append('}').toString();
        }
        if (v instanceof List<?> l) {
            StringBuilder sb = new StringBuilder("[");
            for (Object o : l) {
                sb.append(sb.length() > 1 ? ", " : "").append(flow(o));
            }
            return sb.append(']').toString();
        }
        return String.valueOf(v);
    }

    private static String shorten(String s) {
        return s.length() > 120 ? s.substring(0, 117) + "..." : s;
    }

    private static LinkSchedule schedule(LinkSpec s) {
        return s.schedule(List.of());
    }

    /** HOST:PORT or [IPv6]:PORT, resolved now. */
    static InetSocketAddress address(String option, String text, boolean portZeroAllowed) {
        return HostPort.parse(option, text, portZeroAllowed,
                option.equals("--listen") ? "127.0.0.1:7000" : "127.0.0.1:9000");
    }

    private static long millis(String option, String text, long minMillis) {
        long micros;
        try {
            micros = Units.durationMicros(text);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new ScenarioException(option + ": " + e.getMessage());
        }
        if (micros < minMillis * 1000) {
            throw new ScenarioException(option + ": " + text + " is too short; accepted: " + minMillis
                    + "ms or more");
        }
        return micros / 1000;
    }

    private static int socketBuffer(String option, String text) {
        long bytes;
        try {
            bytes = Units.bytes(text);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new ScenarioException(option + ": " + e.getMessage());
        }
        if (bytes < 0 || bytes > 1 << 30) {
            throw new ScenarioException(option + ": " + text + " is out of range; accepted: 0..1GiB");
        }
        return (int) bytes;
    }

    private static String format(InetSocketAddress a) {
        String host = a.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }
}
