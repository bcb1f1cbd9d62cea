package io.kcplab.scenarios.run;

import io.kcplab.protocol.ConfigText;
import io.kcplab.protocol.ConnectionConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The protocol parameters a run records for its report's parameters table, in display order: engine, nodelay,
 * interval, resend, nc, sndwnd, rcvwnd, mtu, fec (data/parity shards or "off") and crypt. A parameter whose two
 * ends differ reads "client / server". Keys and values are {@link ConfigText}'s, the form fault scripts store;
 * only the unit (interval in ms) and "off" for no FEC are added for the reader.
 */
public final class ProtocolParameters {

    private ProtocolParameters() {
    }

    public static Map<String, String> of(ConnectionConfig client, ConnectionConfig server) {
        Map<String, String> p = new LinkedHashMap<>();
        for (String key : List.of("engine", "nodelay")) {
            put(p, key, client, server, c -> ConfigText.value(c, key));
        }
        put(p, "interval", client, server, c -> ConfigText.value(c, "interval") + " ms");
        for (String key : List.of("resend", "nc", "sndwnd", "rcvwnd", "mtu")) {
            put(p, key, client, server, c -> ConfigText.value(c, key));
        }
        put(p, "fec", client, server, c -> c.fecEnabled() ? ConfigText.value(c, "fec") : "off");
        put(p, "crypt", client, server, c -> ConfigText.value(c, "crypt"));
        return p;
    }

    private static void put(Map<String, String> p, String name, ConnectionConfig client, ConnectionConfig server,
            Function<ConnectionConfig, String> value) {
        String c = value.apply(client);
        String s = value.apply(server);
        p.put(name, c.equals(s) ? c : c + " / " + s);
    }
}
