package io.kcplab.interop.live;

import io.kcplab.interop.GoSessionPeer;
import io.kcplab.interop.NativeIkcp;
import io.kcplab.interop.NativeUdpPeer;
import io.kcplab.interop.PeerAvailability;
import io.kcplab.interop.PeerProcess;
import io.kcplab.interop.SeededStream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The real peers for the live tests: built on first use, or — when gcc/npm or go/kcp-go are missing — the test
 * fails under {@code CI=true} and is skipped elsewhere with an install hint ({@link PeerAvailability}).
 */
final class LivePeers {

    enum Kind {
        C("C ikcp"), GO("kcp-go 5.6.1");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    private static final Map<String, String> SHA_CACHE = new ConcurrentHashMap<>();

    private LivePeers() {
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
        try {
            return kind == Kind.C ? NativeUdpPeer.start(args) : GoSessionPeer.start(args);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SHA-256 of the first {@code bytes} of the seeded stream of {@code seed} (cached: 16 MiB take a while). */
    static String sha256(long seed, long bytes) {
        return SHA_CACHE.computeIfAbsent(seed + "/" + bytes, k -> SeededStream.sha256Hex(seed, bytes));
    }
}
