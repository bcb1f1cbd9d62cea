package io.kcplab.transport.smux;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Test helper: pushes {@code size} deterministic bytes (half random, half repeated text per 4 KiB, so snappy has
 * something to compress) into an output stream while a second thread reads the echo; compares SHA-256.
 */
public final class EchoCheck {

    private EchoCheck() {
    }

    public static byte[] data(long seed, int size) {
        byte[] b = new byte[size];
        Random r = new Random(seed);
        byte[] text = "KcpLab smux echo check; the quick brown fox jumps over the lazy dog. ".getBytes();
        for (int off = 0; off < size; off += 4096) {
            int n = Math.min(4096, size - off);
            int half = n / 2;
            byte[] rnd = new byte[half];
            r.nextBytes(rnd);
            System.arraycopy(rnd, 0, b, off, half);
            for (int i = half; i < n; i++) {
                b[off + i] = text[(i + off / 4096) % text.length];
            }
        }
        return b;
    }

    public static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** Writes {@code data} and reads back as many bytes; returns the SHA-256 of what came back. */
    public static String echo(InputStream in, OutputStream out, byte[] data) throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try {
                for (int off = 0; off < data.length; off += 65536) {
                    out.write(data, off, Math.min(65536, data.length - off));
                }
                out.flush();
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "echo-writer");
        writer.setDaemon(true);
        writer.start();
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        byte[] buf = new byte[65536];
        long got = 0;
        while (got < data.length) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, data.length - got));
            if (n < 0) {
                throw new IOException("echo ended after " + got + " of " + data.length + " bytes"
                        + (failure.get() != null ? "; writer: " + failure.get() : ""));
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
}
