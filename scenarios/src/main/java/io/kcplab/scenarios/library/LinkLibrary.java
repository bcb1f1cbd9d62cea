package io.kcplab.scenarios.library;

import io.kcplab.scenarios.spec.LinkReader;
import io.kcplab.scenarios.spec.LinkSpec;
import io.kcplab.scenarios.spec.Node;
import io.kcplab.scenarios.spec.Problems;
import io.kcplab.scenarios.spec.YamlText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Named link profiles of real networks, one direction each, written in the scenario-file syntax. The numbers are
 * typical figures, not measurements of a particular network; each entry says where they come from. Use one as
 * {@code links.both: lte}, or as a base: {@code links.up: {profile: lte, loss: 2%}}.
 */
public final class LinkLibrary {

    /** A library entry: its name, where its numbers come from, and its definition (scenario YAML). */
    public record Entry(String name, String summary, String note, String yaml) {
    }

    private static final List<Entry> ENTRIES = List.of(
            new Entry("lan", "switched Gigabit Ethernet",
                    "Typical figures for a switched 1 Gbit/s LAN: RTT well under 1 ms, no loss (IEEE 802.3 line "
                            + "rate; ITU-T G.1010 treats such paths as lossless).",
                    "{rate: 1Gbit, delay: {latency: 100us, jitter: 20us, distribution: normal}, limit: 1000}"),
            new Entry("wifi-busy", "contended 2.4 GHz Wi-Fi",
                    "Typical figures for a busy home/office 2.4 GHz Wi-Fi cell: ~20 Mbit/s usable, 5-30 ms of "
                            + "jittery delay and ~1% residual loss after 802.11 retries; the slot option models "
                            + "802.11 frame aggregation, as netem's 'slot' was added for (Täht, 2017).",
                    "{rate: 20Mbit, delay: {latency: 8ms, jitter: 6ms, distribution: paretonormal}, "
                            + "loss: 1%, slot: {min: 800us, max: 4ms, packets: 32}, "
                            + "limit: 500}"),
            new Entry("lte", "4G/LTE, good signal",
                    "Typical figures from public LTE measurements (Ookla Speedtest reports: tens of Mbit/s, "
                            + "~30-60 ms RTT); RLC/HARQ hide most radio loss, leaving ~0.1-0.5% (3GPP TS 23.203 "
                            + "sets a 1e-6 loss target for QCI 8/9 bearers; real paths see more).",
                    "{rate: 30Mbit, delay: {latency: 22ms, jitter: 6ms, distribution: normal}, loss: 0.3%, "
                            + "limit: 800}"),
            new Entry("3g", "3G/HSPA",
                    "Typical HSPA figures (operator and Ookla/OpenSignal reports of the 2010s): 1-5 Mbit/s, "
                            + "RTT 100-200 ms with large jitter, ~1% loss at the transport layer.",
                    "{rate: 2Mbit, delay: {latency: 70ms, jitter: 25ms, distribution: paretonormal}, loss: 1%, "
                            + "limit: 300}"),
            new Entry("geo-satellite", "geostationary satellite",
                    "Physics: GEO orbit at 35,786 km gives >= 240 ms one-way via a bent-pipe satellite; measured "
                            + "consumer GEO RTTs are ~550-650 ms (ITU-T G.114 cites ~280 ms one-way per hop); "
                            + "0.5% loss for rain fade/residual errors is a typical assumption.",
                    "{rate: 20Mbit, delay: {latency: 290ms, jitter: 5ms, distribution: normal}, loss: 0.5%, "
                            + "limit: 2000}"),
            new Entry("intercontinental", "long-haul Internet path (e.g. Europe-Asia)",
                    "Typical inter-continental RTTs of 150-250 ms (public inter-region latency tables of cloud "
                            + "providers and WonderNetwork ping statistics); ~0.1% loss on a healthy backbone.",
                    "{rate: 100Mbit, delay: {latency: 90ms, jitter: 2ms, distribution: normal}, loss: 0.1%, "
                            + "limit: 3000}"),
            new Entry("bursty-loss", "bursty Gilbert-Elliott loss",
                    "A Gilbert model (p = 1%, r = 30%: mean loss ~3.2%, mean burst ~3.3 packets) in the range "
                            + "used by loss-model studies and ITU-T G.1050's impairment profiles; bursts defeat "
                            + "FEC groups that random loss would not.",
                    "{rate: 10Mbit, delay: {latency: 20ms, jitter: 2ms}, "
                            + "loss: {model: gilbert-elliott, p: 1%, r: 30%, bad_loss: 100%, good_loss: 0%}}"),
            new Entry("reordering", "heavy reordering",
                    "Deliberately heavy, after the tc-netem manual's 'delay 10ms reorder 25% 50%' example; real "
                            + "paths reorder ~0.1-2% of packets (Bennett et al., 'Packet reordering is not "
                            + "pathological network behavior', 1999).",
                    "{rate: 50Mbit, delay: {latency: 20ms, jitter: 5ms}, "
                            + "reorder: {probability: 25%, correlation: 50%, gap: 5}}"),
            new Entry("bufferbloat", "bufferbloated uplink",
                    "A home DSL/cable uplink with an oversized FIFO (Gettys & Nichols, 'Bufferbloat: Dark Buffers "
                            + "in the Internet', 2011): 5 Mbit/s drained, 1000 packets (~2.3 s) of queue.",
                    "{rate: 5Mbit, delay: {latency: 10ms, jitter: 1ms}, limit: 1000}"),
            new Entry("handover", "LTE with a handover to 3G",
                    "LTE (see 'lte') that at 2 s loses service for 250 ms and continues on 3G-like radio: "
                            + "typical inter-RAT handover interruptions are a few hundred ms (3GPP TS 36.133 "
                            + "interruption requirements; drive-test studies), intra-LTE ones ~50 ms.",
                    "{profile: lte, schedule: [{at: 2s, outage: 250ms}, {at: 2250ms, to: 3g}]}"),
            new Entry("lossy", "lossy long-distance path",
                    "A stress path of the kind kcptun users report (cross-border links): 3% random loss, ~60 ms "
                            + "RTT with jitter; not a specific network.",
                    "{rate: 20Mbit, delay: {latency: 30ms, jitter: 5ms, distribution: normal}, loss: 3%, "
                            + "limit: 1000}"));

    private static final Map<String, Entry> BY_NAME = new LinkedHashMap<>();
    private static final Map<String, LinkSpec> SPECS = new java.util.concurrent.ConcurrentHashMap<>();

    static {
        for (Entry e : ENTRIES) {
            BY_NAME.put(e.name(), e);
        }
    }

    private LinkLibrary() {
    }

    public static List<Entry> entries() {
        return ENTRIES;
    }

    public static List<String> names() {
        return new ArrayList<>(BY_NAME.keySet());
    }

    /** The parsed profile, or null for an unknown name. */
    public static LinkSpec spec(String name) {
        Entry e = BY_NAME.get(name);
        if (e == null) {
            return null;
        }
        LinkSpec cached = SPECS.get(name);
        if (cached != null) {
            return cached;
        }
        Problems problems = new Problems();
        Object tree = YamlText.load(e.yaml(), "link profile " + name);
        LinkSpec spec = LinkReader.read(new Node("library." + name, tree, problems), LinkSpec.PERFECT, true);
        problems.throwIfAny("built-in link profile " + name);
        SPECS.put(name, spec);
        return spec;
    }
}
