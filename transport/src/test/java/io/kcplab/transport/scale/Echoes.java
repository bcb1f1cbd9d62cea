package io.kcplab.transport.scale;

import io.kcplab.transport.KcpSession;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Seeded echo messages and their checks. Message {@code seq} of client {@code idx} is 32..100 bytes: the client
 * index and the sequence number (big-endian ints), then bytes drawn from a stream seeded by (seed, idx, seq); the
 * receiver rebuilds the expected message and compares every byte, and checks that each client's echoes come back
 * in order, none missing.
 */
final class Echoes {

    static final int MIN_SIZE = 32;
    static final int MAX_SIZE = 100;

    private final long seed;
    private final AtomicIntegerArray sent;
    private final AtomicIntegerArray received;
    final AtomicLong totalSent = new AtomicLong();
    final AtomicLong totalReceived = new AtomicLong();
    final AtomicLong corrupt = new AtomicLong();
    final AtomicLong outOfOrder = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[2048]);

    Echoes(long seed, int clients) {
        this.seed = seed;
        this.sent = new AtomicIntegerArray(clients);
        this.received = new AtomicIntegerArray(clients);
    }

    static byte[] message(long seed, int idx, int seq) {
        SplittableRandom r = new SplittableRandom(seed ^ (idx * 0x9E3779B97F4A7C15L) ^ (seq * 0xC2B2AE3D27D4EB4FL));
        byte[] m = new byte[MIN_SIZE + r.nextInt(MAX_SIZE - MIN_SIZE + 1)];
        for (int i = 8; i < m.length; i++) {
            m[i] = (byte) r.nextInt(256);
        }
        ByteBuffer.wrap(m).putInt(idx).putInt(seq);
        return m;
    }

    /** Sends client {@code idx}'s next message (any thread; one sender per client at a time). */
    void send(KcpSession c, int idx) throws IOException {
        int seq = sent.get(idx);
        byte[] m = message(seed, idx, seq);
        c.sendMessage(m, 0, m.length);
        sent.set(idx, seq + 1);
        totalSent.incrementAndGet();
    }

    /** The client's onReadable callback: reads every buffered echo and checks it (runs on the client's loop). */
    Runnable verifier(KcpSession c, int idx) {
        return () -> {
            byte[] buf = SCRATCH.get();
            try {
                int n;
                while ((n = c.readNow(buf, 0, buf.length)) > 0) {
                    check(idx, buf, n);
                }
            } catch (IOException | RuntimeException e) {
                if (c.isOpen()) { // the callback also runs once at close, when readNow throws after a local close
                    errors.incrementAndGet();
                }
            }
        };
    }

    private void check(int idx, byte[] buf, int n) {
        if (n < 8) {
            corrupt.incrementAndGet();
            return;
        }
        ByteBuffer b = ByteBuffer.wrap(buf, 0, n);
        int gotIdx = b.getInt();
        int seq = b.getInt();
        int want = received.get(idx);
        byte[] expected = message(seed, idx, want);
        if (gotIdx != idx || seq != want) {
            byte[] asSent = seq >= 0 && gotIdx == idx ? message(seed, idx, seq) : null;
            if (asSent != null && Arrays.equals(asSent, 0, asSent.length, buf, 0, n)) {
                outOfOrder.incrementAndGet(); // intact, but not the one due
            } else {
                corrupt.incrementAndGet();
            }
            return;
        }
        if (!Arrays.equals(expected, 0, expected.length, buf, 0, n)) {
            corrupt.incrementAndGet();
            return;
        }
        received.set(idx, want + 1);
        totalReceived.incrementAndGet();
    }

    int sent(int idx) {
        return sent.get(idx);
    }

    int received(int idx) {
        return received.get(idx);
    }

    /** The server's onReadable callback: echoes every buffered message from the event loop (small: never waits). */
    static Runnable echoer(KcpSession s, AtomicLong serverErrors) {
        return () -> {
            byte[] buf = SCRATCH.get();
            try {
                int n;
                while ((n = s.readNow(buf, 0, buf.length)) > 0) {
                    s.sendMessage(buf, 0, n);
                }
            } catch (IOException | RuntimeException e) {
                if (s.isOpen()) {
                    serverErrors.incrementAndGet();
                }
            }
        };
    }
}
