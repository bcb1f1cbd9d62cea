package io.kcplab.scenarios.cli;

import io.kcplab.scenarios.ScenarioException;
import io.kcplab.scenarios.cli.LibraryCatalog.Item;
import io.kcplab.scenarios.cli.LibraryCatalog.Kind;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "show", mixinStandardHelpOptions = true,
        description = {"Print a built-in scenario's YAML (a starting point for your own), a link profile's "
            + "definition and source note, or a protocol preset's settings (kcptun's normal, fast, fast2, fast3).",
            "When several kinds share NAME, pick one with --kind."})
final class ShowCommand implements Callable<Integer> {

    @Parameters(paramLabel = "NAME", description = "A built-in scenario, link profile or preset name (kcplab list).")
    String name;

    @Option(names = "--kind", paramLabel = "KIND", description = "scenario, link or preset: which kind NAME is.")
    String kind;

    /** The library shown; tests replace it to make names collide. */
    static Supplier<List<Item>> catalog = LibraryCatalog::builtIn;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Kind k = null;
        if (kind != null) {
            k = Kind.of(kind);
            if (k == null) {
                throw new ScenarioException("--kind: unknown kind '" + kind + "'; accepted: scenario, link, preset");
            }
        }
        List<Item> items = catalog.get();
        List<Item> found = LibraryCatalog.named(items, name, k);
        if (found.size() > 1) {
            throw new ScenarioException("'" + name + "' is " + String.join(" and ", found.stream()
                    .map(i -> "a " + i.kind().label()).toList()) + "; say which: "
                    + String.join(" or ", found.stream().map(i -> "kcplab show --kind " + i.kind().label() + " "
                    + name).toList()));
        }
        if (found.isEmpty()) {
            throw new ScenarioException("'" + name + "' is not a built-in " + (k == null ? "scenario, link profile "
                    + "or preset" : k.label()) + "; scenarios: " + String.join(", ", LibraryCatalog.names(items,
                    Kind.SCENARIO)) + "; link profiles: " + String.join(", ", LibraryCatalog.names(items, Kind.LINK))
                    + "; presets: " + String.join(", ", LibraryCatalog.names(items, Kind.PRESET)));
        }
        spec.commandLine().getOut().print(found.get(0).text());
        spec.commandLine().getOut().flush();
        return KcpLabCommand.OK;
    }
}
