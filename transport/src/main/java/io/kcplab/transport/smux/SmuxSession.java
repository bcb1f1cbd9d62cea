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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

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
 * <p><b>Threads.</b> Two per session, both daemons: a reader ({@code smux-recv-N}) that decodes frames and
 * dispatches them, and a writer ({@code smux-send-N}) that takes frames from a priority queue, control frames first
 * and data by the stream's frame (v1) or byte (v2) counter, as smux's shaper, and writes each (as one snappy chunk
 * when compression is on). The keepalive timers of all sessions share one daemon thread. A stream write waits until
 * its frame is written, so the queue holds at most one data frame per writing thread; a read waits for data.
 *
 * <p>Nothing in the peer's bytes makes it throw: an invalid frame or a corrupt chunk ends the session with a
 * {@link #closeReason() reason} and a {@link #closeDetail() message} and is counted.
 */
public final class SmuxSession implements Closeable {

    /** The v2 window assumed for the peer before its first UPD. */
    public static final int INITIAL_PEER_WINDOW = 262144;

    private static final AtomicInteger IDS = new AtomicInteger();
    private static final ScheduledExecutorService KEEPALIVE;

    static {
        ScheduledThreadPoolExecutor ex = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "smux-keepalive");
            t.setDaemon(true);
            return t;
        });
        ex.setRemoveOnCancelPolicy(true);
        KEEPALIVE = ex;
    }

    /** Which end of the session: the client opens odd ids, the server even ones. */
    public enum Role {
        CLIENT, SERVER
    }

    private final Role role;
    private final SmuxConfig config;
    private final InputStream source;
    private final OutputStream sink;
    private final Closeable below;
    private final SnappyFraming framing;
    private final SnappyDeframer deframer;
    private final FrameDecoder decoder;
    private final SmuxCounters counters = new SmuxCounters();
    private final Map<Integer, SmuxStream> streams = new ConcurrentHashMap<>();
    private final int number = IDS.incrementAndGet();
    private final Thread reader;
    private final Thread writer;

    // send queue (lock: sendLock)
    private final Object sendLock = new Object();
    private final PriorityQueue<Pending> queue = new PriorityQueue<>(Pending::compare);
    private long sequence;

    // accept backlog (lock: itself)
    private final ArrayDeque<SmuxStream> accepts = new ArrayDeque<>();

    // receive bucket (lock: bucketLock)
    private final Object bucketLock = new Object();
    private long bucket;

    private final Object idLock = new Object();
    private long nextId;

    private volatile boolean dataReady;
    private volatile boolean closed;
    private volatile SmuxCloseReason closeReason;
    private volatile String closeDetail;
    private final List<ScheduledFuture<?>> timers = new ArrayList<>();
    private final AtomicLong wireOut = new AtomicLong();

    private SmuxSession(Role role, InputStream in, OutputStream out, Closeable below, SmuxConfig config) {
        this.role = role;
        this.config = config;
        this.below = below;
        this.sink = out;
        this.decoder = new FrameDecoder(config.version(), config.maxFrameSize());
        this.bucket = config.maxReceiveBuffer();
        this.nextId = role == Role.CLIENT ? 1 : 0;
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
        reader = new Thread(this::readLoop, "smux-recv-" + side + number);
        writer = new Thread(this::writeLoop, "smux-send-" + side + number);
        reader.setDaemon(true);
        writer.setDaemon(true);
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
        if (!config.keepAliveDisabled()) {
            long ping = config.keepAliveInterval().toMillis();
            long timeout = config.keepAliveTimeout().toMillis();
            synchronized (timers) {
                timers.add(KEEPALIVE.scheduleAtFixedRate(this::ping, ping, ping, TimeUnit.MILLISECONDS));
                timers.add(KEEPALIVE.scheduleAtFixedRate(this::checkAlive, timeout, timeout,
                        TimeUnit.MILLISECONDS));
            }
        }
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
        counters.set(Field.WireBytesOut, framing != null ? framing.bytesOut() : wireOut.get());
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
        synchronized (bucketLock) {
            return bucket;
        }
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
        byte[] wire = new byte[Frame.HEADER_SIZE + len];
        Frame.encodeHeader(wire, 0, config.version(), Frame.PSH, len, s.id());
        System.arraycopy(b, off, wire, Frame.HEADER_SIZE, len);
        Pending p;
        synchronized (sendLock) {
            ensureOpen();
            p = new Pending(wire, prio, sequence++, true);
            queue.add(p);
            sendLock.notifyAll();
        }
        synchronized (p) {
            while (!p.done) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    synchronized (sendLock) {
                        if (queue.remove(p)) {
                            throw new SocketTimeoutException("smux: write timed out");
                        }
                    }
                    left = TimeUnit.SECONDS.toNanos(1);
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(p, Math.min(left, TimeUnit.SECONDS.toNanos(1)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("smux: write interrupted");
                }
            }
            if (p.error != null) {
                throw p.error;
            }
        }
        counters.inc(Field.PshOut);
        counters.add(Field.BytesOut, len);
    }

    /** Queues a control frame (prio 0) without waiting. */
    void sendControl(Frame f) {
        synchronized (sendLock) {
            if (closed) {
                return;
            }
            queue.add(new Pending(f.encode(), 0, sequence++, false));
            sendLock.notifyAll();
        }
        switch (f.cmd()) {
            case Frame.SYN -> counters.inc(Field.SynOut);
            case Frame.FIN -> counters.inc(Field.FinOut);
            case Frame.NOP -> counters.inc(Field.NopOut);
            case Frame.UPD -> counters.inc(Field.UpdOut);
            default -> { }
        }
    }

    /** Application reads give tokens back. */
    void returnTokens(int n) {
        if (n <= 0) {
            return;
        }
        synchronized (bucketLock) {
            bucket += n;
            if (bucket > 0) {
                bucketLock.notifyAll();
            }
        }
    }

    /** A stream closed here: forget it, give back its unread bytes, send FIN. */
    void streamClosed(SmuxStream s, int unread) {
        if (streams.remove(s.id(), s)) {
            counters.inc(Field.StreamsClosed);
            returnTokens(unread);
            sendControl(Frame.control(config.version(), Frame.FIN, s.id()));
        }
    }

    // ---------------------------------------------------------------- reader

    private void readLoop() {
        byte[] rb = new byte[65536];
        try {
            while (!closed) {
                Frame f;
                while ((f = decoder.next()) != null) {
                    dispatch(f);
                    if (closed) {
                        return;
                    }
                }
                if (decoder.failed()) {
                    counters.inc(Field.ProtocolErrors);
                    end(SmuxCloseReason.PROTOCOL_ERROR, decoder.failure());
                    return;
                }
                awaitTokens();
                if (closed) {
                    return;
                }
                int n = source.read(rb, 0, rb.length);
                if (n < 0) {
                    end(SmuxCloseReason.CONNECTION_CLOSED, "the connection below reached its end");
                    return;
                }
                decoder.feed(rb, 0, n);
            }
        } catch (CorruptChunkException e) {
            counters.inc(Field.CorruptChunks);
            end(SmuxCloseReason.CORRUPT_COMPRESSION, e.getMessage());
        } catch (IOException | RuntimeException e) {
            end(SmuxCloseReason.CONNECTION_ERROR, "read: " + e);
        }
    }

    private void awaitTokens() {
        synchronized (bucketLock) {
            if (bucket > 0) {
                return;
            }
            counters.inc(Field.BucketStalls);
            while (bucket <= 0 && !closed) {
                try {
                    bucketLock.wait(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void dispatch(Frame f) {
        dataReady = true;
        counters.inc(Field.FramesIn);
        int sid = f.sid();
        switch (f.cmd()) {
            case Frame.NOP -> counters.inc(Field.NopIn);
            case Frame.SYN -> {
                counters.inc(Field.SynIn);
                if (streams.containsKey(sid)) {
                    return;
                }
                SmuxStream s = new SmuxStream(this, sid);
                synchronized (accepts) {
                    if (accepts.size() >= config.acceptBacklog()) {
                        counters.inc(Field.BacklogFull);
                        sendControl(Frame.control(config.version(), Frame.FIN, sid));
                        return;
                    }
                    streams.put(sid, s);
                    accepts.add(s);
                    accepts.notifyAll();
                }
            }
            case Frame.FIN -> {
                counters.inc(Field.FinIn);
                SmuxStream s = streams.get(sid);
                if (s == null) {
                    counters.inc(Field.UnknownStreamFrames);
                } else {
                    s.remoteFin();
                }
            }
            case Frame.PSH -> {
                counters.inc(Field.PshIn);
                int len = f.data().length;
                if (len == 0) {
                    return;
                }
                SmuxStream s = streams.get(sid);
                if (s == null || !s.push(f.data())) {
                    counters.inc(Field.UnknownStreamFrames);
                    counters.add(Field.DiscardedBytes, len);
                    return;
                }
                counters.add(Field.BytesIn, len);
                synchronized (bucketLock) {
                    bucket -= len;
                }
            }
            case Frame.UPD -> {
                counters.inc(Field.UpdIn);
                SmuxStream s = streams.get(sid);
                if (s == null) {
                    counters.inc(Field.UnknownStreamFrames);
                } else {
                    s.update(f.consumed(), f.window());
                }
            }
            default -> { }
        }
    }

    // ---------------------------------------------------------------- writer

    private void writeLoop() {
        while (true) {
            Pending p;
            synchronized (sendLock) {
                while (queue.isEmpty() && !closed) {
                    try {
                        sendLock.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) {
                    failAll();
                    return;
                }
                p = queue.poll();
            }
            try {
                if (framing != null) {
                    byte[] chunk = framing.encode(p.wire, 0, p.wire.length);
                    sink.write(chunk, 0, chunk.length);
                } else {
                    sink.write(p.wire, 0, p.wire.length);
                    wireOut.addAndGet(p.wire.length);
                }
                sink.flush();
                counters.inc(Field.FramesOut);
                p.complete(null);
            } catch (IOException | RuntimeException e) {
                IOException io = e instanceof IOException x ? x : new IOException(e);
                p.complete(io);
                end(SmuxCloseReason.CONNECTION_ERROR, "write: " + e);
                return;
            }
        }
    }

    private void failAll() {
        IOException e = closedException();
        for (Pending p : queue) {
            p.complete(e);
        }
        queue.clear();
    }

    // ---------------------------------------------------------------- keepalive and end

    private void ping() {
        if (!closed) {
            sendControl(Frame.control(config.version(), Frame.NOP, 0));
            synchronized (bucketLock) {
                bucketLock.notifyAll();
            }
        }
    }

    private void checkAlive() {
        if (closed) {
            return;
        }
        if (!dataReady) {
            if (receiveTokens() > 0) {
                counters.inc(Field.KeepaliveTimeouts);
                end(SmuxCloseReason.KEEPALIVE_TIMEOUT, "no frame for " + config.keepAliveTimeout().toSeconds()
                        + " s");
            }
        } else {
            dataReady = false;
        }
    }

    private void end(SmuxCloseReason reason, String detail) {
        synchronized (sendLock) {
            if (closed) {
                return;
            }
            closeReason = reason;
            closeDetail = detail;
            closed = true;
            sendLock.notifyAll();
        }
        synchronized (timers) {
            for (ScheduledFuture<?> t : timers) {
                t.cancel(false);
            }
            timers.clear();
        }
        try {
            below.close();
        } catch (IOException | RuntimeException ignored) {
            // already closing
        }
        synchronized (bucketLock) {
            bucketLock.notifyAll();
        }
        synchronized (accepts) {
            accepts.notifyAll();
        }
        for (SmuxStream s : streams.values()) {
            s.sessionClosed();
        }
        synchronized (sendLock) {
            failAll();
        }
    }

    /**
     * The send order, smux's shaper: the signed 32-bit difference of the priorities (control frames 0, v1 data the
     * stream's frame count, v2 data its byte count), then first come first served.
     */
    static int order(int prioA, long seqA, int prioB, long seqB) {
        int d = prioA - prioB;
        if (d != 0) {
            return d < 0 ? -1 : 1;
        }
        return Long.compare(seqA, seqB);
    }

    /** A frame waiting for the writer. */
    private static final class Pending {
        final byte[] wire;
        final int prio;
        final long seq;
        final boolean waited;
        boolean done;
        IOException error;

        Pending(byte[] wire, int prio, long seq, boolean waited) {
            this.wire = wire;
            this.prio = prio;
            this.seq = seq;
            this.waited = waited;
        }

        static int compare(Pending a, Pending b) {
            return order(a.prio, a.seq, b.prio, b.seq);
        }

        void complete(IOException e) {
            if (!waited) {
                return;
            }
            synchronized (this) {
                if (!done) {
                    done = true;
                    error = e;
                    notifyAll();
                }
            }
        }
    }

    /** Reads the uncompressed bytes of a snappy framed stream. */
    private static final class DeframingInputStream extends InputStream {
        private final InputStream in;
        private final SnappyDeframer deframer;
        private final byte[] raw = new byte[65536];
        private byte[] chunk;
        private int pos;

        DeframingInputStream(InputStream in, SnappyDeframer deframer) {
            this.in = in;
            this.deframer = deframer;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            while (chunk == null || pos == chunk.length) {
                chunk = deframer.next();
                pos = 0;
                if (chunk != null) {
                    continue;
                }
                if (deframer.failed()) {
                    throw new CorruptChunkException(deframer.failure());
                }
                int n = in.read(raw, 0, raw.length);
                if (n < 0) {
                    return -1;
                }
                deframer.feed(raw, 0, n);
            }
            int n = Math.min(len, chunk.length - pos);
            System.arraycopy(chunk, pos, b, off, n);
            pos += n;
            return n;
        }
    }

    /** A corrupt snappy chunk. */
    static final class CorruptChunkException extends IOException {
        private static final long serialVersionUID = 1L;

        CorruptChunkException(String message) {
            super(message);
        }
    }
}
