package io.kcplab.interop.lockstep;

import io.kcplab.interop.NativeIkcp;
import io.kcplab.interop.PeerAvailability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Test access to the C peer: builds it, or fails (CI) / skips (elsewhere) via {@link PeerAvailability}. */
final class LockstepPeer {

    private LockstepPeer() {
    }

    static Path driver(NativeIkcp.Profile profile) {
        String tools = NativeIkcp.missingTools();
        if (tools != null) {
            PeerAvailability.missing("C ikcp peer (gcc + npm)", tools, NativeIkcp.INSTALL_HINT);
        }
        try {
            return NativeIkcp.driver(profile);
        } catch (NativeIkcp.UnavailableException e) {
            PeerAvailability.missing("C ikcp peer (npm " + NativeIkcp.NPM_PACKAGE + ")", e.getMessage(),
                    NativeIkcp.INSTALL_HINT + " (and network access for npm pack)");
            throw new IllegalStateException("unreachable");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static LockstepChecker checker(NativeIkcp.Profile profile) {
        driver(profile);
        try {
            return new LockstepChecker(profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static NativeDriver start(NativeIkcp.Profile profile) {
        driver(profile);
        try {
            return NativeDriver.start(profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
