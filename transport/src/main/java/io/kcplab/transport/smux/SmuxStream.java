package io.kcplab.transport.smux;

import io.kcplab.transport.smux.SmuxCounters.Field;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * One smux stream: a full-duplex byte stream inside an {@link SmuxSession}. Reads return the peer's bytes, then -1
 * after its FIN; {@link #close()} sends FIN and forgets the stream at once (smux has no half-close). In v2 a write
 * waits while the peer's window is full ({@code peerWindow - (written - peerConsumed) <= 0}); a FIN from the peer
 * ends such a wait with an error. Thread-safe; one reader and one writer at a time is the intended use.
 */
public final class SmuxStream implements Closeable {

    private final SmuxSession session;
    private final int id;
    private final int version;
    private final int maxFrame;
    private final int streamBuffer;

    // receive side (lock: this)
    private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
    private int headOffset;
    private int buffered;
    private boolean remoteFin;
    private boolean localClosed;
    private boolean sessionClosed;
    private int numRead;
    private int incr;
    private long readDeadline = Long.MAX_VALUE;
    private long writeDeadline = Long.MAX_VALUE;

    // send side, v2 (lock: this)
    private int numWritten;
    private int frameCount;
    private int peerConsumed;
    private int peerWindow = SmuxSession.INITIAL_PEER_WINDOW;

    // counters
    private volatile long bytesRead;
    private volatile long bytesWritten;
    private volatile long framesIn;
    private volatile long updatesReceived;
    private volatile long updatesSent;
    private volatile long windowStalls;

    private final Object writeLock = new Object();
    private InputStream in;
    private OutputStream out;

    SmuxStream(SmuxSession session, int id) {
        this.session = session;
        this.id = id;
        this.version = session.config().version();
        this.maxFrame = session.config().maxFrameSize();
        this.streamBuffer = session.config().maxStreamBuffer();
    }

    /** The stream id (unsigned 32 bits: client 3, 5, 7, …; server 2, 4, …). */
    public int id() {
        return id;
    }

    public long idUnsigned() {
        return id & 0xFFFFFFFFL;
    }

    public SmuxSession session() {
        return session;
    }

    // ---------------------------------------------------------------- reading

    /**
     * Reads up to {@code len} bytes; waits for at least one. Returns -1 once the peer's FIN arrived and the buffer is
     * drained.
     *
     * @throws SocketTimeoutException when the read deadline passes
     * @throws IOException when the stream was closed here or the session ended
     */
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        int n = 0;
        boolean sendUpdate = false;
        int consumed = 0;
        synchronized (this) {
            while (buffered == 0) {
                if (localClosed) {
                    throw new IOException("smux: stream " + idUnsigned() + " is closed");
                }
                if (remoteFin) {
                    return -1;
                }
                if (sessionClosed) {
                    throw session.closedException();
                }
                long left = readDeadline - System.nanoTime();
                if (left <= 0) {
                    throw new SocketTimeoutException("smux: read timed out");
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, TimeUnit.SECONDS.toNanos(1)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("smux: read interrupted");
                }
            }
            while (n < len && !chunks.isEmpty()) {
                byte[] head = chunks.peekFirst();
                int k = Math.min(len - n, head.length - headOffset);
                System.arraycopy(head, headOffset, b, off + n, k);
                n += k;
                headOffset += k;
                if (headOffset == head.length) {
                    chunks.pollFirst();
                    headOffset = 0;
                }
            }
            buffered -= n;
            bytesRead += n;
            if (version == 2) {
                numRead += n;
                incr += n;
                // smux: an update after the first read, then whenever half the stream buffer was consumed
                if (incr >= streamBuffer / 2 || numRead == n) {
                    sendUpdate = true;
                    consumed = numRead;
                    incr = 0;
                }
            }
        }
        session.returnTokens(n);
        if (sendUpdate) {
            updatesSent++;
            session.sendControl(Frame.update(version, id, consumed, streamBuffer));
        }
        return n;
    }

    /** Bytes received and not yet read. */
    public synchronized int available() {
        return buffered;
    }

    /** Called by the session's reader; false if the stream is closed here (the bytes are dropped). */
    boolean push(byte[] data) {
        synchronized (this) {
            if (localClosed) {
                return false;
            }
            chunks.addLast(data);
            buffered += data.length;
            framesIn++;
            notifyAll();
            return true;
        }
    }

    synchronized void remoteFin() {
        remoteFin = true;
        notifyAll();
    }

    synchronized void update(int consumed, int window) {
        updatesReceived++;
        peerConsumed = consumed;
        peerWindow = window;
        notifyAll();
    }

    synchronized void sessionClosed() {
        sessionClosed = true;
        notifyAll();
    }

    /** True once the peer sent FIN. */
    public synchronized boolean isRemoteClosed() {
        return remoteFin;
    }

    // ---------------------------------------------------------------- writing

    /**
     * Writes all {@code len} bytes as PSH frames of at most the maximum frame size, each written before the next is
     * queued (v2: only as far as the peer's window allows, waiting for UPD).
     *
     * @throws SocketTimeoutException when the write deadline passes
     * @throws IOException when the stream is closed (here or by the peer) or the session ended
     */
    public void write(byte[] b, int off, int len) throws IOException {
        synchronized (writeLock) {
            int done = 0;
            while (done < len) {
                int sz;
                int prio;
                long deadline;
                synchronized (this) {
                    while (true) {
                        checkWritable();
                        if (version == 1) {
                            sz = Math.min(len - done, maxFrame);
                            break;
                        }
                        int inflight = numWritten - peerConsumed;
                        if (inflight < 0) {
                            throw new IOException("smux: peer consumed more than was written on stream "
                                    + idUnsigned() + " (protocol error)");
                        }
                        int win = peerWindow - inflight;
                        if (win > 0) {
                            sz = Math.min(Math.min(len - done, maxFrame), win);
                            break;
                        }
                        windowStalls++;
                        session.counters().inc(Field.WindowStalls);
                        long left = writeDeadline - System.nanoTime();
                        if (left <= 0) {
                            throw new SocketTimeoutException("smux: write timed out (peer window full)");
                        }
                        try {
                            TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, TimeUnit.SECONDS.toNanos(1)));
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new InterruptedIOException("smux: write interrupted");
                        }
                    }
                    prio = version == 1 ? frameCount : numWritten;
                    deadline = writeDeadline;
                }
                session.sendData(this, b, off + done, sz, prio, deadline);
                synchronized (this) {
                    frameCount++;
                    numWritten += sz;
                }
                bytesWritten += sz;
                done += sz;
            }
        }
    }

    private void checkWritable() throws IOException {
        if (localClosed) {
            throw new IOException("smux: stream " + idUnsigned() + " is closed");
        }
        if (sessionClosed) {
            throw session.closedException();
        }
        if (remoteFin) {
            throw new java.io.EOFException("smux: stream " + idUnsigned() + " was closed by the peer");
        }
    }

    // ---------------------------------------------------------------- deadlines, streams, close

    /** Read deadline (null: none); changing it wakes a waiting reader. */
    public synchronized void setReadDeadline(Instant at) {
        readDeadline = toNanos(at);
        notifyAll();
    }

    public synchronized void setWriteDeadline(Instant at) {
        writeDeadline = toNanos(at);
        notifyAll();
    }

    public void setDeadline(Instant at) {
        setReadDeadline(at);
        setWriteDeadline(at);
    }

    private static long toNanos(Instant at) {
        if (at == null) {
            return Long.MAX_VALUE;
        }
        long ms = Duration.between(Instant.now(), at).toNanos();
        return System.nanoTime() + ms;
    }

    public synchronized InputStream inputStream() {
        if (in == null) {
            in = new InputStream() {
                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    int n = SmuxStream.this.read(one, 0, 1);
                    return n < 0 ? -1 : one[0] & 0xFF;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    return SmuxStream.this.read(b, off, len);
                }

                @Override
                public int available() {
                    return SmuxStream.this.available();
                }

                @Override
                public void close() {
                    SmuxStream.this.close();
                }
            };
        }
        return in;
    }

    public synchronized OutputStream outputStream() {
        if (out == null) {
            out = new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    SmuxStream.this.write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    SmuxStream.this.write(b, off, len);
                }

                @Override
                public void close() {
                    SmuxStream.this.close();
                }
            };
        }
        return out;
    }

    /** True until {@link #close()}. */
    public synchronized boolean isOpen() {
        return !localClosed && !sessionClosed;
    }

    /** Sends FIN and forgets the stream (unread bytes are dropped and their tokens returned). Idempotent. */
    @Override
    public void close() {
        int unread;
        synchronized (this) {
            if (localClosed) {
                return;
            }
            localClosed = true;
            unread = buffered;
            chunks.clear();
            buffered = 0;
            notifyAll();
        }
        session.streamClosed(this, unread);
    }

    /** A snapshot of this stream's counters. */
    public StreamStats stats() {
        return new StreamStats(idUnsigned(), bytesRead, bytesWritten, framesIn, frameCount, updatesSent,
                updatesReceived, windowStalls, available());
    }

    /**
     * Per-stream counters: bytes read by the application and written by it, PSH frames in and out, v2 window
     * updates sent and received, times a writer waited for the peer's window, bytes buffered now.
     */
    public record StreamStats(long id, long bytesRead, long bytesWritten, long framesIn, long framesOut,
            long updatesSent, long updatesReceived, long windowStalls, int buffered) {
    }

    @Override
    public String toString() {
        return "SmuxStream[" + idUnsigned() + "]";
    }
}
