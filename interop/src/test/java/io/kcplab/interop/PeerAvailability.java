package io.kcplab.interop;

import org.junit.jupiter.api.Assumptions;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The one rule for interop tests whose real peer (gcc, npm, go, kcptun, tshark) may be missing: under CI
 * ({@code CI=true}) a missing peer fails the test; elsewhere the test is skipped with a message saying how to
 * install the peer. Skipping is never passing.
 */
public final class PeerAvailability {

    private PeerAvailability() {
    }

    public static boolean underCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Fails (CI) or skips (elsewhere) the current test because {@code what} is unavailable. */
    public static void missing(String what, String reason, String howToInstall) {
        String message = what + " is not available (" + reason + "). Install it with: " + howToInstall;
        if (underCi()) {
            fail(message + " [CI=true: a missing peer fails the build]");
        }
        Assumptions.abort(message);
    }

    /** True if {@code command} runs and exits 0 with the given arguments (for example "gcc --version"). */
    public static boolean commandWorks(String... command) {
        return Commands.runs(command);
    }

    /** Requires {@code command} to run; otherwise {@link #missing}. */
    public static void requireCommand(String howToInstall, String... command) {
        if (!commandWorks(command)) {
            missing("'" + command[0] + "'", "'" + String.join(" ", command) + "' did not run", howToInstall);
        }
    }
}
