package io.kcplab.interop;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The golden-vector peer: {@code interop/src/main/go/kcpvectors}, a small Go program that runs the real kcp-go
 * 5.6.1 code (Debian's {@code golang-github-xtaci-kcp-dev}, in GOPATH mode, offline) and prints the bytes it
 * produces. Built on first use into {@code <kcplab.build.dir>/go/}; nothing is downloaded ({@code GOPROXY=off}).
 *
 * <p>Before building, the kcp-go sources are checked against the SHA-256 of the 5.6.1 files this project was
 * written against, so a different kcp-go version is reported as missing rather than silently compared.
 *
 * <p>{@link #binary(String)} and {@link #unavailableReason(String)} build and check the other Go programs of
 * {@code interop/src/main/go} the same way (the UDP session peer, {@link GoSessionPeer}).
 *
 * <p>The program reads one command per line and ends every answer with {@code end}; see main.go for the
 * commands. {@link #run} sends a whole script through a file (no pipe deadlock) and returns the answers.
 */
public final class GoVectors {

    public static final String INSTALL_HINT = "apt-get install golang-go golang-github-xtaci-kcp-dev";
    static final Path GOCODE = Paths.get("/usr/share/gocode");
    static final Path KCP_GO = GOCODE.resolve("src/github.com/xtaci/kcp-go");

    /** SHA-256 of the kcp-go 5.6.1 files whose behaviour the goldens pin (Debian 5.6.1-2 = upstream v5.6.1). */
    static final Map<String, String> KCP_GO_SHA256 = Map.of(
            "fec.go", "2e3ca57ad619c4e74bf0b8d733f25d0dfe2831e30adb469b79d645ca2226fc28",
            "autotune.go", "90961356856e45fd03cda9ba3ba5339c4a9b8db3fefd3f36fb0121d8b7a57fe1",
            "crypt.go", "f9fd1ca30dddf2c6cbed1659fa45ce2e0da17e436810b7cbd7489c0848f64d66",
            "sess.go", "e6ddd9b68e7072d910a67d73878a4824aaa4f6edc0de5f53c9cdaba94d7382d0");

    private static final long BUILD_TIMEOUT_S = 300;
    private static final long RUN_TIMEOUT_S = 180;
    private static final String PROGRAM = "kcpvectors";
    private static final Map<String, Path> BINARIES = new HashMap<>();

    private GoVectors() {
    }

    /** Why the peer cannot be used here (go missing, kcp-go missing or of another version), or empty. */
    public static Optional<String> unavailableReason() {
        return unavailableReason(PROGRAM);
    }

    /**
     * Why the Go program {@code interop/src/main/go/<program>} cannot be built here (go missing, kcp-go missing or
     * of another version, sources not found), or empty.
     */
    public static Optional<String> unavailableReason(String program) {
        if (!Commands.runs("go", "version")) {
            return Optional.of("'go version' did not run");
        }
        for (Map.Entry<String, String> e : KCP_GO_SHA256.entrySet()) {
            Path file = KCP_GO.resolve(e.getKey());
            if (!Files.isRegularFile(file)) {
                return Optional.of("kcp-go sources not found at " + KCP_GO);
            }
            String actual = sha256(file);
            if (!actual.equals(e.getValue())) {
                return Optional.of(file + " is not kcp-go 5.6.1's (sha256 " + actual + ", expected "
                        + e.getValue() + ")");
            }
        }
        if (sourceDir(program) == null) {
            return Optional.of("interop/src/main/go/" + program + " not found (set KCPLAB_REPO_ROOT)");
        }
        return Optional.empty();
    }

    /** Runs a script of commands; returns one list of answer lines per command ("end" removed). */
    public static List<List<String>> run(List<String> commands) {
        Path exe = binary();
        try {
            Path dir = exe.getParent();
            Path script = Files.createTempFile(dir, "script", ".txt");
            try {
                Files.write(script, commands, StandardCharsets.US_ASCII);
                ProcessBuilder pb = new ProcessBuilder(exe.toString()).redirectInput(script.toFile());
                String[] out = execute(pb, RUN_TIMEOUT_S, "kcpvectors").split("\n");
                List<List<String>> answers = new ArrayList<>();
                List<String> current = new ArrayList<>();
                for (String line : out) {
                    if (line.equals("end")) {
                        answers.add(current);
                        current = new ArrayList<>();
                    } else if (!line.isEmpty()) {
                        current.add(line);
                    }
                }
                if (answers.size() != commands.size()) {
                    throw new IllegalStateException("kcpvectors answered " + answers.size() + " of "
                            + commands.size() + " commands");
                }
                return answers;
            } finally {
                Files.deleteIfExists(script);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Builds the program if needed and returns its path. */
    public static Path binary() {
        return binary(PROGRAM);
    }

    /**
     * Builds {@code interop/src/main/go/<program>} if needed (GOPATH mode against {@code /usr/share/gocode}, offline,
     * into {@code <kcplab.build.dir>/go/<program>}; rebuilt when a source file is newer than the binary) and returns
     * its path.
     */
    public static synchronized Path binary(String program) {
        Path cached = BINARIES.get(program);
        if (cached != null) {
            return cached;
        }
        Path src = sourceDir(program);
        if (src == null) {
            throw new IllegalStateException("interop/src/main/go/" + program + " not found (set KCPLAB_REPO_ROOT)");
        }
        Path goDir = Paths.get(System.getProperty("kcplab.build.dir", "target")).toAbsolutePath().resolve("go");
        Path exe = goDir.resolve(program);
        try {
            Files.createDirectories(goDir.resolve("gopath"));
            if (!Files.isExecutable(exe) || newerThan(src, Files.getLastModifiedTime(exe).toMillis())) {
                Path tmp = goDir.resolve(program + ".tmp");
                ProcessBuilder pb = new ProcessBuilder("go", "build", "-o", tmp.toString(), ".")
                        .directory(src.toFile());
                Map<String, String> env = pb.environment();
                env.put("GO111MODULE", "off");
                env.put("GOPATH", goDir.resolve("gopath") + ":" + GOCODE);
                env.put("GOCACHE", goDir.resolve("gocache").toString());
                env.put("GOPROXY", "off");
                env.put("GOFLAGS", "");
                env.put("GOTOOLCHAIN", "local");
                env.put("CGO_ENABLED", "0");
                execute(pb, BUILD_TIMEOUT_S, "go build (" + program + ")");
                Files.move(tmp, exe, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        BINARIES.put(program, exe);
        return exe;
    }

    static Path sourceDir() {
        return sourceDir(PROGRAM);
    }

    static Path sourceDir(String program) {
        String override = System.getProperty("kcplab.go.src");
        if (override != null && program.equals(PROGRAM)) {
            return Paths.get(override);
        }
        String root = System.getenv("KCPLAB_REPO_ROOT");
        if (root != null) {
            Path p = Paths.get(root, "interop", "src", "main", "go", program);
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        for (Path d = Paths.get("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path p = d.resolve("interop/src/main/go/" + program);
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        return null;
    }

    private static boolean newerThan(Path dir, long millis) throws IOException {
        try (var files = Files.list(dir)) {
            return files.anyMatch(f -> {
                try {
                    return Files.getLastModifiedTime(f).toMillis() > millis;
                } catch (IOException e) {
                    return true;
                }
            });
        }
    }

    private static String execute(ProcessBuilder pb, long timeoutS, String what) throws IOException {
        Process p = pb.start();
        CompletableFuture<String> out = drain(p.getInputStream());
        CompletableFuture<String> err = drain(p.getErrorStream());
        try {
            if (!p.waitFor(timeoutS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(what + " did not finish within " + timeoutS + " s");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(what + " exited with " + p.exitValue() + ": " + err.join());
            }
            return out.join();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " interrupted", e);
        }
    }

    /** Reads a stream to its end on its own thread (the common pool may have a single thread on 2 cores). */
    private static CompletableFuture<String> drain(InputStream in) {
        CompletableFuture<String> result = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try (in) {
                result.complete(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
            } catch (IOException e) {
                result.completeExceptionally(e);
            }
        }, "kcpvectors-drain");
        t.setDaemon(true);
        t.start();
        return result;
    }

    private static String sha256(Path file) {
        return KcpGoLockstep.sha256(file);
    }
}
