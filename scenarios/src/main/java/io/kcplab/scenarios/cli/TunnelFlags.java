package io.kcplab.scenarios.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kcplab.scenarios.ScenarioException;
import io.kcplab.transport.SessionOptions;
import io.kcplab.transport.Wire;
import io.kcplab.transport.smux.SmuxConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The flags both tunnel ends share beyond the KCP session's ({@link SessionFlags}): kcptun's smux, compression,
 * logging and config-file flags, the {@code --ds}/{@code --ps} aliases, and kcptun flags KcpLab refuses by name.
 */
final class TunnelFlags {

    static final String VERSION = "KcpLab 0.1.0 (kcptun 20210922 compatible)";

    // picocli's standard help options are added after the model transformer (SingleDashNames): declared here
    // instead, so that they too take one dash (-help, -version) and kcptun's -v
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = {"-V", "--version"}, versionHelp = true, description = "Print version information and exit.")
    boolean version;

    @Option(names = "--nocomp", description = "Turn off kcptun's snappy compression (must match the other end).")
    boolean nocomp;

    @Option(names = "--smuxver", paramLabel = "1|2", defaultValue = "1",
            description = "smux version; both ends must use the same (default ${DEFAULT-VALUE}).")
    String smuxver;

    @Option(names = "--smuxbuf", paramLabel = "BYTES", defaultValue = "4194304",
            description = "The session's receive buffer, shared by its streams (default ${DEFAULT-VALUE}).")
    String smuxbuf;

    @Option(names = "--streambuf", paramLabel = "BYTES", defaultValue = "2097152",
            description = "Per-stream receive window, smux v2 (default ${DEFAULT-VALUE}).")
    String streambuf;

    @Option(names = "--keepalive", paramLabel = "SECONDS", defaultValue = "10",
            description = "Seconds between smux keepalives; the timeout stays 30 s (default ${DEFAULT-VALUE}).")
    String keepalive;

    @Option(names = "--snmplog", paramLabel = "FILE",
            description = "Append kcp-go's SNMP counters as CSV (kcptun's format) every --snmpperiod; the file "
                + "name may hold a Go time layout, such as ./snmp-20060102.log.")
    String snmplog;

    @Option(names = "--snmpperiod", paramLabel = "SECONDS", defaultValue = "60",
            description = "SNMP log period (default ${DEFAULT-VALUE}).")
    String snmpperiod;

    @Option(names = "--log", paramLabel = "FILE", description = "Append the log to FILE instead of stderr; the file "
            + "is reopened for every line, so it can be rotated (moved away) while the tunnel runs.")
    String log;

    @Option(names = "--quiet", description = "No 'stream opened/closed' lines.")
    boolean quiet;

    @Option(names = "-c", paramLabel = "CONFIG.json",
            description = "kcptun's JSON config; its fields override the command line.")
    String config;

    @Option(names = {"--ds"}, paramLabel = "N", hidden = true, description = "kcptun's alias of --datashard.")
    String ds;

    @Option(names = {"--ps"}, paramLabel = "N", hidden = true, description = "kcptun's alias of --parityshard.")
    String ps;

    @Option(names = "--tcp", hidden = true, description = "Refused: kcptun's fake TCP (tcpraw).")
    boolean tcp;

    @Option(names = "--pprof", hidden = true, description = "Refused: kcptun-server's profiling server.")
    boolean pprof;

    /** The banner's note on nodelay/interval/resend/nc given without --mode manual (ignored, as kcptun does). */
    String ignoredTuning;

    static final Set<String> SESSION_KEYS = Set.of("key", "crypt", "mode", "mtu", "sndwnd", "rcvwnd", "datashard",
            "parityshard", "dscp", "nocomp", "acknodelay", "nodelay", "interval", "resend", "nc", "sockbuf",
            "smuxver", "smuxbuf", "streambuf", "keepalive", "log", "snmplog", "snmpperiod", "quiet", "tcp");

    /**
     * Applies {@code -c}: kcptun's JSON fields override the command line. {@code endKeys} are the end's own
     * ({@code localaddr}...); {@code endSetter} applies one of them.
     */
    void applyConfigFile(SessionFlags s, Set<String> endKeys, Set<String> otherEndKeys, String otherEnd,
            java.util.function.BiConsumer<String, JsonNode> end) {
        if (config == null) {
            return;
        }
        JsonNode root;
        if (!Files.exists(Path.of(config))) {
            throw new ScenarioException("-c: " + config + ": not found");
        }
        if (Files.isDirectory(Path.of(config))) {
            throw new ScenarioException("-c: " + config + " is a directory; give kcptun's JSON file");
        }
        try {
            root = new ObjectMapper().readTree(Files.readString(Path.of(config)));
        } catch (IOException e) {
            throw new ScenarioException("-c: cannot read " + config + ": " + oneLine(e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new ScenarioException("-c: " + config + " is not a JSON object");
        }
        Iterator<Map.Entry<String, JsonNode>> it = root.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String k = e.getKey();
            JsonNode v = e.getValue();
            if (endKeys.contains(k)) {
                end.accept(k, v);
                continue;
            }
            if (otherEndKeys.contains(k)) {
                throw new ScenarioException("-c: field '" + k + "' belongs to a " + otherEnd + " config");
            }
            if (!SESSION_KEYS.contains(k)) {
                throw new ScenarioException("-c: unknown field '" + k + "' in " + config);
            }
            String text = v.isTextual() ? v.asText() : v.toString();
            switch (k) {
                case "key" -> s.key = text;
                case "crypt" -> s.crypt = text;
                case "mode" -> s.mode = text;
                case "mtu" -> s.mtu = text;
                case "sndwnd" -> s.sndwnd = text;
                case "rcvwnd" -> s.rcvwnd = text;
                case "datashard" -> s.dataShards = text;
                case "parityshard" -> s.parityShards = text;
                case "dscp" -> s.dscp = text;
                case "acknodelay" -> s.ackNoDelay = bool(k, v);
                case "nodelay" -> s.nodelay = text;
                case "interval" -> s.interval = text;
                case "resend" -> s.resend = text;
                case "nc" -> s.nc = text;
                case "sockbuf" -> s.sockbuf = text;
                case "nocomp" -> nocomp = bool(k, v);
                case "smuxver" -> smuxver = text;
                case "smuxbuf" -> smuxbuf = text;
                case "streambuf" -> streambuf = text;
                case "keepalive" -> keepalive = text;
                case "log" -> log = text.isEmpty() ? null : text;
                case "snmplog" -> snmplog = text.isEmpty() ? null : text;
                case "snmpperiod" -> snmpperiod = text;
                case "quiet" -> quiet = bool(k, v);
                case "tcp" -> tcp = bool(k, v);
                default -> throw new IllegalStateException(k);
            }
        }
    }

    static boolean bool(String key, JsonNode v) {
        if (!v.isBoolean()) {
            throw new ScenarioException("-c: field '" + key + "' must be true or false, not " + v);
        }
        return v.asBoolean();
    }

    /** Checks what SessionFlags does not know about and returns the KCP session options. */
    SessionOptions sessionOptions(SessionFlags s, CommandSpec spec) {
        if (tcp) {
            throw new ScenarioException("--tcp: kcptun's fake TCP (tcpraw) is not supported by KcpLab; the tunnel "
                    + "runs over UDP only");
        }
        if (pprof) {
            throw new ScenarioException("--pprof: kcptun-server's profiling server (on all interfaces) is not "
                    + "supported by KcpLab; use a JDK profiler such as JFR");
        }
        if (ds != null) {
            s.dataShards = ds;
        }
        if (ps != null) {
            s.parityShards = ps;
        }
        if (s.message) {
            throw new ScenarioException("--message: a tunnel carries byte streams; kcptun always uses KCP's stream "
                    + "mode");
        }
        if ("raw".equalsIgnoreCase(s.wire == null ? "" : s.wire.trim())) {
            throw new ScenarioException("--wire raw: kcptun always sends the nonce and checksum header (even with "
                    + "--crypt none); use --wire kcp-go (the default)");
        }
        ignoredTuning = kcptunTuning(s);
        if (s.key == null && System.getenv("KCPTUN_KEY") != null) {
            s.key = System.getenv("KCPTUN_KEY");
        }
        SessionOptions o = s.toOptions();
        if (o.wire() == Wire.RAW) {
            throw new ScenarioException("--wire raw: kcptun always sends the nonce and checksum header");
        }
        return o;
    }

    /**
     * kcptun's rule: nodelay, interval, resend and nc (hidden flags, or -c fields) count only with {@code --mode
     * manual}; any other mode's preset overwrites them. Drops them otherwise and returns the banner's note naming them
     * (null when none was given).
     */
    static String kcptunTuning(SessionFlags s) {
        String mode = String.valueOf(s.mode).trim();
        if (mode.equalsIgnoreCase("manual")) {
            return null;
        }
        List<String> given = new ArrayList<>();
        String[][] values = {{"nodelay", s.nodelay}, {"interval", s.interval}, {"resend", s.resend}, {"nc", s.nc}};
        for (String[] v : values) {
            if (v[1] != null) {
                intIn("--" + v[0], v[1], Integer.MIN_VALUE, Integer.MAX_VALUE); // kcptun refuses a non-number too
                given.add(v[0]);
            }
        }
        s.nodelay = null;
        s.interval = null;
        s.resend = null;
        s.nc = null;
        return given.isEmpty() ? null : String.join(", ", given) + " ignored (as in kcptun, only --mode manual "
                + "takes nodelay, interval, resend, nc; the " + mode + " preset applies)";
    }

    SmuxConfig smuxConfig() {
        int ver = intIn("--smuxver", smuxver, 1, 2);
        int buf = intIn("--smuxbuf", smuxbuf, 1, Integer.MAX_VALUE);
        int sbuf = intIn("--streambuf", streambuf, 1, Integer.MAX_VALUE);
        int ka = intIn("--keepalive", keepalive, 1, 30);
        return SmuxConfig.kcptun().version(ver).maxReceiveBuffer(buf).maxStreamBuffer(sbuf)
                .keepAliveInterval(Duration.ofSeconds(ka)).compression(!nocomp).build();
    }

    int snmpPeriod() {
        return intIn("--snmpperiod", snmpperiod, 1, 86400);
    }

    static int intIn(String flag, String text, int min, int max) {
        long v;
        try {
            v = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new ScenarioException(flag + ": '" + text + "' is not a whole number");
        }
        if (v < min || v > max) {
            throw new ScenarioException(flag + ": " + text + " is out of range; accepted: " + min + ".."
                    + (max == Integer.MAX_VALUE ? "2147483647" : String.valueOf(max)));
        }
        return (int) v;
    }

    /**
     * kcptun's addresses: {@code HOST:PORT}, {@code :PORT} (all interfaces, for a listening address) or
     * {@code [IPv6]:PORT}.
     */
    static InetSocketAddress address(String flag, String text, boolean listening) {
        if (text == null || text.isBlank()) {
            throw new ScenarioException(flag + ": missing; expected HOST:PORT");
        }
        String t = text.trim();
        if (!t.contains(":")) {
            throw new ScenarioException(flag + ": '" + text + "' is not HOST:PORT"
                    + (t.startsWith("/") ? " (unix socket targets are not supported)" : ""));
        }
        String host;
        String port;
        if (t.startsWith("[")) {
            int close = t.indexOf("]:");
            if (close < 0) {
                throw new ScenarioException(flag + ": '" + text + "' is not [IPv6]:PORT");
            }
            host = t.substring(1, close);
            port = t.substring(close + 2);
        } else {
            int colon = t.lastIndexOf(':');
            host = t.substring(0, colon);
            port = t.substring(colon + 1);
            if (host.contains(":")) {
                throw new ScenarioException(flag + ": '" + text + "': write an IPv6 address in brackets");
            }
        }
        int p;
        try {
            p = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            p = -1;
        }
        int min = listening ? 0 : 1;
        if (p < min || p > 65535) {
            throw new ScenarioException(flag + ": port '" + port + "' is out of range; accepted: " + min
                    + "..65535");
        }
        if (host.isEmpty()) {
            if (!listening) {
                throw new ScenarioException(flag + ": '" + text + "' has no host; expected HOST:PORT");
            }
            return new InetSocketAddress(p);
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), p);
        } catch (UnknownHostException e) {
            throw new ScenarioException(flag + ": unknown host '" + host + "'");
        }
    }

    /** Log lines as Go's log package prints them, to --log or stderr. */
    Consumer<String> logger(PrintWriter err) {
        DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss");
        if (log == null) {
            return line -> {
                synchronized (err) {
                    err.println(LocalDateTime.now().format(f) + " " + line);
                    err.flush();
                }
            };
        }
        Path file = Path.of(log);
        return line -> {
            synchronized (TunnelFlags.class) {
                try {
                    Files.writeString(file, LocalDateTime.now().format(f) + " " + line + "\n",
                            java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
                } catch (IOException e) {
                    err.println("kcplab tunnel: --log " + log + ": " + e.getMessage());
                }
            }
        };
    }

    /** Checks that --log can be written before starting. */
    void checkLogFile() {
        if (log != null) {
            try {
                Files.writeString(Path.of(log), "", java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new ScenarioException("--log: cannot write " + log + ": " + oneLine(e.getMessage()));
            }
        }
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replace('\n', ' ').replace('\r', ' ');
    }

    /** kcptun's start-up lines for the settings in use. */
    static void banner(Consumer<String> log, SessionOptions o, SmuxConfig smux, TunnelFlags t) {
        var c = o.connection();
        log.accept("version: " + VERSION);
        log.accept("encryption: " + (c.cipher() == null ? "none" : c.cipher()));
        log.accept("nodelay parameters: " + c.nodelay() + " " + c.interval() + " " + c.resend() + " " + c.nc());
        if (t.ignoredTuning != null) {
            log.accept("note: " + t.ignoredTuning);
        }
        log.accept("sndwnd: " + c.sndWnd() + " rcvwnd: " + c.rcvWnd());
        log.accept("compression: " + smux.compression());
        log.accept("mtu: " + c.mtu());
        log.accept("datashard: " + c.dataShards() + " parityshard: " + c.parityShards());
        log.accept("acknodelay: " + c.ackNoDelay());
        log.accept("dscp: " + o.dscp());
        log.accept("sockbuf: " + o.socketReceiveBuffer());
        log.accept("smuxver: " + smux.version());
        log.accept("smuxbuf: " + smux.maxReceiveBuffer());
        log.accept("streambuf: " + smux.maxStreamBuffer());
        log.accept("keepalive: " + smux.keepAliveInterval().toSeconds());
        log.accept("snmplog: " + (t.snmplog == null ? "" : t.snmplog));
        log.accept("snmpperiod: " + t.snmpPeriod());
        log.accept("quiet: " + t.quiet);
    }
}
