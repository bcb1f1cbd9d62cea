package io.kcplab.interop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A running UDP peer ({@link NativeUdpPeer} or {@link GoSessionPeer}): its process, the JSON lines it printed
 * (parsed as they come), and bounded ways to wait for it and to stop it. Closing it stops the process.
 *
 * <p>Output contract of both peers: every stdout line is one JSON object with an {@code event} field:
 * {@code listening} (servers, once bound: {@code port}), {@code session} (servers, one per finished
 * conversation), {@code result} (the final line of every mode but bench) or {@code bench}.
 */
public final class PeerProcess implements AutoCloseable {

    /** How a peer ended: exit code (0 ok, 1 verification failure, 2 usage, 3 timeout), its lines and stderr. */
    public record Result(int exitCode, Map<String, Object> result, List<Map<String, Object>> sessions,
                         List<String> stdout, String stderr) {

        /** Exit code 0 and {@code "ok":true} in the final line. */
        public boolean ok() {
            return exitCode == 0 && result != null && Boolean.TRUE.equals(result.get("ok"));
        }

        public String string(String key) {
            Object v = result == null ? null : result.get(key);
            return v == null ? null : v.toString();
        }

        public long number(String key) {
            Object v = result == null ? null : result.get(key);
            if (!(v instanceof Number n)) {
                throw new IllegalStateException("no number '" + key + "' in " + result);
            }
            return n.longValue();
        }

        public double decimal(String key) {
            Object v = result == null ? null : result.get(key);
            if (!(v instanceof Number n)) {
                throw new IllegalStateException("no number '" + key + "' in " + result);
            }
            return n.doubleValue();
        }

        /** For failure messages: exit code, output and stderr. */
        public String describe() {
            return "exit " + exitCode + "\nstdout:\n" + String.join("\n", stdout) + "\nstderr:\n" + stderr;
        }
    }

    private final String name;
    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private final List<Map<String, Object>> sessions = new ArrayList<>();
    private final CompletableFuture<Integer> port = new CompletableFuture<>();
    private final CompletableFuture<Void> stdoutDone = new CompletableFuture<>();
    private final CompletableFuture<Void> stderrDone = new CompletableFuture<>();
    private final StringBuffer stderr = new StringBuffer();
    private Map<String, Object> result;

    private PeerProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        Thread out = new Thread(this::readStdout, name + "-stdout");
        out.setDaemon(true);
        out.start();
        Thread err = new Thread(() -> drain(process.getErrorStream()), name + "-stderr");
        err.setDaemon(true);
        err.start();
    }

    /** Starts {@code exe args...}; stdin is closed at once. */
    public static PeerProcess start(String name, Path exe, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(exe.toString());
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        p.getOutputStream().close();
        return new PeerProcess(name, p);
    }

    public Process process() {
        return process;
    }

    /** The UDP port a server reported in its {@code listening} line; fails if it exits or takes longer. */
    public int port(Duration timeout) {
        try {
            return port.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException(name + " did not report its port within " + timeout);
        } catch (ExecutionException e) {
            throw new IllegalStateException(name + " exited before listening: " + snapshot().describe(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The final {@code result} (or {@code bench}) line so far, or null. */
    public synchronized Map<String, Object> result() {
        return result;
    }

    /** The {@code session} lines so far. */
    public synchronized List<Map<String, Object>> sessions() {
        return List.copyOf(sessions);
    }

    /** Waits for the process to exit by itself; on timeout it is killed and an exception says so. */
    public Result await(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
                throw new IllegalStateException(name + " did not exit within " + timeout + "; killed. "
                        + snapshot().describe());
            }
        } catch (InterruptedException e) {
            kill();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        return finish();
    }

    /**
     * Asks the peer to stop (SIGTERM: it prints its result and exits), waits up to {@code timeout}, then kills it.
     */
    public Result stop(Duration timeout) {
        if (process.isAlive()) {
            // SIGTERM through the handle: Process.destroy() would also close our end of the peer's stdout
            process.toHandle().destroy();
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    kill();
                }
            } catch (InterruptedException e) {
                kill();
                Thread.currentThread().interrupt();
            }
        }
        return finish();
    }

    /** SIGKILL, and waits (bounded) for the process to be gone. */
    public void kill() {
        process.toHandle().destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            stop(Duration.ofSeconds(3));
        }
    }

    private Result finish() {
        try {
            // both pipes to their end: a process can exit before its last stderr line reached our reader
            CompletableFuture.allOf(stdoutDone, stderrDone).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // output still flowing from a killed process: report what there is
        }
        return snapshot();
    }

    private synchronized Result snapshot() {
        int code = process.isAlive() ? -1 : process.exitValue();
        return new Result(code, result, List.copyOf(sessions), List.copyOf(lines), stderr.toString());
    }

    private void readStdout() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                Map<String, Object> json = null;
                if (line.startsWith("{")) {
                    try {
                        json = PeerJson.parseObject(line);
                    } catch (IllegalArgumentException e) {
                        json = null;
                    }
                }
                synchronized (this) {
                    lines.add(line);
                    if (json != null) {
                        Object event = json.get("event");
                        if ("listening".equals(event) && json.get("port") instanceof Number n) {
                            port.complete(n.intValue());
                        } else if ("session".equals(event)) {
                            sessions.add(json);
                        } else if ("result".equals(event) || "bench".equals(event)) {
                            result = json;
                        }
                    }
                }
            }
        } catch (IOException e) {
            // the process went away
        } finally {
            port.completeExceptionally(new IllegalStateException(name + " closed its output"));
            stdoutDone.complete(null);
        }
    }

    private void drain(InputStream in) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (stderr.length() < 64 * 1024) {
                    stderr.append(line).append('\n');
                }
            }
        } catch (IOException e) {
            // the process went away
        } finally {
            stderrDone.complete(null);
        }
    }
}
