package io.kcplab.scenarios.cli;

import io.kcplab.protocol.ModePreset;
import io.kcplab.scenarios.library.LinkLibrary;
import io.kcplab.scenarios.library.ScenarioLibrary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Everything {@code kcplab show} can print, of three kinds: built-in scenarios, link profiles and protocol presets.
 * Names are unique within a kind only, so a lookup returns every kind that has the name and none hides another.
 */
final class LibraryCatalog {

    /** The kinds, in the order {@code list} prints them. */
    enum Kind {
        SCENARIO, LINK, PRESET;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Kind of(String text) {
            for (Kind k : values()) {
                if (k.label().equals(text.toLowerCase(Locale.ROOT))) {
                    return k;
                }
            }
            return null;
        }
    }

    /** One printable item: {@code text} is what {@code show} prints. */
    record Item(Kind kind, String name, String text) {
    }

    private LibraryCatalog() {
    }

    /** The built-in library. */
    static List<Item> builtIn() {
        List<Item> items = new ArrayList<>();
        for (ScenarioLibrary.Entry e : ScenarioLibrary.entries()) {
            items.add(new Item(Kind.SCENARIO, e.name(), ScenarioLibrary.text(e.name())));
        }
        for (LinkLibrary.Entry e : LinkLibrary.entries()) {
            items.add(new Item(Kind.LINK, e.name(), "# " + e.summary() + "\n# " + e.note() + "\n" + e.name() + ": "
                    + e.yaml() + "\n"));
        }
        for (ModePreset p : ModePreset.values()) {
            items.add(new Item(Kind.PRESET, p.label(), presetText(p)));
        }
        return items;
    }

    /** A preset as a scenario's protocol settings, with kcptun's equivalent flags. */
    static String presetText(ModePreset p) {
        return String.format(Locale.ROOT, "# protocol preset '%s' (scenario: protocol.mode: %s; kcptun: --mode %s)%n"
                + "# the same as: --nodelay %d --interval %d --resend %d --nc %d%n"
                + "%s: {nodelay: %d, interval: %d, resend: %d, nc: %d}%n", p.label(), p.label(), p.label(),
                p.nodelay(), p.interval(), p.resend(), p.nc(), p.label(), p.nodelay(), p.interval(), p.resend(),
                p.nc());
    }

    /** The items called {@code name}, of any kind or of {@code kind} only (null: any). */
    static List<Item> named(List<Item> items, String name, Kind kind) {
        List<Item> found = new ArrayList<>();
        for (Item i : items) {
            if (i.name().equals(name) && (kind == null || i.kind() == kind)) {
                found.add(i);
            }
        }
        found.sort(java.util.Comparator.comparing(Item::kind));
        return found;
    }

    /** The names of one kind, for messages. */
    static List<String> names(List<Item> items, Kind kind) {
        return items.stream().filter(i -> i.kind() == kind).map(Item::name).toList();
    }
}
