package io.kcplab.scenarios.spec;

import io.kcplab.scenarios.library.LinkLibrary;
import io.kcplab.sim.net.Chance;
import io.kcplab.sim.net.Delay;
import io.kcplab.sim.net.DelayDistribution;
import io.kcplab.sim.net.LinkProfile;
import io.kcplab.sim.net.LossModel;
import io.kcplab.sim.net.Rate;
import io.kcplab.sim.net.Reorder;
import io.kcplab.sim.net.Slot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one link direction: a library profile name, or a map of netem-style impairments optionally based on a
 * library profile ({@code profile: lte}). Keys a map leaves out keep the base profile's values; inside
 * {@code delay} and {@code rate} maps, the sub-keys left out keep the base's too.
 */
public final class LinkReader {

    static final String EXPECTED = "a link profile name (" + String.join(", ", LinkLibrary.names())
            + ") or a map of link settings";
    private static final Map<String, DelayDistribution> DISTRIBUTIONS = new LinkedHashMap<>();
    private static final Map<String, String> LOSS_MODELS = new LinkedHashMap<>();

    static {
        DISTRIBUTIONS.put("uniform", DelayDistribution.UNIFORM);
        DISTRIBUTIONS.put("normal", DelayDistribution.NORMAL);
        DISTRIBUTIONS.put("pareto", DelayDistribution.PARETO);
        DISTRIBUTIONS.put("paretonormal", DelayDistribution.PARETO_NORMAL);
        LOSS_MODELS.put("random", "random");
        LOSS_MODELS.put("gilbert-elliott", "gilbert-elliott");
        LOSS_MODELS.put("markov4", "markov4");
    }

    private LinkReader() {
    }

    /** A direction; {@code allowSchedule} is false inside a schedule's {@code to}. */
    public static LinkSpec read(Node n, LinkSpec base, boolean allowSchedule) {
        if (n.isText()) {
            LinkSpec lib = library(n);
            return lib == null ? base : lib;
        }
        MapNode m = n.map(EXPECTED);
        LinkSpec start = base;
        Node profileName = m.get("profile");
        if (profileName.present()) {
            LinkSpec lib = library(profileName);
            if (lib != null) {
                start = lib;
            }
        }
        Node note = m.get("note"); // free text: where the numbers come from
        if (note.present()) {
            note.text();
        }
        LinkProfile p = start.profile();
        LinkProfile.Builder b = p.toBuilder();
        Node rate = m.get("rate");
        if (rate.present()) {
            Rate r = rate(rate, p.rate());
            if (r != null) {
                b.rate(r);
            }
        }
        Node limit = m.get("limit");
        if (limit.present()) {
            Integer v = limit.intValue(1, 10_000_000, " packets");
            if (v != null) {
                b.limitPackets(v);
            }
        }
        Node limitBytes = m.get("limit_bytes");
        if (limitBytes.present()) {
            Long v = limitBytes.bytes(1, Long.MAX_VALUE / 4);
            if (v != null) {
                b.limitBytes(v);
            }
        }
        Node delay = m.get("delay");
        if (delay.present()) {
            Delay d = delay(delay, p.delay());
            if (d != null) {
                b.delay(d);
            }
        }
        Node loss = m.get("loss");
        if (loss.present()) {
            LossModel l = loss(loss);
            if (l != null) {
                b.loss(l);
            }
        }
        chance(m.get("corrupt"), b::corrupt);
        chance(m.get("duplicate"), b::duplicate);
        chance(m.get("truncate"), b::truncate);
        Node reorder = m.get("reorder");
        Reorder effectiveReorder = p.reorder();
        if (reorder.present()) {
            Reorder r = reorder(reorder);
            if (r != null) {
                b.reorder(r);
                effectiveReorder = r;
            }
        }
        Node slot = m.get("slot");
        if (slot.present()) {
            Slot s = slot(slot);
            if (s != null) {
                b.slot(s);
            }
        }
        Node inOrder = m.get("in_order");
        if (inOrder.present()) {
            Boolean v = inOrder.bool();
            if (v != null) {
                b.inOrder(v);
                if (v && effectiveReorder.enabled()) {
                    inOrder.problem("true contradicts this link's reorder (" + (reorder.present() ? "given here"
                            : "from its profile") + "): an in-order link never lets a datagram overtake another; "
                            + "drop one of them, or set reorder: 0");
                    b.inOrder(false); // reported once, not again by the profile's own check
                }
            }
        }
        Node mtu = m.get("mtu");
        if (mtu.present()) {
            Integer v = mtu.intValue(LinkProfile.IP_UDP_OVERHEAD, LinkProfile.MAX_MTU,
                    " bytes (an IPv4 packet: UDP payload + 28 header bytes)");
            if (v != null) {
                b.mtu(v);
            }
        }
        LinkProfile profile = build(n, b, p);
        List<LinkSpec.Change> changes = new ArrayList<>(start.changes());
        Node schedule = m.get("schedule");
        if (schedule.present()) {
            if (!allowSchedule) {
                schedule.problem("a schedule cannot be nested inside a schedule's 'to'");
            } else {
                LinkSpec own = new LinkSpec(profile, List.of());
                for (Node entry : schedule.list()) {
                    LinkSpec.Change c = change(entry, own);
                    if (c != null) {
                        changes.add(c);
                    }
                }
            }
        }
        m.finish();
        return new LinkSpec(profile, changes);
    }

