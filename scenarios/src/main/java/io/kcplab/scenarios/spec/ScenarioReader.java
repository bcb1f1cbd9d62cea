package io.kcplab.scenarios.spec;

import io.kcplab.scenarios.Scenario;
import io.kcplab.sim.net.Delay;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Maps one concrete scenario tree (no sweep lists left) onto a {@link Scenario}, collecting every problem. */
public final class ScenarioReader {

    public static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]*");
    public static final long DEFAULT_DURATION = 10_000_000;
    public static final long DEFAULT_SAMPLE = 100_000;
    static final long MAX_DURATION = 3_600_000_000L;

    private ScenarioReader() {
    }

    /** Top-level keys read by the sweep planner rather than here. */
    static final String[] PLAN_KEYS = {"seeds", "repetitions", "sweep"};

    public static Scenario read(Object tree, String defaultName, Problems problems) {
        Node root = new Node("", tree, problems);
        MapNode m = root.map("a scenario map (keys: name, duration, links, protocol, workloads, seeds, ...)");
        m.accept(PLAN_KEYS);
        String name = defaultName;
        Node nameNode = m.get("name");
        if (nameNode.present()) {
            String t = nameNode.text();
            if (t != null && !NAME.matcher(t).matches()) {
                nameNode.problem("'" + t + "' is not a valid scenario name; use a letter followed by letters, "
                        + "digits, '_', '.' or '-'");
            } else if (t != null) {
                name = t;
            }
        }
        Node descNode = m.get("description");
        String description = descNode.present() ? descNode.text() : "";
        Node durNode = m.get("duration");
        Long duration = durNode.present() ? durNode.durationMicros(1_000, MAX_DURATION) : Long.valueOf(DEFAULT_DURATION);
        Node sampleNode = m.get("sample_interval");
        Long sample = sampleNode.present() ? sampleNode.durationMicros(1_000, MAX_DURATION)
                : Long.valueOf(DEFAULT_SAMPLE);
        Node stopNode = m.get("stop_when_finished");
        Boolean stop = stopNode.present() ? stopNode.bool() : Boolean.FALSE;
        long d = duration == null ? DEFAULT_DURATION : duration;

        Node linksNode = m.require("links", "a map with 'up' and 'down' link profiles, or 'both'");
        LinkSpec up = LinkSpec.PERFECT;
        LinkSpec down = LinkSpec.PERFECT;
        List<long[]> partitions = new ArrayList<>();
        if (linksNode.present()) {
            MapNode links = linksNode.map("a map with 'up' and 'down' link profiles, or 'both'");
            Node both = links.get("both");
            Node upNode = links.get("up");
            Node downNode = links.get("down");
            if (both.present()) {
                if (upNode.present() || downNode.present()) {
                    both.problem("give either 'both' or 'up'/'down', not both");
                }
                up = LinkReader.read(both, LinkSpec.PERFECT, true);
                down = up;
            } else {
                if (!upNode.present() || !downNode.present()) {
                    linksNode.problem("needs 'up' and 'down' link profiles (or 'both' for a symmetric path)");
                }
                if (upNode.present()) {
                    up = LinkReader.read(upNode, LinkSpec.PERFECT, true);
                }
                if (downNode.present()) {
                    down = LinkReader.read(downNode, LinkSpec.PERFECT, true);
                }
            }
            Node parts = links.get("partitions");
            for (Node p : parts.list()) {
                MapNode pm = p.map("a map with 'at' and 'duration'");
                Long at = pm.require("at", Units.DURATION_HINT).durationMicros(0, Delay.MAX_MICROS);
                Long len = pm.require("duration", Units.DURATION_HINT).durationMicros(1, Delay.MAX_MICROS);
                pm.finish();
                if (at != null && len != null) {
                    partitions.add(new long[] {at, at + len});
                }
            }
            links.finish();
        }
        ProtocolReader.Ends protocol = ProtocolReader.read(m.get("protocol"));
        Node wl = m.require("workloads", "a list of workloads (type: bulk, echo, cbr or onoff)");
        List<WorkloadSpec> workloads = WorkloadReader.read(wl, d);
        m.finish();
        if (sample != null && duration != null && sample > duration) {
            sampleNode.problem(Units.formatMicros(sample) + " is longer than the duration ("
                    + Units.formatMicros(duration) + ")");
        }
        return new Scenario(name, description == null ? "" : description, up, down, partitions, protocol.client(),
                protocol.server(), workloads, d, sample == null ? DEFAULT_SAMPLE : sample, stop != null && stop);
    }
}
