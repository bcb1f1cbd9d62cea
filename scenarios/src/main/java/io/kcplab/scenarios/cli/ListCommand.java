package io.kcplab.scenarios.cli;

import io.kcplab.protocol.ModePreset;
import io.kcplab.protocol.crypto.Ciphers;
import io.kcplab.scenarios.library.LinkLibrary;
import io.kcplab.scenarios.library.ScenarioLibrary;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the built-in scenarios, link profiles (with where their numbers come from) and "
            + "protocol presets.")
final class ListCommand implements Callable<Integer> {

    @Option(names = "--notes", description = "Show each link profile's source note.")
    boolean notes;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        o.println("Built-in scenarios, kind scenario (kcplab run NAME; kcplab show NAME prints the YAML):");
        for (ScenarioLibrary.Entry e : ScenarioLibrary.entries()) {
            o.printf(Locale.ROOT, "  %-18s %s%s%n", e.name(), e.summary(),
                    e.name().equals(ScenarioLibrary.MAIN) ? " [default]" : "");
        }
        o.println();
        o.println("Link profiles, kind link (links.both: NAME, or links.up: {profile: NAME, ...overrides}):");
        for (LinkLibrary.Entry e : LinkLibrary.entries()) {
            o.printf(Locale.ROOT, "  %-18s %s%n", e.name(), e.summary());
            if (notes) {
                o.printf(Locale.ROOT, "  %-18s   %s%n  %-18s   %s%n", "", e.note(), "", e.yaml());
            }
        }
        o.println();
        o.println("Protocol presets, kind preset (protocol.mode: NAME; kcptun --mode NAME): nodelay/interval/resend/nc");
        for (ModePreset p : ModePreset.values()) {
            o.printf(Locale.ROOT, "  %-18s %d/%d/%d/%d%n", p.label(), p.nodelay(), p.interval(), p.resend(), p.nc());
        }
        o.println();
        o.println("A name two kinds share: kcplab show --kind scenario|link|preset NAME");
        o.println();
        o.println("Engines (protocol.engine): ikcp, kcp-go    Checksums (protocol.checksum): kcp-go, highway");
        o.println("Ciphers (protocol.crypt): " + String.join(", ", Ciphers.names()) + ", off");
        o.flush();
        return KcpLabCommand.OK;
    }
}
