package io.kcplab.scenarios.cli;

import java.util.function.Function;

/** Lets the tune tests (package io.kcplab.scenarios.tune) replace where {@code --shard auto} reads variables. */
public final class TuneCommandAccess {

    private TuneCommandAccess() {
    }

    /** Sets the environment TuneCommand reads and returns the previous one. */
    public static Function<String, String> environment(Function<String, String> env) {
        Function<String, String> before = TuneCommand.environment;
        TuneCommand.environment = env;
        return before;
    }
}
