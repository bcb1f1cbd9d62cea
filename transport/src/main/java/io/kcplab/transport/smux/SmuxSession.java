package io.kcplab.transport.smux;

import io.kcplab.transport.KcpSession;
import io.kcplab.transport.smux.SmuxCounters.Field;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An smux 1.5.16 session (v1 or v2) over a byte stream, usually a {@link KcpSession}, optionally through kcptun's
 * snappy framing. It speaks the wire protocol of xtaci/smux as kcptun uses it: client stream ids 3, 5, 7, …,
 * server ids 2, 4, …; SYN opens a stream without a reply, FIN closes it (no half-close: a local close removes the
 * stream at once, later data for it is discarded); NOP every keepalive interval, and the session ends when no frame
 * arrived for a whole keepalive timeout (unless the receive bucket is exhausted); a session receive token bucket of
 * {@code maxReceiveBuffer} bytes (PSH bytes take tokens, application reads give them back, and while it is empty the
 * session stops reading the connection, so back-pressure reaches the peer through KCP's window); v2 per-stream
 * windows (the peer's starts at 262144; UPD after the first read and every {@code maxStreamBuffer/2} bytes read).
 *
 * <p><b>Threads.</b> Two per session, both daemons: a reader ({@code smux-recv-N}, {@link FrameReader}) that decodes
 * frames and dispatches them, and a writer ({@code smux-send-N}, {@link FrameWriter}) that takes frames from a
 * priority queue, control frames first and data by the stream's frame (v1) or byte (v2) counter, as smux's shaper,
 * and writes each (as one snappy chunk when compression is on). The keepalive timers of all sessions share one
 * daemon thread ({@link Keepalive}). A stream write waits until its frame is written, so the queue holds at most one
 * data frame per writing thread; a read waits for data. This class is the session's public face: it opens and
 * accepts streams and ends the session.
 *
 * <p>Nothing in the peer's bytes makes it throw: an invalid frame or a corrupt chunk ends the session with a
 * {@link #closeReason() reason} and a {@link #closeDetail() message} and is counted.
 */
public final class SmuxSession implements Closeable {

    /** The v2 window assumed for the peer before its first UPD. */
    public static final int INITIAL_PEER_WINDOW = 262144;

    private static final AtomicInteger IDS = new AtomicInteger();

    /** Which end of the session: the client opens odd ids, the server even ones. */
    public enum Role {
        CLIENT, SERVER
    }

    private final Role role;
    private final SmuxConfig config;
    private final Closeable below;
    private final SnappyFraming framing;
    private final SnappyDeframer deframer;
    private final SmuxCounters counters = new SmuxCounters();
    private final Map<Integer, SmuxStream> streams = new ConcurrentHashMap<>();
    private final ReceiveBucket bucket;
    private final Keepalive keepalive;
    private final FrameReader reader;
    private final FrameWriter writer;

    // accept backlog (lock: itself)
    private final ArrayDeque<SmuxStream> accepts = new ArrayDeque<>();

    private final Object idLock = new Object();
    private long nextId;

    private final Object endLock = new Object();
    private volatile boolean closed;
    private volatile SmuxCloseReason closeReason;
    private volatile String closeDetail;

    private SmuxSession(Role role, InputStream in, OutputStream out, Closeable below, SmuxConfig config) {
        this.role = role;
        this.config = config;
        this.below = below;
        this.bucket = new ReceiveBucket(config.maxReceiveBuffer(), counters);
        this.nextId = role == Role.CLIENT ? 1 : 0;
        InputStream source;
        if (config.compression()) {
            framing = new SnappyFraming();
            deframer = new SnappyDeframer();
            source = new DeframingInputStream(in, deframer);
        } else {
            framing = null;
            deframer = null;
            source = in;
        }
        String side = role == Role.CLIENT ? "c" : "s";
        int number = IDS.incrementAndGet();
        keepalive = new Keepalive(this, bucket, counters);
        reader = new FrameReader(this, source, counters, bucket, keepalive, "smux-recv-" + side + number);
        writer = new FrameWriter(this, out, framing, counters, "smux-send-" + side + number);
    }

    /** A client session (stream ids 3, 5, 7, …) over a KCP session; closing it closes the KCP session. */
    public static SmuxSession client(KcpSession kcp, SmuxConfig config) {
        return open(Role.CLIENT, kcp.inputStream(), kcp.outputStream(), kcp, config);
    }

    /** A server session (stream ids 2, 4, …) over a KCP session; closing it closes the KCP session. */
    public static SmuxSession server(KcpSession kcp, SmuxConfig config) {
        return open(Role.SERVER, kcp.inputStream(), kcp.outputStream(), kcp, config);
    }

    /**
     * A session over any byte stream. {@code below} is closed when the session ends (smux sends no frame on
     * close). Starts the session's reader and writer threads and its keepalive.
     */
    public static SmuxSession open(Role role, InputStream in, OutputStream out, Closeable below, SmuxConfig config) {
        SmuxSession s = new SmuxSession(role, in, out, below, config);
        s.start();
        return s;
    }

    private void start() {
        reader.start();
        writer.start();
        keepalive.start();
    }

    public Role role() {
        return role;
    }

    public SmuxConfig config() {
        return config;
    }

    // ---------------------------------------------------------------- streams

    /** Opens a stream: sends SYN (no reply is awaited, data may follow at once). */
    public SmuxStream openStream() throws IOException {
        ensureOpen();
        int id;
        synchronized (idLock) {
            nextId += 2;
            if (nextId > 0xFFFFFFFFL) {
                throw new IOException("smux: stream ids exhausted (go away)");
            }
            id = (int) nextId;
        }
        SmuxStream s = new SmuxStream(this, id);
        streams.put(id, s);
        counters.inc(Field.StreamsOpened);
        sendControl(Frame.control(config.version(), Frame.SYN, id));
        return s;
    }

    /** Waits for a stream the peer opened. */
    public SmuxStream acceptStream() throws IOException {
        return acceptStream(null);
    }

    /**
     * Waits up to {@code timeout} (null: no limit) for a stream the peer opened.
     *
     * @throws SocketTimeoutException when the time passes
     * @throws IOException when the session is closed
     */
    public SmuxStream acceptStream(Duration timeout) throws IOException {
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        synchronized (accepts) {
            while (accepts.isEmpty()) {
                if (closed) {
                    throw closedException();
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new SocketTimeoutException("smux: accept timed out");
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(accepts, Math.min(left, TimeUnit.SECONDS.toNanos(1)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("smux: accept interrupted");
                }
            }
            counters.inc(Field.StreamsAccepted);
            return accepts.poll();
        }
    }

    /** Streams open now (opened or accepted, not yet closed here). */
    public int streamCount() {
        return streams.size();
    }

    public List<SmuxStream> streams() {
        return List.copyOf(streams.values());
    }

    public SmuxCounters counters() {
        counters.set(Field.WireBytesOut, writer.wireBytesOut());
        if (deframer != null) {
            counters.set(Field.ChunksIn, deframer.chunks());
            counters.set(Field.WireBytesIn, deframer.bytesIn());
        }
        if (framing != null) {
            counters.set(Field.ChunksOut, framing.chunks());
            counters.set(Field.RawChunksOut, framing.rawChunks());
        }
        return counters;
    }

    /** Tokens left in the receive bucket (may be negative: a frame is taken whole). */
    public long receiveTokens() {
        return bucket.tokens();
    }

    public boolean isClosed() {
        return closed;
    }

    public SmuxCloseReason closeReason() {
        return closeReason;
    }

    /** A one-line explanation of why the session ended (null while open). */
    public String closeDetail() {
        return closeDetail;
    }

    /** Waits until the session has ended. */
    public boolean awaitClosed(Duration timeout) throws InterruptedException {
        reader.join(Math.max(1, timeout.toMillis()));
        return closed;
    }

    /** Closes the session and the connection below; no frame is sent (as smux). Streams see the session closed. */
    @Override
    public void close() {
        end(SmuxCloseReason.LOCAL, "closed locally");
    }

    @Override
    public String toString() {
        return "SmuxSession[" + role + " v" + config.version() + " streams=" + streams.size()
                + (closed ? " closed " + closeReason + ": " + closeDetail : "") + "]";
    }

    // ---------------------------------------------------------------- internals used by streams

    IOException closedException() {
        return new IOException("smux session closed: " + closeReason + " (" + closeDetail + ")");
    }

    void ensureOpen() throws IOException {
        if (closed) {
            throw closedException();
        }
    }

    /** Sends a data frame and waits until it is written (or the deadline, in nanoTime, passes). */
    void sendData(SmuxStream s, byte[] b, int off, int len, int prio, long deadline) throws IOException {
        writer.sendData(s.id(), b, off, len, prio, deadline);
    }

    /** Queues a control frame (prio 0) without waiting. */
    void sendControl(Frame f) {
        writer.sendControl(f);
    }

    /** Application reads give tokens back. */
    void returnTokens(int n) {
        bucket.giveBack(n);
    }

    /** A stream closed here: forget it, give back its unread bytes, send FIN. */
    void streamClosed(SmuxStream s, int unread) {
        if (streams.remove(s.id(), s)) {
            counters.inc(Field.StreamsClosed);
            returnTokens(unread);
            sendControl(Frame.control(config.version(), Frame.FIN, s.id()));
        }
    }

    // ---------------------------------------------------------------- internals used by the reader

    /** The open stream with this id, or null. */
    SmuxStream stream(int id) {
        return streams.get(id);
    }

    /** The peer's SYN: a new stream waits in the accept backlog, or is refused with FIN while the backlog is full. */
    void peerOpened(int id) {
        if (streams.containsKey(id)) {
            return;
        }
        SmuxStream s = new SmuxStream(this, id);
        synchronized (accepts) {
            if (accepts.size() >= config.acceptBacklog()) {
                counters.inc(Field.BacklogFull);
                sendControl(Frame.control(config.version(), Frame.FIN, id));
                return;
            }
            streams.put(id, s);
            accepts.add(s);
            accepts.notifyAll();
        }
    }

    // ---------------------------------------------------------------- end

    /** Ends the session once, for the first reason given: closes the connection below and fails what waits. */
    void end(SmuxCloseReason reason, String detail) {
        synchronized (endLock) {
            if (closed) {
                return;
            }
            closeReason = reason;
            closeDetail = detail;
            closed = true;
        }
        writer.wake();
        keepalive.stop();
        try {
            below.close();
        } catch (IOException | RuntimeException ignored) {
            // already closing
        }
        bucket.wake();
        synchronized (accepts) {
            accepts.notifyAll();
        }
        for (SmuxStream s : streams.values()) {
            s.sessionClosed();
        }
        writer.failQueued();
    }
}
