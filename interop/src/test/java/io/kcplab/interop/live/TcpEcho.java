package io.kcplab.interop.live;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

/** A TCP echo server on 127.0.0.1 (a thread per connection) and the client side of an echo check by SHA-256. */
final class TcpEcho implements AutoCloseable {

    private final ServerSocket server;

    TcpEcho() throws IOException {
        server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        daemon(this::acceptLoop, "tcp-echo-accept");
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                daemon(() -> {
                    try (s) {
                        s.getInputStream().transferTo(s.getOutputStream());
                    } catch (IOException ignored) {
                        // the peer went away
                    }
                }, "tcp-echo");
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    /** {@code size} bytes from {@code seed}: incompressible, so compression cannot hide a loss. */
    static byte[] data(long seed, int size) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    /** Writes {@code data} on one thread while reading as many bytes back; returns the SHA-256 of the echo. */
    static String echo(Socket s, byte[] data) throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        OutputStream out = s.getOutputStream();
        Thread writer = daemon(() -> {
            try {
                out.write(data);
                out.flush();
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "tcp-echo-writer");
        InputStream in = s.getInputStream();
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        byte[] buf = new byte[65536];
        long got = 0;
        while (got < data.length) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, data.length - got));
            if (n < 0) {
                throw new IOException("echo ended after " + got + " of " + data.length + " bytes; writer: "
                        + failure.get());
            }
            md.update(buf, 0, n);
            got += n;
        }
        writer.join(10_000);
        if (failure.get() != null) {
            throw new IOException("writer failed", failure.get());
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
