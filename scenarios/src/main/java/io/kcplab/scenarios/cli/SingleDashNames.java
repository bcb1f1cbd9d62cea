package io.kcplab.scenarios.cli;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Gives every {@code --name} option of a tunnel end the single-dash spelling {@code -name} as well, because
 * kcptun's flag parser (Go's {@code flag} package under urfave/cli) takes both: {@code -key x -mode fast3} must
 * work as it does with kcptun. Done on the model rather than on the annotations so that the shared session flags
 * of {@code kcplab perf} keep their names. kcptun's {@code -v} is added to {@code --version}, and short options
 * are not clustered (as in Go).
 */
public final class SingleDashNames implements CommandLine.IModelTransformer {

    @Override
    public CommandSpec transform(CommandSpec spec) {
        List<OptionSpec> options = new ArrayList<>(spec.options());
        Set<String> taken = new LinkedHashSet<>();
        for (OptionSpec o : options) {
            taken.addAll(List.of(o.names()));
        }
        for (OptionSpec o : options) {
            spec.remove(o);
        }
        // re-added in their order, so that the help lists them as before
        for (OptionSpec o : options) {
            Set<String> names = new LinkedHashSet<>(List.of(o.names()));
            for (String n : o.names()) {
                String single = n.startsWith("--") ? n.substring(1) : null;
                if (single != null && !taken.contains(single)) {
                    names.add(single);
                }
            }
            if (names.contains("--version") && !taken.contains("-v")) {
                names.add("-v");
            }
            spec.addOption(names.size() == o.names().length ? o
                    : OptionSpec.builder(o).names(names.toArray(String[]::new)).build());
        }
        // -listen must be refused by name on a client, not read as -l isten: Go's flag package does not cluster
        spec.parser().posixClusteredShortOptionsAllowed(false);
        // picocli's generated synopsis would list the shorter, single-dash names: keep it short instead
        spec.usageMessage().customSynopsis("kcplab tunnel " + spec.name()
                + " [OPTIONS]  (one or two dashes: -key K, --key K)");
        return spec;
    }
}
