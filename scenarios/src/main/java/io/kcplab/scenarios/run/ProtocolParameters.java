package io.kcplab.scenarios.run;

import io.kcplab.protocol.ConnectionConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The protocol parameters a run records for its report's parameters table, in display order: engine, nodelay,
 * interval, resend, nc, sndwnd, rcvwnd, mtu, fec (data/parity shards or "off") and crypt. A parameter whose two
 * ends differ reads "client / server".
 */
public final class ProtocolParameters {

    private ProtocolParameters() {
    }

    public static Map<String, String> of(ConnectionConfig client, ConnectionConfig server) {
        Map<String, String> p = new LinkedHashMap<>();
        put(p, "engine", client, server, c -> c.engine().name().toLowerCase().replace('_', '-'));
        put(p, "nodelay", client, server, c -> Integer.toString(c.nodelay()));
        put(p, "interval", client, server, c -> c.interval() + " ms");
        put(p, "resend", client, server, c -> Integer.toString(c.resend()));
        put(p, "nc", client, server, c -> Integer.toString(c.nc()));
        put(p, "sndwnd", client, server, c -> Integer.toString(c.sndWnd()));
        put(p, "rcvwnd", client, server, c -> Integer.toString(c.rcvWnd()));
        put(p, "mtu", client, server, c -> Integer.toString(c.mtu()));
        put(p, "fec", client, server, c -> c.fecEnabled() ? c.dataShards() + "/" + c.parityShards() : "off");
        put(p, "crypt", client, server, c -> c.cipher() == null ? "off" : c.cipher());
        return p;
    }

    private static void put(Map<String, String> p, String name, ConnectionConfig client, ConnectionConfig server,
            Function<ConnectionConfig, String> value) {
        String c = value.apply(client);
        String s = value.apply(server);
        p.put(name, c.equals(s) ? c : c + " / " + s);
    }
}
