package io.kcplab.interop;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The kcp-go 5.6.1 peer over real UDP: {@code interop/src/main/go/kcppeer}, built offline in GOPATH mode against
 * Debian's golang-github-xtaci-kcp-dev by {@link GoVectors#binary(String)} into {@code <kcplab.build.dir>/go/kcppeer}.
 *
 * <p>Modes: {@code bulk-client}, {@code sink-server}, {@code echo-server} (kcp-go UDPSession / Listener with
 * kcptun's {@code --crypt}/{@code --key}, {@code --datashard}/{@code --parityshard}, {@code --mode}, windows, MTU,
 * {@code --stream}, {@code --ack-nodelay}) and {@code bench} (a session pair in one process; goodput and CPU
 * seconds). {@code --crypt off} (the default) is kcp-go without a BlockCrypt: with FEC off that is the plain KCP
 * wire of the C peer. See main.go's header for every option and {@link PeerProcess} for the JSON lines.
 */
public final class GoSessionPeer {

    public static final String PROGRAM = "kcppeer";
    public static final String INSTALL_HINT = GoVectors.INSTALL_HINT;

    private GoSessionPeer() {
    }

    /** Why the peer cannot be built here (go or kcp-go 5.6.1 missing), or empty. */
    public static Optional<String> unavailableReason() {
        return GoVectors.unavailableReason(PROGRAM);
    }

    /** The peer executable, built first if needed. */
    public static Path executable() {
        return GoVectors.binary(PROGRAM);
    }

    /** Starts the peer with {@code args} (the mode first, then options). */
    public static PeerProcess start(String... args) throws IOException {
        return start(Arrays.asList(args));
    }

    public static PeerProcess start(List<String> args) throws IOException {
        return PeerProcess.start("kcppeer " + (args.isEmpty() ? "" : args.get(0)), executable(), args);
    }

    /** Runs {@code kcppeer bench options...} to its end (bounded by {@code timeout}) and returns its result. */
    public static PeerProcess.Result bench(Duration timeout, String... options) throws IOException {
        List<String> args = new ArrayList<>();
        args.add("bench");
        args.addAll(Arrays.asList(options));
        args.add("--timeout");
        args.add(Long.toString(timeout.toMillis()));
        try (PeerProcess p = start(args)) {
            return p.await(timeout.plusSeconds(10));
        }
    }
}
