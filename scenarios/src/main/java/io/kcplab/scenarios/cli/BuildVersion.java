package io.kcplab.scenarios.cli;

import io.kcplab.protocol.BuildInfo;
import picocli.CommandLine;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code --version} of every kcplab command: {@link BuildInfo}'s version line (the release and the git commit the
 * build came from) and the command's own suffix.
 */
final class BuildVersion implements IVersionProvider {

    static final String RELEASE = BuildInfo.RELEASE;

    /** What a command's own version text adds after the release name, e.g. " (kcptun 20210922 compatible)". */
    private final String suffix;

    BuildVersion(String suffix) {
        this.suffix = suffix;
    }

    /** Gives {@code line} and every subcommand, however deep, the version line with the commit. */
    static void install(CommandLine line) {
        CommandSpec spec = line.getCommandSpec();
        String[] own = spec.version();
        String suffix = own.length > 0 && own[0].startsWith(RELEASE) ? own[0].substring(RELEASE.length()) : "";
        spec.versionProvider(new BuildVersion(suffix));
        if (spec.options().stream().noneMatch(OptionSpec::versionHelp)) {
            String[] names = java.util.stream.Stream.of("-V", "--version")
                    .filter(n -> !spec.optionsMap().containsKey(n)).toArray(String[]::new);
            spec.addOption(OptionSpec.builder(names).versionHelp(true)
                    .description("Print version information and exit.").build());
        }
        for (CommandLine sub : line.getSubcommands().values()) {
            install(sub);
        }
    }

    @Override
    public String[] getVersion() {
        return new String[] {BuildInfo.versionLine() + suffix};
    }
}
