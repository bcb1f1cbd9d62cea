package io.kcplab.interop.lockstep;

import io.kcplab.interop.KcpGoLockstep;

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
 * One running kcp-go lock-step driver ({@code interop/src/main/go/kcplockstep}, see {@link KcpGoLockstep}) that runs
 * scripts one after another in the same process and returns their transcripts: the kcp-go 5.6.1 counterpart of
 * {@link NativeDriver}. Not thread-safe: one caller at a time.
 */
public final class KcpGoDriver implements AutoCloseable {

    private final Process process;
    private final BufferedWriter stdin;
    private final BufferedReader stdout;
    private boolean hexMode;

    private KcpGoDriver(Process process) {
        this.process = process;
        this.stdin = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.US_ASCII),
                1 << 16);
        this.stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII),
                1 << 16);
    }

    /** Builds the driver if needed and starts it. */
    public static KcpGoDriver start() throws IOException {
        Path exe = KcpGoLockstep.binary();
        Process p = new ProcessBuilder(exe.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        return new KcpGoDriver(p);
    }

    /** Runs {@code script}; datagrams are printed as "len fnv64" or, with {@code hex}, as full hex bytes. */
    public Transcript run(Script script, boolean hex) {
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
            throw new IOException("kcp-go driver exited before finishing the script; exit code "
                    + exitCodeOrRunning() + "; script:\n" + script.toText());
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
