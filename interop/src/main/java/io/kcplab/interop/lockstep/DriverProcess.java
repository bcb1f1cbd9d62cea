package io.kcplab.interop.lockstep;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A lock-step driver program (C or Go) speaking the script protocol on stdin/stdout: scripts go in one after
 * another, each transcript comes back ending with "done"; "quit" ends the process. Not thread-safe.
 */
final class DriverProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final BufferedWriter stdin;
    private final BufferedReader stdout;
    private boolean hexMode;

    private DriverProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        this.stdin = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.US_ASCII),
                1 << 16);
        this.stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII),
                1 << 16);
    }

    /** Starts {@code exe}; {@code name} says which driver it is in errors. */
    static DriverProcess start(String name, Path exe) throws IOException {
        Process p = new ProcessBuilder(exe.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        return new DriverProcess(name, p);
    }

    /** Runs {@code script}; datagrams are printed as "len fnv64" or, with {@code hex}, as full hex bytes. */
    Transcript run(Script script, boolean hex) {
        try {
            if (hex != hexMode) {
                stdin.write(hex ? "mode hex\n" : "mode hash\n");
                hexMode = hex;
            }
            stdin.write(script.toText());
            stdin.flush();
            List<String> lines = new ArrayList<>(script.size() * 4 + 8);
            String line;
            while ((line = stdout.readLine()) != null) {
                if (line.equals("done")) {
                    return new Transcript(lines);
                }
                lines.add(line);
            }
            throw new IOException(name + " exited before finishing the script; exit code " + exitCodeOrRunning()
                    + "; script:\n" + script.toText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String exitCodeOrRunning() {
        try {
            return process.waitFor(2, TimeUnit.SECONDS) ? String.valueOf(process.exitValue()) : "still running";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    @Override
    public void close() {
        try {
            stdin.write("quit\n");
            stdin.close();
        } catch (IOException ignored) {
            // the process may already be gone; we stop it below either way
        }
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
