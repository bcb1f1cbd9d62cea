package io.kcplab.scenarios.cli;

import io.kcplab.scenarios.ScenarioException;
import io.kcplab.scenarios.library.LinkLibrary;
import io.kcplab.scenarios.library.ScenarioLibrary;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Print a built-in scenario's YAML (a starting point for your own) or a link profile's "
            + "definition and source note.")
final class ShowCommand implements Callable<Integer> {

    @Parameters(paramLabel = "NAME", description = "A built-in scenario or link profile name.")
    String name;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        String text = ScenarioLibrary.text(name);
        if (text != null) {
            spec.commandLine().getOut().print(text);
            spec.commandLine().getOut().flush();
            return KcpLabCommand.OK;
        }
        for (LinkLibrary.Entry e : LinkLibrary.entries()) {
            if (e.name().equals(name)) {
                spec.commandLine().getOut().println("# " + e.summary() + "\n# " + e.note() + "\n" + e.name() + ": "
                        + e.yaml());
                spec.commandLine().getOut().flush();
                return KcpLabCommand.OK;
            }
        }
        throw new ScenarioException("'" + name + "' is not a built-in scenario or link profile; scenarios: "
                + String.join(", ", ScenarioLibrary.names()) + "; link profiles: "
                + String.join(", ", LinkLibrary.names()));
    }
}
