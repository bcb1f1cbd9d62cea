package io.kcplab.interop.live;

import io.kcplab.interop.PeerAvailability;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Debian's kcptun-client or kcptun-server as a child process (127.0.0.1 addresses only), ready once it logs
 * "listening on"; stopped by its own handle. {@link #require} applies the interop rule for a missing peer.
 */
@SuppressWarnings("try") // resources held open for a block without being read; closers that wait for threads
final class KcptunProcess implements AutoCloseable {

    static final String CLIENT = "/usr/bin/kcptun-client";
    static final String SERVER = "/usr/bin/kcptun-server";

    private final Process process;
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch listening = new CountDownLatch(1);

    private KcptunProcess(List<String> command) throws IOException {
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Thread reader = new Thread(this::readLog, "kcptun-log");
        reader.setDaemon(true);
        reader.start();
    }

    static void require() {
        for (String binary : List.of(CLIENT, SERVER)) {
            if (!new File(binary).canExecute()) {
                PeerAvailability.missing("kcptun", binary + " is missing", "apt-get install kcptun");
            }
        }
    }

    /** Starts {@code binary} with {@code args} and waits (10 s at most) until it listens. */
    static KcptunProcess start(String binary, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(binary);
        command.addAll(args);
        KcptunProcess p = new KcptunProcess(command);
        if (!p.listening.await(10, TimeUnit.SECONDS)) {
            p.close();
            throw new IOException("kcptun did not start listening: " + p.log());
        }
        return p;
    }

    private void readLog() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                log.add(line);
                if (line.contains("listening on")) {
                    listening.countDown();
                }
            }
        } catch (IOException ignored) {
            // the process ended
        }
    }

    List<String> log() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
