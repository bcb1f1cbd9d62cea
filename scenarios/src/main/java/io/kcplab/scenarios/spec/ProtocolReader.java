package io.kcplab.scenarios.spec;

import io.kcplab.protocol.ConnectionConfig;
import io.kcplab.protocol.ModePreset;
import io.kcplab.protocol.crypto.Ciphers;
import io.kcplab.protocol.kcp.KcpProfile;
import io.kcplab.protocol.wire.WireProfile;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code protocol:} into a {@link ConnectionConfig} (both ends use it). Starts from ConnectionConfig's
 * kcptun defaults; {@code mode} sets nodelay/interval/resend/nc, and explicit ones override single values. The
 * final range checks are ConnectionConfig's own, whose field names are these keys.
 */
public final class ProtocolReader {

    private static final Map<String, KcpProfile> ENGINES = new LinkedHashMap<>();
    private static final Map<String, ModePreset> MODES = new LinkedHashMap<>();
    private static final Map<String, WireProfile> CHECKSUMS = new LinkedHashMap<>();
    private static final Map<String, String> CIPHERS = new LinkedHashMap<>();
    private static final Pattern FEC = Pattern.compile("\\s*(\\d+)\\s*/\\s*(\\d+)\\s*");

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

    public static ConnectionConfig read(Node n) {
        ConnectionConfig.Builder b = ConnectionConfig.builder();
        ConnectionConfig d = ConnectionConfig.defaults();
        if (!n.present()) {
            return b.build();
        }
        MapNode m = n.map("a map of protocol settings");
        Node engine = m.get("engine");
        if (engine.present()) {
            KcpProfile e = engine.choice(ENGINES);
            if (e != null) {
                b.engine(e);
            }
        }
        ModePreset preset = ModePreset.FAST;
        Node mode = m.get("mode");
        if (mode.present()) {
            ModePreset p = mode.choice(MODES);
            preset = p == null ? preset : p;
        }
        int nodelay = orDefault(m.get("nodelay"), 0, 2, "", preset.nodelay());
        int interval = orDefault(m.get("interval"), 10, 5000, " ms", preset.interval());
        int resend = orDefault(m.get("resend"), 0, 255, " (0 turns fast retransmit off)", preset.resend());
        int nc = orDefault(m.get("nc"), 0, 1, " (1 turns congestion control off)", preset.nc());
        b.noDelay(nodelay, interval, resend, nc);
        int snd = orDefault(m.get("sndwnd"), 1, 65535, " segments", d.sndWnd());
        int rcv = orDefault(m.get("rcvwnd"), 1, 65535, " segments", d.rcvWnd());
        b.windows(snd, rcv);
        b.mtu(orDefault(m.get("mtu"), 50, 1500, " bytes", d.mtu()));
        b.minRto(orDefault(m.get("minrto"), 0, 60000, " ms (0 = engine default)", 0));
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
        data = orDefault(ds, 0, 255, " shards (0 turns FEC off)", data);
        parity = orDefault(ps, 0, 255, " shards (0 turns FEC off)", parity);
        b.fec(data, parity);
        Node crypt = m.get("crypt");
        if (crypt.present()) {
            String t = crypt.text();
            if (t != null && !CIPHERS.containsKey(t.toLowerCase(java.util.Locale.ROOT))) {
                crypt.problem("unknown cipher '" + t + "'; accepted: " + String.join(", ", CIPHERS.keySet())
                        + " ('off' = no crypto layer at all)");
            } else if (t != null) {
                b.cipher(CIPHERS.get(t.toLowerCase(java.util.Locale.ROOT)));
            }
        }
        Node key = m.get("key");
        if (key.present()) {
            String t = key.text();
            if (t != null) {
                b.key(t);
            }
        }
        Node checksum = m.get("checksum");
        if (checksum.present()) {
            WireProfile w = checksum.choice(CHECKSUMS);
            if (w != null) {
                b.checksum(w);
            }
        }
        Node stream = m.get("stream");
        if (stream.present()) {
            Boolean v = stream.bool();
            if (v != null) {
                b.streamMode(v);
            }
        }
        Node ack = m.get("acknodelay");
        if (ack.present()) {
            Boolean v = ack.bool();
            if (v != null) {
                b.ackNoDelay(v);
            }
        }
        m.finish();
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            n.problems().add(n.path(), e.getMessage());
            return ConnectionConfig.defaults();
        }
    }

    private static int orDefault(Node n, int min, int max, String unit, int fallback) {
        if (!n.present()) {
            return fallback;
        }
        Integer v = n.intValue(min, max, unit);
        return v == null ? fallback : v;
    }
}
