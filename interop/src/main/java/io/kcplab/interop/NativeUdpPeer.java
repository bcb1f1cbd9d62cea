package io.kcplab.interop;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The C ikcp peer over real UDP: {@code interop/src/main/c/ikcp_udp_peer.c} compiled with the npm
 * {@code node-kcp@1.0.13} copy of ikcp.c by {@link NativeIkcp#program} (same fetch, checksum, flags, file lock and
 * rebuild key as the lock-step driver) into {@code <kcplab.build.dir>/native/ikcp_udp_peer-plain}.
 *
 * <p>It speaks plain KCP datagrams (no crypto or FEC header). Modes: {@code bulk-client}, {@code sink-server},
 * {@code echo-server}; see the header of ikcp_udp_peer.c for every option and {@link PeerProcess} for the JSON
 * lines. Typical use:
 * <pre>{@code
 * try (PeerProcess server = NativeUdpPeer.start("sink-server", "--mode", "fast", "--bytes", "16777216")) {
 *     int port = server.port(Duration.ofSeconds(5));
 *     ... connect the Java client to 127.0.0.1:port and send SeededStream(1) ...
 *     PeerProcess.Result r = server.await(Duration.ofSeconds(30));
 * }
 * }</pre>
 */
public final class NativeUdpPeer {

    public static final String PROGRAM = "ikcp_udp_peer";
    public static final String INSTALL_HINT = NativeIkcp.INSTALL_HINT;

    private NativeUdpPeer() {
    }

    /** Null if gcc and npm can run here, else why not (the build may still fail offline: see executable()). */
    public static String missingTools() {
        return NativeIkcp.missingTools();
    }

    /** The peer executable, built first if needed; {@link NativeIkcp.UnavailableException} if it cannot be. */
    public static Path executable() throws IOException {
        return NativeIkcp.program(PROGRAM, NativeIkcp.Profile.PLAIN.id, List.of());
    }

    /** Starts the peer with {@code args} (the mode first, then options). */
    public static PeerProcess start(String... args) throws IOException {
        return start(Arrays.asList(args));
    }

    public static PeerProcess start(List<String> args) throws IOException {
        return PeerProcess.start("ikcp_udp_peer " + (args.isEmpty() ? "" : args.get(0)), executable(), args);
    }
}
