package io.kcplab.sim.trace;

import io.kcplab.protocol.ConfigText;
import io.kcplab.protocol.ConnectionConfig;
import io.kcplab.sim.Experiment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A failing run written down as explicit fates, so that it replays without any random source: a seed alone stops
 * reproducing once a generator changes, a fault script does not. {@link FateRecorder} writes one from a run,
 * {@link FaultReplay} replays it, {@link Shrinker} makes it small.
 *
 * <h2>File format (UTF-8, one item per line; {@code #} starts a comment line; blank lines are ignored)</h2>
 * <pre>
 * kcplab-fault-script 1
 * # why it fails, which test made it, the link profiles of the recorded run ...
 * seed 42                                   (informational: the recorded run's seed; replay draws nothing)
 * duration 2000000                          (µs of simulated time)
 * sample 100000                             (µs between metric samples)
 * stop-when-finished true                   (end as soon as every workload is finished)
 * config client engine=kcp-go nodelay=1 interval=10 resend=2 nc=1 sndwnd=128 rcvwnd=128 mtu=1350 stream=true
 *        acknodelay=false minrto=0 fec=0/0 crypt=off checksum=kcp-go key=it%27s+a+secrect writedelay=engine
 *                                           (one line: {@link ConfigText}'s form; every key but writedelay required)
 * config server ...                         (same keys)
 * conversation 0 conv=-4711 seed=123 server-nonce=456 client-nonce=789 : bulk bytes=20000 chunk=16384
 * link client->server delay 25000           (base delay in µs: the fate of every datagram not listed below)
 * link server->client delay 25000
 * client->server 20000>10000 17 drop loss
 * client->server 20000>10000 18 deliver 25000 corrupt 40^0x10
 * server->client 10000>20000 3 deliver 25000 + deliver 25400 order 1
 * end
 * </pre>
 * A body line is {@code LINK SRC_PORT>DST_PORT INDEX FATE}: the fate ({@link Fate}'s text form) of the
 * {@code INDEX}-th datagram (0-based) that flow {@code SRC_PORT>DST_PORT} sent on {@code LINK}. A conversation's
 * ports follow from its index ({@link Experiment#clientPort}, {@link Experiment#serverPort}). A datagram without
 * a line, including every datagram past the script's end, is delivered after its link's base delay. The
 * {@code end} line guards against a truncated file. Workload kinds are resolved by {@link FaultWorkloads}.
 */
public final class FaultScript {

    public static final String MAGIC = "kcplab-fault-script";
    public static final int VERSION = 1;

    private final FaultSettings settings;
    private final List<FaultEntry> entries;
    private final List<String> notes;

    public FaultScript(FaultSettings settings, List<FaultEntry> entries, List<String> notes) {
        if (settings == null) {
            throw new IllegalArgumentException("a fault script needs settings");
        }
        this.settings = settings;
        List<FaultEntry> sorted = new ArrayList<>(entries);
        sorted.sort(ORDER);
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).key().equals(sorted.get(i - 1).key())) {
                throw new IllegalArgumentException("datagram '" + sorted.get(i).key() + "' has two fates");
            }
        }
        this.entries = List.copyOf(sorted);
        this.notes = List.copyOf(notes);
    }

    private static final Comparator<FaultEntry> ORDER = Comparator.comparing(FaultEntry::link)
            .thenComparingInt(FaultEntry::srcPort).thenComparingInt(FaultEntry::dstPort)
            .thenComparingLong(FaultEntry::index);

    public FaultSettings settings() {
        return settings;
    }

    public List<FaultEntry> entries() {
        return entries;
    }

    public List<String> notes() {
        return notes;
    }

    /** Entries that drop, damage or duplicate a datagram (the rest only delay one). */
    public long faults() {
        return entries.stream().filter(e -> e.fate().isFault()).count();
    }

    public FaultScript withEntries(List<FaultEntry> es) {
        return new FaultScript(settings, es, notes);
    }

    public FaultScript withSettings(FaultSettings s) {
        return new FaultScript(s, entries, notes);
    }

    public FaultScript withNotes(List<String> n) {
        return new FaultScript(settings, entries, n);
    }

    /** Keeps only these conversations, and only the entries of their flows. */
    public FaultScript withConversations(List<FaultSettings.Conversation> kept) {
        List<FaultEntry> es = new ArrayList<>();
        for (FaultEntry e : entries) {
            for (FaultSettings.Conversation c : kept) {
                if (c.owns(e.srcPort(), e.dstPort())) {
                    es.add(e);
                    break;
                }
            }
        }
        return new FaultScript(settings.withConversations(kept), es, notes);
    }

    /** Lookup table for replay: key → fate. */
    Map<String, Fate> fatesByKey() {
        Map<String, Fate> m = new HashMap<>(entries.size() * 2);
        for (FaultEntry e : entries) {
            m.put(e.key(), e.fate());
        }
        return m;
    }

    // --------------------------------------------------------------------------------------------- writing

    public String toText() {
        StringBuilder b = new StringBuilder();
        b.append(MAGIC).append(' ').append(VERSION).append('\n');
        for (String n : notes) {
            for (String line : n.split("\n", -1)) {
                b.append("# ").append(line).append('\n');
            }
        }
        FaultSettings s = settings;
        b.append("seed ").append(s.seed()).append('\n');
        b.append("duration ").append(s.durationMicros()).append('\n');
        b.append("sample ").append(s.sampleMicros()).append('\n');
        b.append("stop-when-finished ").append(s.stopWhenFinished()).append('\n');
        b.append("config client ").append(ConfigText.format(s.clientConfig())).append('\n');
        b.append("config server ").append(ConfigText.format(s.serverConfig())).append('\n');
        for (FaultSettings.Conversation c : s.conversations()) {
            b.append("conversation ").append(c).append('\n');
        }
        s.baseDelays().forEach((link, d) -> b.append("link ").append(link).append(" delay ").append(d).append('\n'));
        for (FaultEntry e : entries) {
            b.append(e).append('\n');
        }
        b.append("end\n");
        return b.toString();
    }

    @Override
    public String toString() {
        return toText();
    }

    public void write(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Files.writeString(file, toText(), StandardCharsets.UTF_8);
    }

    // --------------------------------------------------------------------------------------------- parsing

    public static FaultScript read(Path file) throws IOException {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses the text form (see the class comment).
     *
     * @throws IllegalArgumentException "line N: ..." naming what is wrong and what is accepted
     */
    public static FaultScript parse(String text) {
        String[] lines = text.split("\r?\n", -1);
        int n = 0;
        List<String> notes = new ArrayList<>();
        Long seed = null;
        Long duration = null;
        Long sample = null;
        Boolean stop = null;
        ConnectionConfig client = null;
        ConnectionConfig server = null;
        List<FaultSettings.Conversation> conversations = new ArrayList<>();
        Map<String, Long> delays = new LinkedHashMap<>();
        List<FaultEntry> entries = new ArrayList<>();
        boolean header = false;
        boolean ended = false;
        for (String raw : lines) {
            n++;
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                notes.add(line.substring(1).strip());
                continue;
            }
            try {
                if (ended) {
                    throw new IllegalArgumentException("text after 'end'");
                }
                String[] w = line.split("\\s+", 3);
                if (!header) {
                    if (!w[0].equals(MAGIC) || w.length != 2) {
                        throw new IllegalArgumentException("a fault script starts with '" + MAGIC + " " + VERSION
                                + "', got '" + line + "'");
                    }
                    if (!w[1].equals(String.valueOf(VERSION))) {
                        throw new IllegalArgumentException("unsupported fault script version '" + w[1]
                                + "'; this build reads version " + VERSION);
                    }
                    header = true;
                    continue;
                }
                if (w[0].contains("->")) {
                    entries.add(parseEntry(line));
                    continue;
                }
                switch (w[0]) {
                    case "seed" -> seed = number("seed", one(w, line), true);
                    case "duration" -> duration = number("duration", one(w, line), false);
                    case "sample" -> sample = number("sample", one(w, line), false);
                    case "stop-when-finished" -> {
                        String v = one(w, line);
                        if (!v.equals("true") && !v.equals("false")) {
                            throw new IllegalArgumentException("stop-when-finished must be true or false, got '"
                                    + v + "'");
                        }
                        stop = Boolean.parseBoolean(v);
                    }
                    case "config" -> {
                        if (w.length != 3 || !(w[1].equals("client") || w[1].equals("server"))) {
                            throw new IllegalArgumentException("expected 'config client|server KEY=VALUE ...'");
                        }
                        if (w[1].equals("client")) {
                            client = ConfigText.parse(w[2]);
                        } else {
                            server = ConfigText.parse(w[2]);
                        }
                    }
                    case "conversation" -> conversations.add(parseConversation(line));
                    case "link" -> {
                        String[] lw = line.split("\\s+");
                        if (lw.length != 4 || !lw[1].contains("->") || !lw[2].equals("delay")) {
                            throw new IllegalArgumentException("expected 'link A->B delay MICROS', got '" + line + "'");
                        }
                        delays.put(lw[1], number("link delay", lw[3], false));
                    }
                    case "end" -> ended = true;
                    default -> throw new IllegalArgumentException("unknown line '" + w[0] + "'; expected one of "
                            + "seed, duration, sample, stop-when-finished, config, conversation, link, end, or "
                            + "'LINK SRC>DST INDEX FATE'");
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + n + ": " + e.getMessage(), e);
            }
        }
        if (!header) {
            throw new IllegalArgumentException("empty fault script: the first line must be '" + MAGIC + " "
                    + VERSION + "'");
        }
        if (!ended) {
            throw new IllegalArgumentException("the script has no 'end' line (truncated file?)");
        }
        require(duration, "duration");
        require(client, "config client");
        require(server, "config server");
        if (conversations.isEmpty()) {
            throw new IllegalArgumentException("the script has no 'conversation' line");
        }
        FaultSettings s = new FaultSettings(seed == null ? 0 : seed, client, server, conversations, duration,
                sample == null ? 100_000 : sample, stop != null && stop, delays);
        for (FaultEntry e : entries) {
            if (!delays.containsKey(e.link())) {
                throw new IllegalArgumentException("entry '" + e.key() + "' names link '" + e.link()
                        + "', which has no 'link " + e.link() + " delay MICROS' line");
            }
        }
        return new FaultScript(s, entries, notes);
    }

    private static void require(Object v, String what) {
        if (v == null) {
            throw new IllegalArgumentException("the script has no '" + what + "' line");
        }
    }

    private static String one(String[] w, String line) {
        if (w.length != 2) {
            throw new IllegalArgumentException("'" + w[0] + "' takes exactly one value, got '" + line + "'");
        }
        return w[1];
    }

    private static long number(String what, String v, boolean signed) {
        try {
            long x = Long.parseLong(v);
            if (!signed && x < 0) {
                throw new NumberFormatException();
            }
            return x;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a" + (signed ? "n" : " non-negative")
                    + " integer, got '" + v + "'");
        }
    }

    static FaultEntry parseEntry(String line) {
        String[] w = line.split("\\s+", 4);
        if (w.length != 4) {
            throw new IllegalArgumentException("expected 'LINK SRC_PORT>DST_PORT INDEX FATE', got '" + line + "'");
        }
        String[] ports = w[1].split(">", -1);
        if (ports.length != 2) {
            throw new IllegalArgumentException("flow must be SRC_PORT>DST_PORT (e.g. 20000>10000), got '" + w[1]
                    + "'");
        }
        int src = (int) number("source port", ports[0], false);
        int dst = (int) number("destination port", ports[1], false);
        long index = number("datagram index", w[2], false);
        return new FaultEntry(w[0], src, dst, index, Fate.parse(w[3]));
    }

    static FaultSettings.Conversation parseConversation(String line) {
        int colon = line.indexOf(" : ");
        if (colon < 0) {
            throw new IllegalArgumentException("expected 'conversation INDEX conv=N seed=N server-nonce=N "
                    + "client-nonce=N : WORKLOAD', got '" + line + "'");
        }
        String[] w = line.substring(0, colon).trim().split("\\s+");
        if (w.length != 6) {
            throw new IllegalArgumentException("a conversation line names index, conv, seed, server-nonce and "
                    + "client-nonce before ' : ', got '" + line.substring(0, colon) + "'");
        }
        int index = (int) number("conversation index", w[1], false);
        Map<String, Long> kv = new HashMap<>();
        for (int i = 2; i < 6; i++) {
            int eq = w[i].indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected key=value, got '" + w[i] + "'");
            }
            kv.put(w[i].substring(0, eq), number(w[i].substring(0, eq), w[i].substring(eq + 1), true));
        }
        for (String k : List.of("conv", "seed", "server-nonce", "client-nonce")) {
            if (!kv.containsKey(k)) {
                throw new IllegalArgumentException("conversation line is missing '" + k + "='");
            }
        }
        long conv = kv.get("conv");
        if (conv < Integer.MIN_VALUE || conv > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("conv must be a 32-bit integer, got " + conv);
        }
        Experiment.Identity id = new Experiment.Identity((int) conv, kv.get("seed"), kv.get("server-nonce"),
                kv.get("client-nonce"));
        return new FaultSettings.Conversation(index, id, WorkloadSpec.parse(line.substring(colon + 3)));
    }
}
