package io.kcplab.interop.live;

import io.kcplab.interop.SeededStream;
import io.kcplab.transport.KcpSession;
import io.kcplab.transport.SessionStats;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Java end of a live transfer: on one {@link KcpSession}, sends {@code sendBytes} of the peers' seeded stream
 * ({@link SeededStream}, the same bytes as the C and Go peers' {@code --seed}) while receiving {@code recvBytes}
 * and checking every received byte against the stream of {@code recvSeed}; SHA-256 of both directions. In message
 * mode it sends messages of exactly {@code msgSize} bytes (the last one shorter), and checks that every received
 * message has that size, as the peers do.
 */
final class JavaTransfer {

    private static final int STREAM_CHUNK = 64 << 10;

    /** What the Java end did. {@code error} is null when its side of the transfer completed and verified. */
    record Result(long sent, long received, long messagesSent, long messagesReceived, String sha256Sent,
                  String sha256Received, double sendSeconds, double receiveSeconds, double seconds,
                  SessionStats stats, String error) {
        boolean ok() {
            return error == null;
        }
    }

    private JavaTransfer() {
    }

    /**
     * Runs both directions on two threads, bounded by {@code total} as a whole. Returns once everything was written
     * and everything expected was received. The session stays open (the caller closes it after the peer has finished).
     */
    static Result run(KcpSession session, long sendBytes, long sendSeed, long recvBytes, long recvSeed, int msgSize,
                      Duration total) {
        long t0 = System.nanoTime();
        Side sender = new Side();
        Side receiver = new Side();
        CompletableFuture<Void> send = CompletableFuture.runAsync(() -> send(session, sendBytes, sendSeed, msgSize,
                sender, t0), daemon("live-java-send"));
        CompletableFuture<Void> recv = CompletableFuture.runAsync(() -> receive(session, recvBytes, recvSeed, msgSize,
                receiver, t0), daemon("live-java-recv"));
        String error = null;
        try {
            CompletableFuture.allOf(send, recv).get(total.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            error = "Java end did not finish within " + total;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        } catch (ExecutionException e) {
            error = "Java end failed: " + e.getCause();
        }
        if (error == null) {
            error = sender.error != null ? "send: " + sender.error : receiver.error != null ? "receive: "
                    + receiver.error : null;
        }
        if (error != null) {
            // wake whichever side still blocks; the caller closes the session
            session.setDeadline(java.time.Instant.now());
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        // a digest is read only once its thread is done (after an error a thread may still be running)
        return new Result(sender.bytes, receiver.bytes, sender.messages, receiver.messages,
                error == null ? sender.hex() : "-", error == null ? receiver.hex() : "-", sender.doneSeconds,
                receiver.doneSeconds, seconds, session.stats(),
                error == null ? null : error + " [sent " + sender.bytes + "/" + sendBytes + ", received "
                        + receiver.bytes + "/" + recvBytes + ", " + session + ", " + brief(session.stats()) + "]");
    }

    static String brief(SessionStats s) {
        return "srtt " + s.srtt() + " ms, rto " + s.rto() + " ms, cwnd " + s.cwnd() + ", waitsnd " + s.waitSnd()
                + ", retrans " + s.retransmissions() + ", fast " + s.fastRetransmissions() + ", fec "
                + s.fecRecovered() + ", datagrams in/out " + s.datagramsIn() + "/" + s.datagramsOut();
    }

    private static java.util.concurrent.Executor daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            t.start();
        };
    }

    /**
     * Writes everything; it does not wait for the acknowledgements: the peers stop answering 200 ms after they
     * have everything (their linger), so the last ACKs may be lost for good. The peer's own report (all bytes,
     * SHA-256) is what proves delivery; the session stays open until the peer has exited.
     */
    private static void send(KcpSession s, long bytes, long seed, int msgSize, Side side, long t0) {
        try {
            boolean messages = !s.isStreamMode();
            byte[] buf = new byte[messages ? msgSize : STREAM_CHUNK];
            SeededStream stream = new SeededStream(seed);
            while (side.bytes < bytes) {
                int n = (int) Math.min(buf.length, bytes - side.bytes);
                stream.fill(buf, 0, n);
                s.write(buf, 0, n);
                side.md.update(buf, 0, n);
                side.bytes += n;
                side.messages++;
            }
            side.doneSeconds = (System.nanoTime() - t0) / 1e9;
        } catch (Exception e) {
            side.error = e.toString();
        }
    }

    private static void receive(KcpSession s, long bytes, long seed, int msgSize, Side side, long t0) {
        try {
            boolean messages = !s.isStreamMode();
            byte[] buf = new byte[messages ? s.options().maxMessageSize() : STREAM_CHUNK];
            byte[] expect = new byte[buf.length];
            SeededStream stream = new SeededStream(seed);
            while (side.bytes < bytes) {
                int n = s.read(buf, 0, messages ? buf.length : (int) Math.min(buf.length, bytes - side.bytes));
                if (n < 0) {
                    side.error = "end of session after " + side.bytes + " of " + bytes + " bytes ("
                            + s.closeReason() + ")";
                    return;
                }
                if (messages) {
                    long want = Math.min(msgSize, bytes - side.bytes);
                    if (n != want) {
                        side.error = "message " + side.messages + " has " + n + " bytes, expected " + want
                                + " (message boundary lost)";
                        return;
                    }
                }
                if (side.bytes + n > bytes) {
                    side.error = "received more than the " + bytes + " bytes expected";
                    return;
                }
                stream.fill(expect, 0, n);
                int at = Arrays.mismatch(buf, 0, n, expect, 0, n);
                if (at >= 0) {
                    side.error = "received byte " + (side.bytes + at) + " differs from the seeded stream";
                    return;
                }
                side.md.update(buf, 0, n);
                side.bytes += n;
                side.messages++;
            }
            side.doneSeconds = (System.nanoTime() - t0) / 1e9;
        } catch (Exception e) {
            side.error = e.toString();
        }
    }

    private static final class Side {
        final MessageDigest md;
        volatile long bytes;
        volatile long messages;
        volatile double doneSeconds = -1;
        volatile String error;
        private String hex;

        Side() {
            try {
                md = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        synchronized String hex() {
            if (hex == null) {
                hex = HexFormat.of().formatHex(md.digest());
            }
            return hex;
        }
    }
}
