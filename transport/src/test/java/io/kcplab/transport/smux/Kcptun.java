package io.kcplab.transport.smux;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Test helper: Debian's kcptun binaries, started on 127.0.0.1 only and stopped by their process handle. A missing
 * kcptun fails the test under CI=true and skips it elsewhere (the interop module's PeerAvailability rule).
 */
public final class Kcptun implements AutoCloseable {

    public static final String SERVER = "/usr/bin/kcptun-server";
    public static final String CLIENT = "/usr/bin/kcptun-client";

    private final Process process;
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch listening = new CountDownLatch(1);

    private Kcptun(List<String> command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        process = pb.start();
        Thread t = new Thread(() -> {
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
                // process ended
            }
        }, "kcptun-log");
        t.setDaemon(true);
        t.start();
    }

    /** Skips (or fails under CI=true) unless both binaries are there. */
    public static void require() {
        if (!new File(SERVER).canExecute() || !new File(CLIENT).canExecute()) {
            String message = "kcptun is not available (" + SERVER + " / " + CLIENT + " missing). Install it with: "
                    + "apt-get install kcptun";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message + " [CI=true: a missing peer fails the build]");
            }
            Assumptions.abort(message);
        }
    }

    /** Starts kcptun-server on 127.0.0.1:udpPort towards 127.0.0.1:targetPort with extra flags. */
    public static Kcptun server(int udpPort, int targetPort, List<String> flags) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(SERVER, "-l", "127.0.0.1:" + udpPort, "-t",
                "127.0.0.1:" + targetPort));
        cmd.addAll(flags);
        return new Kcptun(cmd).started();
    }

    /** Starts kcptun-client on 127.0.0.1:tcpPort towards 127.0.0.1:udpPort with extra flags. */
    public static Kcptun client(int tcpPort, int udpPort, List<String> flags) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(CLIENT, "-l", "127.0.0.1:" + tcpPort, "-r",
                "127.0.0.1:" + udpPort));
        cmd.addAll(flags);
        return new Kcptun(cmd).started();
    }

    private Kcptun started() throws IOException {
        try {
            if (!listening.await(10, TimeUnit.SECONDS)) {
                close();
                throw new IOException("kcptun did not start listening: " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return this;
    }

    public List<String> log() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    public static int freeTcpPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
