package io.kcplab.sim.trace;

import io.kcplab.protocol.ConnectionConfig;
import io.kcplab.protocol.kcp.KcpProfile;
import io.kcplab.protocol.wire.WireProfile;
import io.kcplab.sim.Experiment;
import io.kcplab.sim.RandomStreams;
import io.kcplab.sim.node.Workload;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The experiment a fault script runs, everything but the network: the protocol settings at both ends, the
 * conversations (index, identity, workload), how long the run lasts, and each link's base delay (the fate of a
 * datagram the script does not mention). Links themselves are not settings here: in a replay the script's fates
 * replace them.
 */
public record FaultSettings(long seed, ConnectionConfig clientConfig, ConnectionConfig serverConfig,
        List<Conversation> conversations, long durationMicros, long sampleMicros, boolean stopWhenFinished,
        Map<String, Long> baseDelays) {

    /** One conversation: its index (which fixes its ports), its identity and its workload. */
    public record Conversation(int index, Experiment.Identity identity, WorkloadSpec workload) {

        public int clientPort() {
            return Experiment.clientPort(index);
        }

        public int serverPort() {
            return Experiment.serverPort(index);
        }

        /** True if a datagram between these ports belongs to this conversation. */
        public boolean owns(int srcPort, int dstPort) {
            return (srcPort == clientPort() && dstPort == serverPort())
                    || (srcPort == serverPort() && dstPort == clientPort());
        }

        @Override
        public String toString() {
            Experiment.Identity id = identity;
            return index + " conv=" + id.conv() + " seed=" + id.workloadSeed() + " server-nonce="
                    + id.serverNonceSeed() + " client-nonce=" + id.clientNonceSeed() + " : " + workload;
        }
    }

    public FaultSettings {
        if (clientConfig == null || serverConfig == null) {
            throw new IllegalArgumentException("fault settings need a client and a server config");
        }
        if (conversations == null || conversations.isEmpty()) {
            throw new IllegalArgumentException("fault settings need at least one conversation");
        }
        Set<Integer> seen = new HashSet<>();
        for (Conversation c : conversations) {
            if (c.index() < 0 || c.index() >= Experiment.MAX_CONVERSATIONS || !seen.add(c.index())) {
                throw new IllegalArgumentException("conversation index " + c.index()
                        + " is out of range [0, " + Experiment.MAX_CONVERSATIONS + ") or given twice");
            }
        }
        if (durationMicros < 1000) {
            throw new IllegalArgumentException("duration must be >= 1000 µs, got " + durationMicros);
        }
        if (sampleMicros < 1) {
            throw new IllegalArgumentException("sample interval must be >= 1 µs, got " + sampleMicros);
        }
        conversations = List.copyOf(conversations);
        baseDelays = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(baseDelays));
    }

    /**
     * Settings for a run of {@code workloads} (one spec per conversation index 0..n-1) whose identities are drawn
     * from {@code seed}, exactly as {@link Experiment} draws them; {@code upDelay}/{@code downDelay} are the
     * path's base latencies (client→server, server→client).
     */
    public static FaultSettings of(long seed, ConnectionConfig client, ConnectionConfig server,
            List<WorkloadSpec> workloads, long durationMicros, long sampleMicros, boolean stopWhenFinished,
            long upDelayMicros, long downDelayMicros) {
        RandomStreams streams = new RandomStreams(seed);
        List<Conversation> cs = new ArrayList<>();
        for (int i = 0; i < workloads.size(); i++) {
            cs.add(new Conversation(i, Experiment.Identity.drawn(streams, i), workloads.get(i)));
        }
        Map<String, Long> delays = new LinkedHashMap<>();
        delays.put(UP, upDelayMicros);
        delays.put(DOWN, downDelayMicros);
        return new FaultSettings(seed, client, server, cs, durationMicros, sampleMicros, stopWhenFinished, delays);
    }

    /** Link names of an {@link Experiment}'s path. */
    public static final String UP = "client->server";
    public static final String DOWN = "server->client";

    public long baseDelay(String link) {
        Long d = baseDelays.get(link);
        return d == null ? 0 : d;
    }

    public FaultSettings withDuration(long micros) {
        return new FaultSettings(seed, clientConfig, serverConfig, conversations, micros, sampleMicros,
                stopWhenFinished, baseDelays);
    }

    public FaultSettings withConversations(List<Conversation> cs) {
        return new FaultSettings(seed, clientConfig, serverConfig, cs, durationMicros, sampleMicros,
                stopWhenFinished, baseDelays);
    }

    public FaultSettings withConfigs(ConnectionConfig client, ConnectionConfig server) {
        return new FaultSettings(seed, client, server, conversations, durationMicros, sampleMicros,
                stopWhenFinished, baseDelays);
    }

    /** Every conversation's workload of another kind (same parameters): swap a broken application for a sound one. */
    public FaultSettings withWorkloadKind(String kind) {
        List<Conversation> cs = new ArrayList<>();
        for (Conversation c : conversations) {
            cs.add(new Conversation(c.index(), c.identity(), c.workload().withKind(kind)));
        }
        return withConversations(cs);
    }

    /**
     * An experiment with these settings: explicit identities, only the listed conversations. The caller adds the
     * network ({@code links}/{@code schedules} to record, {@code onPath} to attach a replay oracle).
     */
    public Experiment.Builder experiment(FaultWorkloads workloads) {
        int count = 0;
        Map<Integer, Conversation> byIndex = new LinkedHashMap<>();
        for (Conversation c : conversations) {
            byIndex.put(c.index(), c);
            count = Math.max(count, c.index() + 1);
        }
        return Experiment.builder(seed).configs(clientConfig, serverConfig)
                .conversations(count, (i, s) -> {
                    Conversation c = byIndex.get(i);
                    Workload w = workloads.create(c.workload(), s, "conversation " + i);
                    return w;
                })
                .identities(i -> byIndex.get(i).identity())
                .only(byIndex::containsKey)
                .duration(durationMicros).sampleInterval(sampleMicros).stopWhenFinished(stopWhenFinished);
    }

    // ------------------------------------------------------------------------------------------- config text

    /** {@code engine=kcp-go nodelay=1 interval=10 ...}: every field of a config, parseable by {@link #parseConfig}. */
    public static String formatConfig(ConnectionConfig c) {
        return "engine=" + c.engine().name().toLowerCase(Locale.ROOT).replace('_', '-') + " nodelay=" + c.nodelay()
                + " interval=" + c.interval() + " resend=" + c.resend() + " nc=" + c.nc() + " sndwnd=" + c.sndWnd()
                + " rcvwnd=" + c.rcvWnd() + " mtu=" + c.mtu() + " stream=" + c.streamMode() + " acknodelay="
                + c.ackNoDelay() + " minrto=" + c.minRto() + " fec=" + c.dataShards() + "/" + c.parityShards()
                + " crypt=" + (c.cipher() == null ? "off" : c.cipher()) + " checksum=" + c.checksum().label()
                + " key=" + URLEncoder.encode(c.key(), StandardCharsets.UTF_8);
    }

    static final List<String> CONFIG_KEYS = List.of("engine", "nodelay", "interval", "resend", "nc", "sndwnd",
            "rcvwnd", "mtu", "stream", "acknodelay", "minrto", "fec", "crypt", "checksum", "key");

    /** Parses {@link #formatConfig}'s text; every key is required, so a script never depends on defaults. */
    public static ConnectionConfig parseConfig(String text) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String w : text.trim().split("\\s+")) {
            int eq = w.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("config entries are key=value, got '" + w + "'");
            }
            String k = w.substring(0, eq);
            if (!CONFIG_KEYS.contains(k)) {
                throw new IllegalArgumentException("unknown config key '" + k + "'; accepted: " + CONFIG_KEYS);
            }
            m.put(k, w.substring(eq + 1));
        }
        for (String k : CONFIG_KEYS) {
            if (!m.containsKey(k)) {
                throw new IllegalArgumentException("config is missing '" + k + "' (a script names every setting)");
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
