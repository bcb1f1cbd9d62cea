package io.kcplab.sim.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.OutputStream;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The interop module's peer rule, locally (the simulator does not depend on interop): a missing tshark fails the
 * test under CI=true and skips it elsewhere with the install hint.
 */
public final class Tshark {

    public static final String INSTALL = "apt-get install tshark";

    private Tshark() {
    }

    public static void require() {
        if (!works("tshark", "--version")) {
            String message = "'tshark' is not available ('tshark --version' did not run). Install it with: "
                    + INSTALL;
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message + " [CI=true: a missing peer fails the build]");
            }
            Assumptions.abort(message);
        }
    }

    static boolean works(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().transferTo(OutputStream.nullOutputStream());
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
