package io.kcplab.interop;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

/**
 * The native C peer: skywind3000's ikcp.c (as shipped in npm {@code node-kcp@1.0.13}) linked with KcpLab's own
 * lock-step driver {@code interop/src/main/c/ikcp_driver.c}, built on first use into
 * {@code <kcplab.build.dir>/native/} (fallback {@code interop/target/native/}).
 *
 * <p>Build steps: {@code npm pack node-kcp@1.0.13} (only if the tarball is not cached), check its SHA-256,
 * extract only {@code package/src/kcp/ikcp.c} and {@code ikcp.h} (with a small tar reader below), then
 * {@code gcc -O2 -fwrapv} twice: plain and with {@code -DIKCP_FASTACK_CONSERVE}. A binary is rebuilt only
 * when the driver source, the flags or the tarball change (a key file holds their hash). One build at a
 * time per JVM (synchronized) and per machine (a file lock), so parallel test forks share the result.
 * {@link #program} builds the other C programs of {@code interop/src/main/c} (the UDP peer) the same way.
 *
 * <p>{@code -fwrapv}: ikcp.c computes RTT statistics in signed 32-bit ints ({@code 4 * rx_rttval},
 * {@code 7 * rx_srtt + rtt}) that overflow when a corrupted ACK carries a far-away timestamp; that is undefined
 * behaviour in C. {@code -fwrapv} pins it to two's-complement wrapping, which is what gcc -O2 does on x86-64
 * anyway and what Java's int arithmetic does, so the oracle is deterministic on every input.
 */
public final class NativeIkcp {

    public static final String NPM_PACKAGE = "node-kcp@1.0.13";
    public static final String TARBALL = "node-kcp-1.0.13.tgz";
    public static final String TARBALL_SHA256 = "a907a52c2faca034128d53890acaec49fa0e8123431f2a94308d299898cac3e0";
    public static final String INSTALL_HINT = "apt-get install gcc nodejs npm";

    private static final String C_RESOURCE_DIR = "/io/kcplab/interop/c/";
    private static final String C_SOURCE_DIR = "interop/src/main/c";
    private static final List<String> BASE_FLAGS = List.of("-O2", "-fwrapv", "-std=c99");

    /** The two builds of ikcp.c 1.7 the Java engine must match. */
    public enum Profile {
        /** ikcp.c exactly as shipped. */
        PLAIN("plain", List.of()),
        /** ikcp.c with IKCP_FASTACK_CONSERVE (the default of upstream 1.7.1+); Java: setFastAckConserve(true). */
        CONSERVE("conserve", List.of("-DIKCP_FASTACK_CONSERVE"));

        public final String id;
        final List<String> flags;

        Profile(String id, List<String> flags) {
            this.id = id;
            this.flags = flags;
        }

        public boolean fastAckConserve() {
            return this == CONSERVE;
        }

        public static Profile byId(String id) {
            for (Profile p : values()) {
                if (p.id.equals(id)) {
                    return p;
                }
            }
            throw new IllegalArgumentException("unknown profile '" + id + "'; accepted: plain, conserve");
        }
    }

    /** npm or gcc is missing, or npm could not fetch the package: the peer cannot be built here. */
    public static final class UnavailableException extends IOException {
        private static final long serialVersionUID = 1L;

        public UnavailableException(String message) {
            super(message);
        }
    }

    private NativeIkcp() {
    }

    /** Module build folder: system property kcplab.build.dir, else $KCPLAB_REPO_ROOT/interop/target, else interop/target. */
    public static Path buildDir() {
        String p = System.getProperty("kcplab.build.dir");
        if (p != null && !p.isBlank()) {
            return Path.of(p);
        }
        String root = System.getenv("KCPLAB_REPO_ROOT");
        if (root != null && !root.isBlank()) {
            return Path.of(root, "interop", "target");
        }
        return Path.of("interop", "target");
    }

    public static Path nativeDir() {
        return buildDir().resolve("native").toAbsolutePath();
    }

    /** Null if npm and gcc can run here, else why not. */
    public static String missingTools() {
        List<String> missing = new ArrayList<>();
        if (!Commands.runs("gcc", "--version")) {
            missing.add("gcc");
        }
        if (!Commands.runs("npm", "--version")) {
            missing.add("npm");
        }
        return missing.isEmpty() ? null : String.join(" and ", missing) + " not found on PATH";
    }

    /** The driver executable for {@code profile}, built first if needed. */
    public static synchronized Path driver(Profile profile) throws IOException {
        return program("ikcp_driver", profile.id, profile.flags);
    }

