package io.kcplab.scenarios.cli;

import io.kcplab.protocol.ConnectionConfig;
import io.kcplab.protocol.ModePreset;
import io.kcplab.protocol.crypto.Ciphers;
import io.kcplab.protocol.kcp.KcpProfile;
import io.kcplab.scenarios.ScenarioException;
import io.kcplab.scenarios.spec.Units;
import io.kcplab.transport.SessionOptions;
import io.kcplab.transport.Wire;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * The KCP session options of {@code kcplab perf} ({@code kcplab tunnel} has kcptun's own flag set, TunnelFlags),
 * with kcptun's flag names and defaults where kcptun has the flag: a picocli mixin that turns them into
 * {@link SessionOptions}. Values are taken as text and checked here, so a bad one gives one line naming the flag
 * and the accepted values (exit 2).
 */
public final class SessionFlags {

    /** kcptun's --sockbuf default. */
    static final String DEFAULT_SOCKBUF = "4194304";

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "fast",
            description = "kcptun's preset of nodelay/interval/resend/nc: normal (0/40/2/1), fast (0/30/2/1), fast2 "
                + "(1/20/2/1), fast3 (1/10/2/1), or manual (0/50/0/0, kcptun's manual defaults); --nodelay, "
                + "--interval, --resend, --nc override single values (default ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--nodelay", paramLabel = "0|1|2", description = "KCP nodelay (overrides --mode).")
    String nodelay;

    @Option(names = "--interval", paramLabel = "MS", description = "KCP update interval, ms (overrides --mode).")
    String interval;

    @Option(names = "--resend", paramLabel = "N", description = "fast-retransmit threshold, 0 = off (overrides "
            + "--mode).")
    String resend;

    @Option(names = "--nc", paramLabel = "0|1", description = "1 turns congestion control off (overrides --mode).")
    String nc;

    @Option(names = "--crypt", paramLabel = "CIPHER",
            description = "kcptun cipher: aes, aes-128, aes-192, salsa20, blowfish, twofish, cast5, 3des, tea, xtea, "
                + "xor, sm4, none ('none' keeps kcptun's nonce and checksum header). Default: aes (none with "
                + "--wire raw, which refuses this flag).")
    String crypt;

    @Option(names = "--key", paramLabel = "SECRET", description = "Pre-shared secret (default: kcptun's).")
    String key;

    @Option(names = "--datashard", paramLabel = "N", description = "FEC data shards (default 10; 0 with --wire "
            + "raw).")
    String dataShards;

    @Option(names = "--parityshard", paramLabel = "N", description = "FEC parity shards (default 3; 0 turns FEC "
            + "off).")
    String parityShards;

    @Option(names = "--mtu", paramLabel = "BYTES", defaultValue = "1350",
            description = "Largest datagram (default ${DEFAULT-VALUE}).")
    String mtu;

    @Option(names = "--sndwnd", paramLabel = "SEGMENTS", defaultValue = "1024",
            description = "Send window (default ${DEFAULT-VALUE}).")
    String sndwnd;

    @Option(names = "--rcvwnd", paramLabel = "SEGMENTS", defaultValue = "1024",
            description = "Receive window (default ${DEFAULT-VALUE}).")
    String rcvwnd;

    @Option(names = "--acknodelay", description = "Send ACKs at once instead of at the next update.")
    boolean ackNoDelay;

    @Option(names = "--stream", description = "Stream mode (the default, as kcptun).")
    boolean stream;

    @Option(names = "--message", description = "Message mode: each write is one KCP message.")
    boolean message;

    @Option(names = "--dscp", paramLabel = "0..63", defaultValue = "0",
            description = "DSCP code point of the UDP packets (default ${DEFAULT-VALUE}).")
    String dscp;

    @Option(names = "--sockbuf", paramLabel = "BYTES", defaultValue = DEFAULT_SOCKBUF,
            description = "SO_RCVBUF and SO_SNDBUF (default ${DEFAULT-VALUE}, kcptun's; the kernel caps it at "
                + "net.core.rmem_max/wmem_max; 0 = OS default).")
    String sockbuf;

    @Option(names = "--wire", paramLabel = "raw|kcp-go|highway", defaultValue = "kcp-go",
            description = "Framing: kcp-go (kcptun's: nonce + CRC32 + FEC header), highway (keyed HighwayHash in "
                + "place of CRC32), raw (plain KCP segments, as C ikcp; no --crypt, no FEC). Default: "
                + "${DEFAULT-VALUE}.")
    String wire;

    @Option(names = "--engine", paramLabel = "kcp-go|ikcp", defaultValue = "kcp-go",
            description = "KCP engine: kcp-go 5.6.1's or C ikcp's behaviour (default ${DEFAULT-VALUE}).")
    String engine;

    /** The options, validated; throws {@link ScenarioException} (one line naming the flag) on a bad value. */
    public SessionOptions toOptions() {
        Wire w;
        try {
            w = Wire.of(wire);
        } catch (IllegalArgumentException e) {
            throw new ScenarioException("--wire: unknown framing '" + wire + "'; accepted: raw, kcp-go, highway");
        }
        KcpProfile profile = switch (lower(engine)) {
            case "kcp-go", "kcpgo", "kcp_go" -> KcpProfile.KCP_GO;
            case "ikcp" -> KcpProfile.IKCP;
            default -> throw new ScenarioException("--engine: unknown engine '" + engine + "'; accepted: kcp-go, ikcp");
        };
        int[] tuning = mode(mode);
        Integer nd = integer("--nodelay", nodelay);
        Integer iv = integer("--interval", interval);
        Integer rs = integer("--resend", resend);
        Integer ncv = integer("--nc", nc);
        if (stream && message) {
            throw new ScenarioException("--stream and --message exclude each other; give one");
        }
        Integer ds = integer("--datashard", dataShards);
        Integer ps = integer("--parityshard", parityShards);
        String cipher;
        if (w == Wire.RAW) {
            if (crypt != null) {
                throw new ScenarioException("--crypt: --wire raw carries plain KCP segments, with no crypto header "
                        + "(not even 'none'); drop --crypt or use --wire kcp-go or highway");
            }
            if (ds != null && ds != 0 || ps != null && ps != 0) {
                throw new ScenarioException("--datashard/--parityshard: --wire raw has no FEC header; drop them (or "
                        + "give 0) or use --wire kcp-go or highway");
            }
            if (key != null) {
                throw new ScenarioException("--key: --wire raw neither encrypts nor authenticates; drop --key or use"
                        + " --wire kcp-go or highway");
            }
            cipher = null;
            ds = 0;
            ps = 0;
        } else {
            cipher = crypt == null ? "aes" : lower(crypt);
            if (!Ciphers.names().contains(cipher)) {
                throw new ScenarioException("--crypt: unknown cipher '" + crypt + "'; accepted: "
                        + String.join(", ", Ciphers.names()));
            }
        }
        int sockbufBytes = size("--sockbuf", sockbuf);
        ConnectionConfig.Builder c = ConnectionConfig.builder().engine(profile)
                .noDelay(nd != null ? nd : tuning[0], iv != null ? iv : tuning[1], rs != null ? rs : tuning[2],
                        ncv != null ? ncv : tuning[3])
                .windows(integer("--sndwnd", sndwnd), integer("--rcvwnd", rcvwnd))
                .mtu(integer("--mtu", mtu)).streamMode(!message).ackNoDelay(ackNoDelay)
                .fec(ds != null ? ds : 10, ps != null ? ps : 3).cipher(cipher);
        if (key != null) {
            c.key(key);
        }
        try {
            return SessionOptions.builder().connection(c.build()).wire(w).dscp(integer("--dscp", dscp))
                    .socketReceiveBuffer(sockbufBytes).socketSendBuffer(sockbufBytes).build();
        } catch (IllegalArgumentException e) {
            throw new ScenarioException(flagged(e.getMessage()));
        }
    }

    /** nodelay, interval, resend, nc of a --mode name. */
    private static int[] mode(String name) {
        String n = lower(name);
        if (n.equals("manual")) {
            return new int[] {0, 50, 0, 0};
        }
        for (ModePreset p : ModePreset.values()) {
            if (p != ModePreset.DEFAULT && p.label().equals(n)) {
                return new int[] {p.nodelay(), p.interval(), p.resend(), p.nc()};
            }
        }
        throw new ScenarioException("--mode: unknown mode '" + name + "'; accepted: normal, fast, fast2, fast3, "
                + "manual");
    }

    /** Builder messages name fields ("mtu: ..."); say the flag instead. */
    private static String flagged(String message) {
        String m = message;
        String[][] fields = {
            {"datashard/parityshard:", "--datashard/--parityshard:"}, {"sndwnd:", "--sndwnd:"},
            {"rcvwnd:", "--rcvwnd:"}, {"mtu:", "--mtu:"}, {"nodelay:", "--nodelay:"}, {"interval:", "--interval:"},
            {"resend:", "--resend:"}, {"nc:", "--nc:"}, {"crypt:", "--crypt:"}, {"dscp:", "--dscp:"},
            {"socketReceiveBuffer:", "--sockbuf:"}, {"socketSendBuffer:", "--sockbuf:"}, {"wire:", "--wire:"}};
        for (String[] f : fields) {
            if (m.startsWith(f[0])) {
                return f[1] + m.substring(f[0].length());
            }
        }
        return m;
    }

    private static Integer integer(String flag, String text) {
        if (text == null) {
            return null;
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new ScenarioException(flag + ": '" + text + "' is not a whole number");
        }
    }

    private static int size(String flag, String text) {
        long bytes;
        try {
            bytes = Units.bytes(text.trim());
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new ScenarioException(flag + ": " + e.getMessage());
        }
        if (bytes > 1 << 30) {
            throw new ScenarioException(flag + ": " + text + " is out of range; accepted: 0..1GiB");
        }
        return (int) bytes;
    }

    private static String lower(String s) {
        return s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
    }
}
