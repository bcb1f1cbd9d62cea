package io.kcplab.scenarios.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Puts {@code System.err} back on the user's stderr. The JDK prints "WARNING: Using incubator modules" on fd 2
 * before {@code main} runs and has no switch to silence it, so {@code ./kcplab} starts the JVM with fd 2 going
 * through a filter and the real stderr on another descriptor ({@code -Dkcplab.stderr.fd=3}). Filtering everything
 * would reorder stderr against stdout (the filter is a second process), so only what the JVM itself prints goes
 * through it; everything KcpLab prints goes straight to the real stderr, in order with stdout.
 */
final class OriginalStderr {

    /** How to reach the original stderr. */
    enum Route {
        /** It is the same file, pipe or terminal as stdout: write through fd 1, which keeps the order exactly. */
        STDOUT,
        /** Another file: open it in append mode (a new offset would overwrite what is there). */
        REOPEN,
        /** Not reachable (no such descriptor, a socket): keep the filtered stderr. */
        KEEP
    }

    private OriginalStderr() {
    }

    /** Called first in {@code main}; does nothing unless {@code ./kcplab} passed the descriptor. */
    static void reattach() {
        String fd = System.getProperty("kcplab.stderr.fd");
        if (fd == null || !fd.matches("\\d+")) {
            return;
        }
        Path original = Path.of("/proc/self/fd", fd);
        String encoding = System.getProperty("sun.stderr.encoding"); // set by the JDK when stderr is a terminal
        Charset cs = encoding != null && Charset.isSupported(encoding) ? Charset.forName(encoding)
                : Charset.defaultCharset();
        try {
            switch (route(original, Path.of("/proc/self/fd/1"))) {
                case STDOUT -> System.setErr(new PrintStream(new FileOutputStream(FileDescriptor.out), true, cs));
                case REOPEN -> System.setErr(new PrintStream(new FileOutputStream(original.toFile(), true), true, cs));
                case KEEP -> {
                }
            }
        } catch (IOException | RuntimeException e) {
            // stays on the filtered stderr: still complete, only perhaps out of order with stdout
        }
    }

    static Route route(Path original, Path stdout) {
        if (!Files.exists(original)) {
            return Route.KEEP;
        }
        try {
            if (Files.exists(stdout) && Files.isSameFile(original, stdout)) {
                return Route.STDOUT;
            }
        } catch (IOException e) {
            return Route.KEEP;
        }
        return Files.isDirectory(original) || !Files.isWritable(original) ? Route.KEEP : Route.REOPEN;
    }
}
