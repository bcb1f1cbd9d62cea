package io.kcplab.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Builds the lock-step driver for kcp-go 5.6.1's KCP engine, {@code interop/src/main/go/kcplockstep}.
 *
 * <p>kcp.go reads the time only through {@code currentMs()} (the wall clock). A lock-step run needs the script's
 * time instead, so the build assembles a private package in the build folder, never in the source tree:
 * <pre>
 * &lt;kcplab.build.dir&gt;/go/kcplockstep-gopath/src/kcplab/kcpgo561/
 *     kcp.go              Debian's /usr/share/gocode/src/github.com/xtaci/kcp-go/kcp.go, SHA-256 checked, with the
 *                         one line "func currentMs() uint32 { ... time.Since(refTime) ... }" replaced by
 *                         "func currentMs() uint32 { return lockstepClock }" (nothing else changes)
 *     lockstep_hooks.go   interop/src/main/go/kcplockstep/lockstep_hooks.go.in (KcpLab's code: the clock, the
 *                         pool and counters kcp.go takes from sess.go/snmp.go, exported accessors)
 * </pre>
 * and builds {@code main.go} against it in GOPATH mode, offline ({@code GOPROXY=off}), into
 * {@code <kcplab.build.dir>/go/kcplockstep}. kcp.go and sess.go (whose {@code xmitBuf} the hooks reproduce) must have
 * the SHA-256 of kcp-go 5.6.1; any other version is reported by {@link #unavailableReason()} instead of being
 * compared. The binary is rebuilt when a source file is newer than it.
 */
public final class KcpGoLockstep {

    public static final String PROGRAM = "kcplockstep";
    public static final String INSTALL_HINT = GoVectors.INSTALL_HINT;
    /** The package the driver imports; exists only in the build folder. */
    static final String PACKAGE = "kcplab/kcpgo561";

    /** SHA-256 of the kcp-go 5.6.1 files the build reads (Debian golang-github-xtaci-kcp-dev 5.6.1-2). */
    static final Map<String, String> SHA256 = Map.of(
            "kcp.go", "5c0162aa237b4f2db02e973d5ee36f6319eb50859a3072ff848415024fb99b21",
            "sess.go", "e6ddd9b68e7072d910a67d73878a4824aaa4f6edc0de5f53c9cdaba94d7382d0");

    static final String CLOCK_LINE =
            "func currentMs() uint32 { return uint32(time.Since(refTime) / time.Millisecond) }";
    static final String CLOCK_PATCH = "func currentMs() uint32 { return lockstepClock }";
    static final String HOOKS = "lockstep_hooks.go.in";

    private static final long BUILD_TIMEOUT_S = 300;
    private static Path built;

    private KcpGoLockstep() {
    }

    /** Why the driver cannot be built here (go missing, kcp-go missing or not 5.6.1, sources not found), or empty. */
    public static Optional<String> unavailableReason() {
        if (!Commands.runs("go", "version")) {
            return Optional.of("'go version' did not run");
        }
        for (Map.Entry<String, String> e : SHA256.entrySet()) {
            Path file = GoVectors.KCP_GO.resolve(e.getKey());
            if (!Files.isRegularFile(file)) {
                return Optional.of("kcp-go sources not found at " + GoVectors.KCP_GO);
            }
            String actual = sha256(file);
            if (!actual.equals(e.getValue())) {
                return Optional.of(file + " is not kcp-go 5.6.1's (sha256 " + actual + ", expected " + e.getValue()
                        + "); the lock-step driver patches exactly that file");
            }
        }
        if (GoVectors.sourceDir(PROGRAM) == null) {
            return Optional.of("interop/src/main/go/" + PROGRAM + " not found (set KCPLAB_REPO_ROOT)");
        }
        return Optional.empty();
    }

    /**
     * Assembles the patched package, builds the driver if needed and returns its path. The system property
     * {@code kcplab.kcpgo.driver} names a prebuilt driver to use instead (to check that the suite catches a
     * deliberately mutated kcp.go; see docs/kcp-go-lockstep.md).
     */
    public static synchronized Path binary() {
        if (built != null) {
            return built;
        }
        String override = System.getProperty("kcplab.kcpgo.driver");
        if (override != null && !override.isBlank()) {
            built = Paths.get(override).toAbsolutePath();
            return built;
        }
        Optional<String> why = unavailableReason();
        if (why.isPresent()) {
            throw new IllegalStateException("kcp-go lock-step driver unavailable: " + why.get()
                    + ". Install with: " + INSTALL_HINT);
        }
        Path src = GoVectors.sourceDir(PROGRAM);
        Path goDir = Paths.get(System.getProperty("kcplab.build.dir", "target")).toAbsolutePath().resolve("go");
        Path gopath = goDir.resolve(PROGRAM + "-gopath");
        Path pkg = gopath.resolve("src").resolve(PACKAGE);
        Path exe = goDir.resolve(PROGRAM);
        try {
            Files.createDirectories(pkg);
            long stamp = Files.isExecutable(exe) ? Files.getLastModifiedTime(exe).toMillis() : -1;
            long newest = Math.max(newest(src),
                    Files.getLastModifiedTime(GoVectors.KCP_GO.resolve("kcp.go")).toMillis());
            if (stamp < 0 || newest > stamp) {
                writePatchedKcp(pkg.resolve("kcp.go"));
                Files.copy(src.resolve(HOOKS), pkg.resolve("lockstep_hooks.go"), StandardCopyOption.REPLACE_EXISTING);
                Path tmp = goDir.resolve(PROGRAM + ".tmp");
                ProcessBuilder pb = new ProcessBuilder("go", "build", "-o", tmp.toString(), ".").directory(src.toFile())
                        .redirectErrorStream(true);
                Map<String, String> env = pb.environment();
                env.put("GO111MODULE", "off");
                env.put("GOPATH", gopath.toString());
                env.put("GOCACHE", goDir.resolve("gocache").toString());
                env.put("GOPROXY", "off");
                env.put("GOFLAGS", "");
                env.put("GOTOOLCHAIN", "local");
                env.put("CGO_ENABLED", "0");
                Process p = pb.start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(BUILD_TIMEOUT_S, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException("go build (" + PROGRAM + ") did not finish in " + BUILD_TIMEOUT_S
                            + " s");
                }
                if (p.exitValue() != 0) {
                    throw new IllegalStateException("go build (" + PROGRAM + ") exited with " + p.exitValue() + ":\n"
                            + out);
                }
                Files.move(tmp, exe, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building " + PROGRAM, e);
        }
        built = exe;
        return exe;
    }

    /** kcp.go with its clock replaced; fails if the line to patch is not there exactly once. */
    static String patchedKcpGo() throws IOException {
        Path original = GoVectors.KCP_GO.resolve("kcp.go");
        String text = Files.readString(original, StandardCharsets.UTF_8);
        String sha = sha256(original);
        if (!sha.equals(SHA256.get("kcp.go"))) {
            throw new IllegalStateException(original + " is not kcp-go 5.6.1's kcp.go (sha256 " + sha + ")");
        }
        int at = text.indexOf(CLOCK_LINE);
        if (at < 0 || text.indexOf(CLOCK_LINE, at + 1) >= 0) {
            throw new IllegalStateException("kcp.go: the currentMs() line to patch was not found exactly once");
        }
        return "// Generated by KcpLab (io.kcplab.interop.KcpGoLockstep) at build time from " + original + "\n"
                + "// (kcp-go 5.6.1, sha256 " + sha + "): currentMs() returns the lock-step clock.\n"
                + "// Never commit this file.\n"
                + text.replace(CLOCK_LINE, CLOCK_PATCH);
    }

    private static void writePatchedKcp(Path target) throws IOException {
        Path tmp = target.resolveSibling("kcp.go.tmp");
        Files.writeString(tmp, patchedKcpGo(), StandardCharsets.UTF_8);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static long newest(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.mapToLong(f -> {
                try {
                    return Files.getLastModifiedTime(f).toMillis();
                } catch (IOException e) {
                    return Long.MAX_VALUE;
                }
            }).max().orElse(Long.MAX_VALUE);
        }
    }

    static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
