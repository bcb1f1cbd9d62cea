package io.kcplab.protocol;

import io.kcplab.protocol.kcp.KcpProfile;
import io.kcplab.protocol.wire.WireProfile;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one text form of a {@link ConnectionConfig}: {@code engine=kcp-go nodelay=1 interval=10 ... writedelay=engine},
 * every setting as {@code key=value}, separated by spaces. Fault scripts store configs in it and the reports name
 * settings by its keys and values, so a setting reads the same everywhere.
 *
 * <p>{@link #parse} requires every key, so a stored config never depends on today's defaults; the one exception is
 * {@code writedelay}, which texts written before it was kept leave out (they ran with the engine's rule).
 */
public final class ConfigText {

    /** The keys, in the order {@link #format} writes them. */
    public static final List<String> KEYS = List.of("engine", "nodelay", "interval", "resend", "nc", "sndwnd",
            "rcvwnd", "mtu", "stream", "acknodelay", "minrto", "fec", "crypt", "checksum", "key", "writedelay");

    /** {@code writedelay}'s value when the write delay follows the engine profile (the default). */
    private static final String PER_ENGINE = "engine";

    private ConfigText() {
    }

    /** Every setting of {@code c}, parseable by {@link #parse}. */
    public static String format(ConnectionConfig c) {
        StringBuilder b = new StringBuilder();
        for (String k : KEYS) {
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(k).append('=').append(value(c, k));
        }
        return b.toString();
    }

    /** One setting's value text ({@code value(c, "fec")} is {@code "10/3"}); {@code key} is one of {@link #KEYS}. */
    public static String value(ConnectionConfig c, String key) {
        return switch (key) {
            case "engine" -> engine(c.engine());
            case "nodelay" -> Integer.toString(c.nodelay());
            case "interval" -> Integer.toString(c.interval());
            case "resend" -> Integer.toString(c.resend());
            case "nc" -> Integer.toString(c.nc());
            case "sndwnd" -> Integer.toString(c.sndWnd());
            case "rcvwnd" -> Integer.toString(c.rcvWnd());
            case "mtu" -> Integer.toString(c.mtu());
            case "stream" -> Boolean.toString(c.streamMode());
            case "acknodelay" -> Boolean.toString(c.ackNoDelay());
            case "minrto" -> Integer.toString(c.minRto());
            case "fec" -> c.dataShards() + "/" + c.parityShards();
            case "crypt" -> c.cipher() == null ? "off" : c.cipher();
            case "checksum" -> c.checksum().label();
            case "key" -> URLEncoder.encode(c.key(), StandardCharsets.UTF_8);
            case "writedelay" -> c.writeDelaySetting() == null ? PER_ENGINE : c.writeDelaySetting().toString();
            default -> throw new IllegalArgumentException("unknown config key '" + key + "'; accepted: " + KEYS);
        };
    }

    /** {@code kcp-go} or {@code ikcp}. */
    public static String engine(KcpProfile engine) {
        return engine.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Parses {@link #format}'s text.
     *
     * @throws IllegalArgumentException naming the key that is unknown, missing or out of range
     */
    public static ConnectionConfig parse(String text) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String w : text.trim().split("\\s+")) {
            int eq = w.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("config entries are key=value, got '" + w + "'");
            }
            String k = w.substring(0, eq);
            if (!KEYS.contains(k)) {
                throw new IllegalArgumentException("unknown config key '" + k + "'; accepted: " + KEYS);
            }
            m.put(k, w.substring(eq + 1));
        }
        m.putIfAbsent("writedelay", PER_ENGINE);
        for (String k : KEYS) {
            if (!m.containsKey(k)) {
                throw new IllegalArgumentException("config is missing '" + k + "' (a stored config names every "
                        + "setting)");
            }
        }
        ConnectionConfig.Builder b = ConnectionConfig.builder();
        b.engine(switch (m.get("engine")) {
            case "kcp-go" -> KcpProfile.KCP_GO;
            case "ikcp" -> KcpProfile.IKCP;
            default -> throw new IllegalArgumentException("config engine must be kcp-go or ikcp, got '"
                    + m.get("engine") + "'");
        });
        b.noDelay(integer(m, "nodelay"), integer(m, "interval"), integer(m, "resend"), integer(m, "nc"));
        b.windows(integer(m, "sndwnd"), integer(m, "rcvwnd"));
        b.mtu(integer(m, "mtu"));
        b.streamMode(bool(m, "stream"));
        b.ackNoDelay(bool(m, "acknodelay"));
        b.minRto(integer(m, "minrto"));
        String[] fec = m.get("fec").split("/", -1);
        if (fec.length != 2) {
            throw new IllegalArgumentException("config fec must be DATA/PARITY (e.g. 10/3 or 0/0), got '"
                    + m.get("fec") + "'");
        }
        b.fec(integer("fec data shards", fec[0]), integer("fec parity shards", fec[1]));
        b.cipher("off".equals(m.get("crypt")) ? null : m.get("crypt"));
        b.checksum(switch (m.get("checksum")) {
            case "kcp-go" -> WireProfile.KCP_GO;
            case "highway" -> WireProfile.HIGHWAY;
            default -> throw new IllegalArgumentException("config checksum must be kcp-go or highway, got '"
                    + m.get("checksum") + "'");
        });
        b.key(URLDecoder.decode(m.get("key"), StandardCharsets.UTF_8));
        if (PER_ENGINE.equals(m.get("writedelay"))) {
            b.writeDelayPerEngine();
        } else {
            b.writeDelay(bool(m, "writedelay"));
        }
        return b.build();
    }

    private static int integer(Map<String, String> m, String key) {
        return integer("config " + key, m.get(key));
    }

    private static int integer(String what, String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be an integer, got '" + v + "'");
        }
    }

    private static boolean bool(Map<String, String> m, String key) {
        String v = m.get(key);
        if (!"true".equals(v) && !"false".equals(v)) {
            throw new IllegalArgumentException("config " + key + " must be true or false, got '" + v + "'");
        }
        return Boolean.parseBoolean(v);
    }
}
