package io.kcplab.scenarios;

import java.util.List;

/**
 * A mistake in what the user gave (scenario file, command-line value): every problem found, each naming the
 * field path and the accepted values. The command line prints {@link #getMessage()} and exits with 2, no stack
 * trace.
 */
public final class ScenarioException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    public ScenarioException(String source, List<String> problems) {
        super(format(source, problems));
        this.problems = List.copyOf(problems);
    }

    public ScenarioException(String problem) {
        this("", List.of(problem));
    }

    /** One line per problem, "field.path: what is wrong; accepted: ...". */
    public List<String> problems() {
        return problems;
    }

    private static String format(String source, List<String> problems) {
        if (problems.size() == 1 && source.isEmpty()) {
            return problems.get(0);
        }
        StringBuilder sb = new StringBuilder();
        sb.append(source.isEmpty() ? "" : source + ": ").append(problems.size())
                .append(problems.size() == 1 ? " problem" : " problems").append(':');
        for (String p : problems) {
            sb.append("\n  - ").append(p);
        }
        return sb.toString();
    }
}
