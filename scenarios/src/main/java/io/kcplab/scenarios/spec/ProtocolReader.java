package io.kcplab.scenarios.spec;

import io.kcplab.protocol.ConnectionConfig;
import io.kcplab.protocol.ModePreset;
import io.kcplab.protocol.crypto.Ciphers;
import io.kcplab.protocol.kcp.KcpProfile;
import io.kcplab.protocol.wire.WireProfile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code protocol:} into the two ends' {@link ConnectionConfig}s. Starts from ConnectionConfig's kcptun
 * defaults; {@code mode} sets nodelay/interval/resend/nc, and explicit ones override single values. The maps
 * {@code client:} and {@code server:} give one end its own values of the engine settings, key by key over the shared
 * ones (as C KCP's test.cpp tunes only one side); the wire format (FEC, cipher, key, checksum) and stream mode are
 * shared, since two ends that disagree there cannot talk. The final range checks are ConnectionConfig's own, whose
 * field names are these keys.
 */
public final class ProtocolReader {

    /** The two ends' settings; the same object when the file gives no endpoint map. */
    public record Ends(ConnectionConfig client, ConnectionConfig server) {
    }

    private static final Map<String, KcpProfile> ENGINES = new LinkedHashMap<>();
    private static final Map<String, ModePreset> MODES = new LinkedHashMap<>();
    private static final Map<String, WireProfile> CHECKSUMS = new LinkedHashMap<>();
    private static final Map<String, String> CIPHERS = new LinkedHashMap<>();
    private static final Pattern FEC = Pattern.compile("\\s*(\\d+)\\s*/\\s*(\\d+)\\s*");
    /** Keys only the shared map takes. */
    private static final List<String> SHARED_ONLY = List.of("fec", "datashard", "parityshard", "crypt", "key",
            "checksum", "stream");
    private static final String[] ENDPOINTS = {"client", "server"};

    static {
        ENGINES.put("ikcp", KcpProfile.IKCP);
        ENGINES.put("kcp-go", KcpProfile.KCP_GO);
        for (ModePreset p : ModePreset.values()) {
            MODES.put(p.label(), p);
        }
        for (WireProfile w : WireProfile.values()) {
            CHECKSUMS.put(w.label(), w);
        }
        for (String c : Ciphers.names()) {
            CIPHERS.put(c, c);
        }
        CIPHERS.put("off", null);
    }

    private ProtocolReader() {
    }

    /** The settings one map gives; null = not given there. */
    private static final class Given {
        KcpProfile engine;
        ModePreset mode;
        Integer nodelay;
        Integer interval;
        Integer resend;
        Integer nc;
        Integer sndWnd;
        Integer rcvWnd;
        Integer mtu;
        Integer minRto;
        Boolean ackNoDelay;
        Boolean writeDelay;

        /** This map's values over {@code base}'s, key by key. */
        Given over(Given base) {
            Given g = new Given();
            g.engine = engine != null ? engine : base.engine;
            g.mode = mode != null ? mode : base.mode;
            g.nodelay = nodelay != null ? nodelay : base.nodelay;
            g.interval = interval != null ? interval : base.interval;
            g.resend = resend != null ? resend : base.resend;
            g.nc = nc != null ? nc : base.nc;
            g.sndWnd = sndWnd != null ? sndWnd : base.sndWnd;
            g.rcvWnd = rcvWnd != null ? rcvWnd : base.rcvWnd;
            g.mtu = mtu != null ? mtu : base.mtu;
            g.minRto = minRto != null ? minRto : base.minRto;
            g.ackNoDelay = ackNoDelay != null ? ackNoDelay : base.ackNoDelay;
            g.writeDelay = writeDelay != null ? writeDelay : base.writeDelay;
            return g;
        }

        /** Applies these settings to {@code b}, which already carries the shared wire settings. */
        ConnectionConfig.Builder applyTo(ConnectionConfig.Builder b) {
            ConnectionConfig d = ConnectionConfig.defaults();
            if (engine != null) {
                b.engine(engine);
            }
            ModePreset preset = mode == null ? ModePreset.FAST : mode;
            b.noDelay(or(nodelay, preset.nodelay()), or(interval, preset.interval()), or(resend, preset.resend()),
                    or(nc, preset.nc()));
            b.windows(or(sndWnd, d.sndWnd()), or(rcvWnd, d.rcvWnd()));
            b.mtu(or(mtu, d.mtu()));
            b.minRto(or(minRto, 0));
            if (ackNoDelay != null) {
                b.ackNoDelay(ackNoDelay);
            }
            if (writeDelay != null) {
                b.writeDelay(writeDelay);
            }
            return b;
        }

        private static int or(Integer v, int fallback) {
            return v == null ? fallback : v;
        }
    }

    public static Ends read(Node n) {
        if (!n.present()) {
            ConnectionConfig c = ConnectionConfig.defaults();
            return new Ends(c, c);
        }
        MapNode m = n.map("a map of protocol settings");
        Given shared = engineSettings(m);
        WireSettings wire = wireSettings(m);
        Given[] sides = new Given[ENDPOINTS.length];
        Node[] sideNodes = new Node[ENDPOINTS.length];
        for (int i = 0; i < ENDPOINTS.length; i++) {
            Node side = m.get(ENDPOINTS[i]);
            if (side.present()) {
                MapNode sm = side.map("a map of this end's own protocol settings, e.g. {resend: 2, minrto: 10}");
                sides[i] = engineSettings(sm);
                rejectSharedOnly(sm);
                sm.finish();
                sideNodes[i] = side;
            }
        }
        m.finish();
        ConnectionConfig both = build(shared.applyTo(wire.builder()), n);
        if (both == null) {
            ConnectionConfig c = ConnectionConfig.defaults();
            return new Ends(c, c);
        }
        ConnectionConfig[] ends = new ConnectionConfig[ENDPOINTS.length];
        for (int i = 0; i < ENDPOINTS.length; i++) {
            ConnectionConfig own = sides[i] == null ? both
                    : build(sides[i].over(shared).applyTo(wire.builder()), sideNodes[i]);
            ends[i] = own == null ? both : own;
        }
        return new Ends(ends[0], ends[1]);
    }

    /** The shared-only settings; {@code cipherGiven} because a null cipher means "no crypto layer". */
    private record WireSettings(int dataShards, int parityShards, boolean cipherGiven, String cipher, String key,
                                WireProfile checksum, Boolean stream) {

        /** A fresh builder carrying these settings (unset ones keep ConnectionConfig's defaults). */
        ConnectionConfig.Builder builder() {
            ConnectionConfig.Builder b = ConnectionConfig.builder().fec(dataShards, parityShards);
            if (cipherGiven) {
                b.cipher(cipher);
            }
            if (key != null) {
                b.key(key);
            }
            if (checksum != null) {
                b.checksum(checksum);
            }
            if (stream != null) {
                b.streamMode(stream);
            }
            return b;
        }
    }

    private static ConnectionConfig build(ConnectionConfig.Builder b, Node at) {
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            at.problems().add(at.path(), e.getMessage());
            return null;
        }
    }

    /** The engine settings of a shared or endpoint map. */
    private static Given engineSettings(MapNode m) {
        Given g = new Given();
        Node engine = m.get("engine");
        if (engine.present()) {
            g.engine = engine.choice(ENGINES);
        }
        Node mode = m.get("mode");
        if (mode.present()) {
            g.mode = mode.choice(MODES);
        }
        g.nodelay = given(m.get("nodelay"), 0, 2, "");
        g.interval = given(m.get("interval"), 10, 5000, " ms");
        g.resend = given(m.get("resend"), 0, 255, " (0 turns fast retransmit off)");
        g.nc = given(m.get("nc"), 0, 1, " (1 turns congestion control off)");
        g.sndWnd = given(m.get("sndwnd"), 1, 65535, " segments");
        g.rcvWnd = given(m.get("rcvwnd"), 1, 65535, " segments");
        g.mtu = given(m.get("mtu"), 50, 1500, " bytes");
        g.minRto = given(m.get("minrto"), 0, 60000, " ms (0 = engine default)");
        Node ack = m.get("acknodelay");
        if (ack.present()) {
            g.ackNoDelay = ack.bool();
        }
        Node delay = m.get("writedelay");
        if (delay.present()) {
            g.writeDelay = delay.bool();
        }
        return g;
    }

    /** An endpoint map given a shared-only key: a clear problem rather than "unknown key". */
    private static void rejectSharedOnly(MapNode side) {
        for (String key : SHARED_ONLY) {
            side.reject(key, "set it in the shared protocol map: both ends must use the same " + key
                    + " (the wire format and stream mode), or they cannot talk");
        }
    }

    /** The shared-only settings: FEC, cipher, key, checksum, stream mode. */
    private static WireSettings wireSettings(MapNode m) {
        ConnectionConfig d = ConnectionConfig.defaults();
        int data = d.dataShards();
        int parity = d.parityShards();
        Node fec = m.get("fec");
        Node ds = m.get("datashard");
        Node ps = m.get("parityshard");
        if (fec.present()) {
            if (ds.present() || ps.present()) {
                fec.problem("give either fec (e.g. 10/3) or datashard/parityshard, not both");
            }
            String t = fec.text();
            Matcher f = t == null ? null : FEC.matcher(t);
            if (t != null && t.equalsIgnoreCase("off")) {
                data = 0;
                parity = 0;
            } else if (f != null && f.matches() && f.group(1).length() <= 9 && f.group(2).length() <= 9) {
                data = Integer.parseInt(f.group(1));
                parity = Integer.parseInt(f.group(2));
            } else if (f != null && f.matches()) { // more digits than an int holds (parseInt would throw)
                fec.problem("'" + t + "' is out of range; accepted: 0..255 data and parity shards each");
            } else if (t != null) {
                fec.problem("'" + t + "' is not a FEC shape; accepted: DATA/PARITY such as 10/3, or off");
            }
        }
        Integer dsv = given(ds, 0, 255, " shards (0 turns FEC off)");
        Integer psv = given(ps, 0, 255, " shards (0 turns FEC off)");
        boolean cipherGiven = false;
        String cipher = null;
        Node crypt = m.get("crypt");
        if (crypt.present()) {
            String t = crypt.text();
            if (t != null && !CIPHERS.containsKey(t.toLowerCase(Locale.ROOT))) {
                crypt.problem("unknown cipher '" + t + "'; accepted: " + String.join(", ", CIPHERS.keySet())
                        + " ('off' = no crypto layer at all)");
            } else if (t != null) {
                cipherGiven = true;
                cipher = CIPHERS.get(t.toLowerCase(Locale.ROOT));
            }
        }
        Node key = m.get("key");
        String keyText = key.present() ? key.text() : null;
        Node checksum = m.get("checksum");
        WireProfile w = checksum.present() ? checksum.choice(CHECKSUMS) : null;
        Node stream = m.get("stream");
        Boolean streamMode = stream.present() ? stream.bool() : null;
        return new WireSettings(dsv == null ? data : dsv, psv == null ? parity : psv, cipherGiven, cipher, keyText,
                w, streamMode);
    }

    private static Integer given(Node n, int min, int max, String unit) {
        return n.present() ? n.intValue(min, max, unit) : null;
    }
}
