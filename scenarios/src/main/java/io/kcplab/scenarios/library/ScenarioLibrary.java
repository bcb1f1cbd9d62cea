package io.kcplab.scenarios.library;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The built-in scenarios, shipped as YAML resources ({@code io/kcplab/scenarios/builtin/NAME.yaml}) in the same
 * format users write, so any of them is a starting point: {@code kcplab show NAME > mine.yaml}.
 */
public final class ScenarioLibrary {

    /** The scenario {@code kcplab run} runs without arguments. */
    public static final String MAIN = "presets-lossy";

    /** A built-in scenario and what it shows. */
    public record Entry(String name, String summary) {
    }

    private static final List<Entry> ENTRIES = List.of(
            new Entry(MAIN, "kcptun's presets normal/fast/fast2/fast3 on a 3%-loss, 60 ms path: bulk + echo"),
            new Entry("fec-bursty", "FEC shapes off, 10/3, 5/5, 20/10 against random vs bursty (Gilbert-Elliott) loss"),
            new Entry("handover", "echo and game ticks across an LTE-to-3G handover with a 250 ms outage"),
            new Entry("satellite-window", "send window 32..1024 on a geostationary satellite path"),
            new Entry("game-ticks", "60 Hz game ticks over busy Wi-Fi: normal vs fast3, with and without FEC"),
            new Entry("engines", "the ikcp and kcp-go engines side by side on LTE and lossy paths"),
            new Entry("bufferbloat", "an echo session sharing a bloated uplink with a bulk upload"),
            new Entry("ci-gate", "a small, quick sweep meant for 'kcplab compare' regression gates in CI"),
            new Entry("server-10k", "a server's load: 10,000 echo conversations, one request a second each, over"
                    + " one shared 100 Mbit/s, 50 ms RTT, 1% loss path"));

    private ScenarioLibrary() {
    }

    public static List<Entry> entries() {
        return ENTRIES;
    }

    public static List<String> names() {
        List<String> names = new ArrayList<>();
        ENTRIES.forEach(e -> names.add(e.name()));
        return names;
    }

    /** The YAML of a built-in scenario, null if there is none by that name. */
    public static String text(String name) {
        if (!names().contains(name)) {
            return null;
        }
        try (InputStream in = ScenarioLibrary.class.getResourceAsStream("/io/kcplab/scenarios/builtin/" + name
                + ".yaml")) {
            if (in == null) {
                throw new IllegalStateException("built-in scenario " + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