    private static LinkSpec library(Node n) {
        String name = n.text();
        if (name == null) {
            return null;
        }
        LinkSpec lib = LinkLibrary.spec(name);
        if (lib == null) {
            n.problem("unknown link profile '" + name + "'; accepted: " + String.join(", ", LinkLibrary.names()));
        }
        return lib;
    }

    private static LinkProfile build(Node n, LinkProfile.Builder b, LinkProfile fallback) {
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            n.problem(e.getMessage());
            return fallback;
        }
    }

    private static Rate rate(Node n, Rate base) {
        if (!n.isMap()) {
            Long bps = n.bitsPerSecond(Rate.MAX_BITS_PER_SECOND);
            return bps == null ? null : new Rate(bps, base.packetOverhead(), base.cellSize(), base.cellOverhead());
        }
        MapNode m = n.map("a rate or a map");
        long bps = base.bitsPerSecond();
        int overhead = base.packetOverhead();
        int cell = base.cellSize();
        int cellOverhead = base.cellOverhead();
        Node speed = m.get("speed");
        if (speed.present()) {
            Long v = speed.bitsPerSecond(Rate.MAX_BITS_PER_SECOND);
            bps = v == null ? bps : v;
        }
        Node po = m.get("packet_overhead");
        if (po.present()) {
            Integer v = po.intValue(-1500, 65_535, " bytes");
            overhead = v == null ? overhead : v;
        }
        Node cs = m.get("cell_size");
        if (cs.present()) {
            Integer v = cs.intValue(0, 65_535, " bytes (0 = no cells)");
            cell = v == null ? cell : v;
        }
        Node co = m.get("cell_overhead");
        if (co.present()) {
            Integer v = co.intValue(-1500, 65_535, " bytes");
            cellOverhead = v == null ? cellOverhead : v;
        }
        m.finish();
        return new Rate(bps, overhead, cell, cellOverhead);
    }

    private static Delay delay(Node n, Delay base) {
        if (!n.isMap()) {
            Long v = n.durationMicros(0, Delay.MAX_MICROS);
            return v == null ? null : new Delay(v, base.jitterMicros(), base.correlation(), base.distribution());
        }
        MapNode m = n.map("a duration or a map");
        if (m.has("min") || m.has("max")) {
            return range(n, m, base);
        }
        m.accept("min", "max");
        long latency = base.latencyMicros();
        long jitter = base.jitterMicros();
        double correlation = base.correlation();
        DelayDistribution dist = base.distribution();
        Node l = m.get("latency");
        if (l.present()) {
            Long v = l.durationMicros(0, Delay.MAX_MICROS);
            latency = v == null ? latency : v;
        }
        Node j = m.get("jitter");
        if (j.present()) {
            Long v = j.durationMicros(0, Delay.MAX_MICROS);
            jitter = v == null ? jitter : v;
        }
        Node c = m.get("correlation");
        if (c.present()) {
            Double v = c.probability();
            correlation = v == null ? correlation : v;
        }
        Node d = m.get("distribution");
        if (d.present()) {
            DelayDistribution v = d.choice(DISTRIBUTIONS);
            dist = v == null ? dist : v;
        }
        m.finish();
        return new Delay(latency, jitter, correlation, dist);
    }

    /**
     * {@code {min, max[, correlation]}}: a delay drawn uniformly from [min, max], i.e. latency (min + max) / 2 with
     * jitter (max - min) / 2; the base's correlation carries on unless given.
     */
    private static Delay range(Node n, MapNode m, Delay base) {
        Node minNode = m.require("min", Units.DURATION_HINT);
        Node maxNode = m.require("max", Units.DURATION_HINT);
        Long min = minNode.present() ? minNode.durationMicros(0, Delay.MAX_MICROS) : null;
        Long max = maxNode.present() ? maxNode.durationMicros(0, Delay.MAX_MICROS) : null;
        Node c = m.get("correlation");
        Double correlation = c.present() ? c.probability() : Double.valueOf(base.correlation());
        for (String key : new String[] {"latency", "jitter", "distribution"}) {
            Node other = m.get(key);
            if (other.present()) {
                other.problem("give either min/max (a uniform range) or latency/jitter/distribution, not both");
            }
        }
        m.finish();
        if (min == null || max == null || correlation == null) {
            return null;
        }
        if (min > max) {
            n.problem("min " + Units.formatMicros(min) + " is greater than max " + Units.formatMicros(max));
            return null;
        }
        if ((max - min) % 2 != 0) {
            n.problem("min " + Units.formatMicros(min) + " and max " + Units.formatMicros(max) + " are an odd number "
                    + "of microseconds apart; a range is latency ± jitter in whole microseconds, so make max - min "
                    + "even");
            return null;
        }
        return Delay.range(min, max, correlation);
    }

    private static LossModel loss(Node n) {
        if (!n.isMap()) {
            Double p = n.probability();
            return p == null ? null : LossModel.random(p);
        }
        MapNode m = n.map("a probability or a map");
        Node modelNode = m.get("model");
        String model = modelNode.present() ? modelNode.choice(LOSS_MODELS) : "random";
        if (model == null) {
            m.accept("probability", "correlation", "p", "r", "bad_loss", "good_loss", "p13", "p31", "p32", "p23",
                    "p14");
            m.finish();
            return null;
        }
        LossModel result;
        switch (model) {
            case "gilbert-elliott" -> {
                Double p = prob(m.require("p", Units.PROBABILITY_HINT), 0);
                Double r = prob(m.get("r"), p == null ? 0 : 1 - p);
                Double bad = prob(m.get("bad_loss"), 1);
                Double good = prob(m.get("good_loss"), 0);
                result = p == null || r == null || bad == null || good == null ? null
                        : new LossModel.GilbertElliott(p, r, bad, good);
            }
            case "markov4" -> {
                Double p13 = prob(m.require("p13", Units.PROBABILITY_HINT), 0);
                Double p31 = prob(m.get("p31"), p13 == null ? 0 : 1 - p13);
                Double p32 = prob(m.get("p32"), 0);
                Double p23 = prob(m.get("p23"), 1);
                Double p14 = prob(m.get("p14"), 0);
                result = null;
                if (p13 != null && p31 != null && p32 != null && p23 != null && p14 != null) {
                    try {
                        result = new LossModel.Markov4(p13, p31, p32, p23, p14);
                    } catch (IllegalArgumentException e) {
                        n.problem(e.getMessage().replace("loss.state.", ""));
                    }
                }
            }
            default -> {
                Double p = prob(m.require("probability", Units.PROBABILITY_HINT), 0);
                Double c = prob(m.get("correlation"), 0);
                result = p == null || c == null ? null : LossModel.random(p, c);
            }
        }
        m.finish();
        return result;
    }

    private static Double prob(Node n, double fallback) {
        return n.present() ? n.probability() : Double.valueOf(fallback);
    }

    private static void chance(Node n, java.util.function.Consumer<Chance> set) {
        if (!n.present()) {
            return;
        }
        if (!n.isMap()) {
            Double p = n.probability();
            if (p != null) {
                set.accept(Chance.of(p));
            }
            return;
        }
        MapNode m = n.map("a probability or a map");
        Double p = prob(m.require("probability", Units.PROBABILITY_HINT), 0);
        Double c = prob(m.get("correlation"), 0);
        m.finish();
        if (p != null && c != null) {
            set.accept(Chance.of(p, c));
        }
    }

    private static Reorder reorder(Node n) {
        if (!n.isMap()) {
            Double p = n.probability();
            return p == null ? null : Reorder.of(p);
        }
        MapNode m = n.map("a probability or a map");
        Double p = prob(m.require("probability", Units.PROBABILITY_HINT), 0);
        Double c = prob(m.get("correlation"), 0);
        Node g = m.get("gap");
        Integer gap = g.present() ? g.intValue(1, 1_000_000, " packets") : Integer.valueOf(1);
        m.finish();
        return p == null || c == null || gap == null ? null : Reorder.of(p, c, gap);
    }

    private static Slot slot(Node n) {
        MapNode m = n.map("a map with min, max, packets, bytes");
        Long min = m.require("min", Units.DURATION_HINT).durationMicros(0, Delay.MAX_MICROS);
        Node maxNode = m.get("max");
        Long max = maxNode.present() ? maxNode.durationMicros(0, Delay.MAX_MICROS) : min;
        Node pk = m.get("packets");
        Integer packets = pk.present() ? pk.intValue(0, Integer.MAX_VALUE, " packets (0 = unlimited)")
                : Integer.valueOf(0);
        Node by = m.get("bytes");
        Long bytes = by.present() ? by.bytes(0, Long.MAX_VALUE / 4) : Long.valueOf(0);
        m.finish();
        if (min == null || max == null || packets == null || bytes == null) {
            return null;
        }
        if (max < min) {
            maxNode.problem(Units.formatMicros(max) + " is less than slot.min (" + Units.formatMicros(min) + ")");
            return null;
        }
        return Slot.of(min, max, packets, bytes);
    }

    private static LinkSpec.Change change(Node entry, LinkSpec own) {
        MapNode m = entry.map("a map with 'at' and 'to' (a profile to switch to) and/or 'outage' (a duration)");
        Long at = m.require("at", Units.DURATION_HINT).durationMicros(0, Delay.MAX_MICROS);
        Node to = m.get("to");
        Node outage = m.get("outage");
        LinkProfile target = null;
        if (to.present()) {
            target = read(to, own, false).profile();
        }
        Long outageMicros = 0L;
        if (outage.present()) {
            outageMicros = outage.durationMicros(1, Delay.MAX_MICROS);
        }
        if (!to.present() && !outage.present()) {
            entry.problem("a schedule entry needs 'to' (a profile to switch to) and/or 'outage' (a duration)");
        }
        m.finish();
        if (at == null || outageMicros == null) {
            return null;
        }
        return new LinkSpec.Change(at, target, outageMicros);
    }
}
