package io.kcplab.sim.trace;

import io.kcplab.protocol.ConnectionConfig;
import io.kcplab.sim.Experiment;
import io.kcplab.sim.RandomStreams;
import io.kcplab.sim.node.Workload;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
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
}
