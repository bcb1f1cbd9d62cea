package io.kcplab.interop.lockstep;

import io.kcplab.interop.KcpGoLockstep;
import io.kcplab.interop.PeerAvailability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Test access to the kcp-go lock-step driver: builds it, or fails (CI=true) / skips (elsewhere) via
 * {@link PeerAvailability} when go or kcp-go 5.6.1 is missing.
 */
final class KcpGoPeer {

    private KcpGoPeer() {
    }

    static Path driver() {
        Optional<String> why = KcpGoLockstep.unavailableReason();
        if (why.isPresent()) {
            PeerAvailability.missing("kcp-go 5.6.1 lock-step driver (go + golang-github-xtaci-kcp-dev)", why.get(),
                    KcpGoLockstep.INSTALL_HINT);
        }
        return KcpGoLockstep.binary();
    }

    static KcpGoChecker checker() {
        driver();
        try {
            return new KcpGoChecker();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static KcpGoDriver start() {
        driver();
        try {
            return KcpGoDriver.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
