package io.kcplab.scenarios.spec;

import io.kcplab.sim.Experiment;
import io.kcplab.sim.net.Delay;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads {@code workloads:}, a list of traffic entries (or a single one). */
public final class WorkloadReader {

    /** A bulk transfer that never runs out within any sensible duration. */
    public static final long UNLIMITED_BYTES = 1L << 50;
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");
    private static final Map<String, String> TYPES = new LinkedHashMap<>();

    static {
        TYPES.put("bulk", "bulk");
        TYPES.put("echo", "echo");
        TYPES.put("cbr", "cbr");
        TYPES.put("onoff", "onoff");
    }

    private WorkloadReader() {
    }

    public static List<WorkloadSpec> read(Node n, long durationMicros) {
        List<WorkloadSpec> out = new ArrayList<>();
        int total = 0;
        for (Node e : n.list()) {
            WorkloadSpec w = entry(e, durationMicros);
            if (w != null) {
                out.add(w);
                total += w.connections();
            }
        }
        if (n.present() && n.list().isEmpty()) {
            n.problem("needs at least one workload (type: bulk, echo, cbr or onoff)");
        }
        if (total > Experiment.MAX_CONVERSATIONS) {
            n.problem(total + " connections in all is out of range; accepted: 1.." + Experiment.MAX_CONVERSATIONS);
        }
        return out;
    }

    private static WorkloadSpec entry(Node e, long duration) {
        MapNode m = e.map("a workload map with a type (bulk, echo, cbr, onoff)");
        String type = m.require("type", "one of bulk, echo, cbr, onoff").present()
                ? m.get("type").choice(TYPES) : null;
        Node nameNode = m.get("name");
        String name = type;
        if (nameNode.present()) {
            String t = nameNode.text();
            if (t != null && !NAME.matcher(t).matches()) {
                nameNode.problem("'" + t + "' is not a valid name; use a letter followed by letters, digits, '_' "
                        + "or '-'");
            } else if (t != null) {
                name = t;
            }
        }
        Node c = m.get("connections");
        Integer connections = c.present() ? c.intValue(1, Experiment.MAX_CONVERSATIONS, "") : Integer.valueOf(1);
        long size = 0;
        Integer chunk = 0;
        Integer messages = 1;
        Long interval = 0L;
        Long stop = duration;
        Long rate = 0L;
        Long on = 0L;
        Long off = 0L;
        Boolean spread = false;
        Long start = start(m.get("start"), duration);
        Long count = Long.MAX_VALUE;
        if (type == null) {
            m.accept("size", "chunk", "request", "interval", "stop", "messages", "rate", "on", "off", "spread",
                    "count");
            m.finish();
            return null;
        }
        switch (type) {
            case "bulk" -> {
                Node s = m.get("size");
                if (s.present() && s.isText() && s.text().equalsIgnoreCase("unlimited")) {
                    size = UNLIMITED_BYTES;
                } else if (s.present()) {
                    Long v = s.bytes(1, UNLIMITED_BYTES);
                    size = v == null ? -1 : v;
                } else {
                    size = UNLIMITED_BYTES;
                }
                chunk = bytes(m.get("chunk"), 16 * 1024);
            }
            case "echo" -> {
                Integer req = bytes(m.get("request"), 200);
                size = req == null ? -1 : req;
                interval = duration(m.get("interval"), 50_000);
                stop = duration(m.get("stop"), duration);
                Node sp = m.get("spread");
                spread = sp.present() ? sp.bool() : Boolean.FALSE;
                count = count(m.get("count"), " requests");
            }
            case "cbr" -> {
                Node ms = m.get("messages");
                messages = ms.present() ? ms.intValue(1, 10_000, " messages per tick") : Integer.valueOf(1);
                Integer s = bytes(m.get("size"), 100);
                size = s == null ? -1 : s;
                interval = duration(m.get("interval"), 20_000);
                stop = duration(m.get("stop"), duration);
                count = count(m.get("count"), " messages");
            }
            default -> {
                rate = m.require("rate", Units.RATE_HINT).bitsPerSecond(10_000_000_000L);
                if (rate != null && rate == 0) {
                    m.get("rate").problem("an on/off source needs a finite rate; " + Units.RATE_HINT);
                    rate = null;
                }
                Node onNode = m.get("on");
                on = onNode.present() ? onNode.durationMicros(10_000, 3_600_000_000L) : Long.valueOf(1_000_000);
                off = duration(m.get("off"), 1_000_000);
                chunk = bytes(m.get("chunk"), 1_400);
                stop = duration(m.get("stop"), duration);
            }
        }
        m.finish();
        if (start != null && stop != null && !type.equals("bulk") && start >= stop) {
            m.get("start").problem(Units.formatMicros(start) + " is not before the source stops ("
                    + Units.formatMicros(stop) + "); nothing would be sent");
            start = null;
        }
        if (connections == null || size < 0 || chunk == null || messages == null || interval == null || stop == null
                || rate == null || on == null || off == null || spread == null || start == null || count == null) {
            return null;
        }
        return new WorkloadSpec(type, name, connections, size, chunk, messages, interval, stop, rate, on, off,
                spread, start, count);
    }

    /** {@code start}: when the workload begins, from 0 to before the end of the run. */
    private static Long start(Node n, long duration) {
        if (!n.present()) {
            return 0L;
        }
        if (n.isText() && n.text().trim().startsWith("-")) {
            n.problem("'" + n.text() + "' is negative; expected when the workload begins, 0 or "
                    + Units.DURATION_HINT);
            return null;
        }
        Long v = n.durationMicros(0, Delay.MAX_MICROS);
        if (v != null && v >= duration) {
            n.problem(Units.formatMicros(v) + " is not before the end of the run (duration "
                    + Units.formatMicros(duration) + "); the workload would never start");
            return null;
        }
        return v;
    }

    /** {@code count}: how many requests or messages in all, then the source stops (absent: no limit). */
    private static Long count(Node n, String unit) {
        if (!n.present()) {
            return Long.MAX_VALUE;
        }
        return n.integer(1, 1_000_000_000_000L, unit);
    }

    private static Integer bytes(Node n, int fallback) {
        if (!n.present()) {
            return fallback;
        }
        Long v = n.bytes(1, 16 << 20);
        return v == null ? null : v.intValue();
    }

    private static Long duration(Node n, long fallback) {
        if (!n.present()) {
            return fallback;
        }
        return n.durationMicros(n.path().endsWith("interval") ? 1_000 : 0, 3_600_000_000L);
    }
}