    /**
     * A C program of KcpLab's ({@code interop/src/main/c/<name>.c}, resource {@code /io/kcplab/interop/c/<name>.c})
     * compiled with ikcp.c into {@code <native dir>/<name>-<variant>}, built first if needed: the same fetch,
     * checksum, extraction, flags ({@code -O2 -fwrapv -std=c99} + {@code extraFlags}), file lock and rebuild key
     * as the lock-step driver.
     */
    @SuppressWarnings("try") // the file lock is held for the block (other JVMs building the same program), never read
    public static synchronized Path program(String name, String variant, List<String> extraFlags) throws IOException {
        Path dir = nativeDir();
        Files.createDirectories(dir);
        try (FileChannel lockFile = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
             FileLock ignored = lockFile.lock()) {
            byte[] source = programSource(name + ".c");
            String exeName = name + "-" + variant;
            Path exe = dir.resolve(exeName);
            Path keyFile = dir.resolve(exeName + ".key");
            List<String> flags = new ArrayList<>(BASE_FLAGS);
            flags.addAll(extraFlags);
            String key = sha256Hex(concat(source, (String.join(" ", flags) + TARBALL_SHA256)
                    .getBytes(StandardCharsets.UTF_8)));
            if (Files.isExecutable(exe) && Files.exists(keyFile)
                    && Files.readString(keyFile).strip().equals(key)) {
                return exe;
            }
            String tools = missingTools();
            if (tools != null) {
                throw new UnavailableException(tools);
            }
            Path src = extractIkcp(dir);
            Path sourceFile = dir.resolve(name + ".c");
            Files.write(sourceFile, source);
            Path tmp = dir.resolve(exeName + ".tmp");
            List<String> cmd = new ArrayList<>();
            cmd.add("gcc");
            cmd.addAll(flags);
            cmd.addAll(List.of("-I", src.toString(), "-o", tmp.toString(), sourceFile.toString(),
                    src.resolve("ikcp.c").toString()));
            String out = run(cmd, dir, 180);
            if (!Files.isRegularFile(tmp)) {
                throw new IOException("gcc did not produce " + tmp + ": " + out);
            }
            Files.move(tmp, exe, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.writeString(keyFile, key + "\n");
            return exe;
        }
    }

    /** Fetches (if needed) and verifies the tarball, then extracts ikcp.c and ikcp.h; returns their folder. */
    private static Path extractIkcp(Path dir) throws IOException {
        Path tarball = dir.resolve(TARBALL);
        if (!Files.exists(tarball) || !sha256Hex(Files.readAllBytes(tarball)).equals(TARBALL_SHA256)) {
            Files.deleteIfExists(tarball);
            try {
                run(List.of("npm", "pack", NPM_PACKAGE, "--silent"), dir, 300);
            } catch (IOException e) {
                throw new UnavailableException("'npm pack " + NPM_PACKAGE + "' failed (offline?): " + e.getMessage());
            }
            if (!Files.exists(tarball)) {
                throw new UnavailableException("'npm pack " + NPM_PACKAGE + "' did not write " + tarball);
            }
        }
        String actual = sha256Hex(Files.readAllBytes(tarball));
        if (!actual.equals(TARBALL_SHA256)) {
            throw new IllegalStateException("SHA-256 of " + tarball + " is " + actual + " but " + NPM_PACKAGE
                    + " must be " + TARBALL_SHA256 + "; refusing to build C ikcp from an unknown source");
        }
        Path src = dir.resolve("ikcp");
        Files.createDirectories(src);
        int found = 0;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(tarball))) {
            byte[] header = new byte[512];
            while (readFully(in, header)) {
                String name = tarName(header);
                if (name.isEmpty()) {
                    break; // end-of-archive block
                }
                long size = Long.parseLong(cString(header, 124, 12).strip().isEmpty() ? "0"
                        : cString(header, 124, 12).strip(), 8);
                byte[] body = new byte[(int) size];
                if (!readFully(in, body)) {
                    throw new IOException("truncated tarball " + tarball + " at " + name);
                }
                long pad = (512 - size % 512) % 512;
                in.skipNBytes(pad);
                char type = (char) header[156];
                if ((type == '0' || type == 0) && (name.equals("package/src/kcp/ikcp.c")
                        || name.equals("package/src/kcp/ikcp.h"))) {
                    Files.write(src.resolve(name.substring(name.lastIndexOf('/') + 1)), body);
                    found++;
                }
            }
        }
        if (found != 2) {
            throw new IOException(tarball + " does not contain package/src/kcp/ikcp.c and ikcp.h");
        }
        return src;
    }

    private static String tarName(byte[] h) {
        String name = cString(h, 0, 100);
        String magic = cString(h, 257, 6);
        if (magic.startsWith("ustar")) {
            String prefix = cString(h, 345, 155);
            if (!prefix.isEmpty()) {
                return prefix + "/" + name;
            }
        }
        return name;
    }

    private static String cString(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && b[end] != 0) {
            end++;
        }
        return new String(b, off, end - off, StandardCharsets.US_ASCII);
    }

    private static boolean readFully(InputStream in, byte[] b) throws IOException {
        int n = in.readNBytes(b, 0, b.length);
        return n == b.length;
    }

    private static byte[] programSource(String file) throws IOException {
        String resource = C_RESOURCE_DIR + file;
        try (InputStream in = NativeIkcp.class.getResourceAsStream(resource)) {
            if (in != null) {
                return in.readAllBytes();
            }
        }
        List<Path> candidates = new ArrayList<>();
        String root = System.getenv("KCPLAB_REPO_ROOT");
        if (root != null) {
            candidates.add(Path.of(root, C_SOURCE_DIR, file));
        }
        candidates.add(Path.of(C_SOURCE_DIR, file));
        candidates.add(Path.of("src/main/c", file));
        for (Path p : candidates) {
            if (Files.isRegularFile(p)) {
                return Files.readAllBytes(p);
            }
        }
        throw new IOException(file + " is neither on the classpath (" + resource + ") nor at " + candidates);
    }

    private static String run(List<String> cmd, Path dir, int timeoutSeconds) throws IOException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            p.getInputStream().transferTo(out);
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", cmd) + " timed out after " + timeoutSeconds + " s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + String.join(" ", cmd), e);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " exited with " + p.exitValue() + ": " + text);
        }
        return text;
    }

    static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = new byte[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
