package io.kcplab.interop.udp;

import io.kcplab.interop.GoSessionPeer;
import io.kcplab.interop.NativeIkcp;
import io.kcplab.interop.NativeUdpPeer;
import io.kcplab.interop.PeerAvailability;
import io.kcplab.interop.PeerProcess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Test access to the UDP peers: builds them, or fails (CI) / skips (elsewhere) via {@link PeerAvailability}. */
final class UdpPeers {

    static final Duration PORT_WAIT = Duration.ofSeconds(10);
    static final Duration RUN_WAIT = Duration.ofSeconds(40);
    /** The peers' own bound on one transfer (ms); the Java side waits a little longer. */
    static final String PEER_TIMEOUT_MS = "30000";

    enum Kind { C, GO }

    private UdpPeers() {
    }

    static void require(Kind kind) {
        if (kind == Kind.C) {
            String tools = NativeUdpPeer.missingTools();
            if (tools != null) {
                PeerAvailability.missing("C ikcp UDP peer (gcc + npm)", tools, NativeUdpPeer.INSTALL_HINT);
            }
            try {
                NativeUdpPeer.executable();
            } catch (NativeIkcp.UnavailableException e) {
                PeerAvailability.missing("C ikcp UDP peer (npm " + NativeIkcp.NPM_PACKAGE + ")", e.getMessage(),
                        NativeUdpPeer.INSTALL_HINT + " (and network access for npm pack)");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            GoSessionPeer.unavailableReason().ifPresent(r ->
                    PeerAvailability.missing("kcp-go 5.6.1 UDP peer", r, GoSessionPeer.INSTALL_HINT));
            GoSessionPeer.executable();
        }
    }

    static PeerProcess start(Kind kind, List<String> args) {
        require(kind);
        List<String> all = new ArrayList<>(args);
        all.add("--timeout");
        all.add(PEER_TIMEOUT_MS);
        try {
            return kind == Kind.C ? NativeUdpPeer.start(all) : GoSessionPeer.start(all);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> args(String... a) {
        return new ArrayList<>(Arrays.asList(a));
    }

    static List<String> concat(List<String> a, String... more) {
        List<String> r = new ArrayList<>(a);
        r.addAll(Arrays.asList(more));
        return r;
    }

    static void assertOk(PeerProcess.Result r, String what) {
        assertTrue(r.ok(), what + " failed: " + r.describe());
    }

    /** A server's single conversation line. */
    static java.util.Map<String, Object> onlySession(PeerProcess.Result r) {
        assertEquals(1, r.sessions().size(), "conversations: " + r.describe());
        return r.sessions().get(0);
    }
}
