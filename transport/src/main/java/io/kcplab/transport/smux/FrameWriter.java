package io.kcplab.transport.smux;

import io.kcplab.transport.smux.SmuxCounters.Field;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A session's send side: a priority queue of encoded frames and the thread ({@code smux-send-N}) that writes them,
 * control frames first and data by the stream's frame (v1) or byte (v2) counter, as smux's shaper; each frame as one
 * snappy chunk when compression is on. A data frame's sender waits until its frame is written, so the queue holds
 * at most one data frame per writing thread. Once the session is closed nothing more is queued and whatever waits
 * fails with the session's close reason.
 */
final class FrameWriter {

    private final SmuxSession session;
    private final OutputStream sink;
    private final SnappyFraming framing;
    private final SmuxCounters counters;
    private final int version;
    private final Thread thread;
    private final AtomicLong wireOut = new AtomicLong();

    private final Object lock = new Object();
    private final PriorityQueue<Pending> queue = new PriorityQueue<>(Pending::compare);
    private long sequence;

    /** {@code framing}: null without compression. */
    FrameWriter(SmuxSession session, OutputStream sink, SnappyFraming framing, SmuxCounters counters,
                String threadName) {
        this.session = session;
        this.sink = sink;
        this.framing = framing;
        this.counters = counters;
        this.version = session.config().version();
        this.thread = new Thread(this::writeLoop, threadName);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Bytes written to the connection, after snappy framing when it is on. */
    long wireBytesOut() {
        return framing != null ? framing.bytesOut() : wireOut.get();
    }

    /** Sends a data frame and waits until it is written (or the deadline, in nanoTime, passes). */
    void sendData(int streamId, byte[] b, int off, int len, int prio, long deadline) throws IOException {
        byte[] wire = new byte[Frame.HEADER_SIZE + len];
        Frame.encodeHeader(wire, 0, version, Frame.PSH, len, streamId);
        System.arraycopy(b, off, wire, Frame.HEADER_SIZE, len);
        Pending p;
        synchronized (lock) {
            session.ensureOpen();
            p = new Pending(wire, prio, sequence++, true);
            queue.add(p);
            lock.notifyAll();
        }
        synchronized (p) {
            while (!p.done) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    synchronized (lock) {
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

    /** Queues a control frame (prio 0) without waiting; nothing once the session is closed. */
    void sendControl(Frame f) {
        synchronized (lock) {
            if (session.isClosed()) {
                return;
            }
            queue.add(new Pending(f.encode(), 0, sequence++, false));
            lock.notifyAll();
        }
        switch (f.cmd()) {
            case Frame.SYN -> counters.inc(Field.SynOut);
            case Frame.FIN -> counters.inc(Field.FinOut);
            case Frame.NOP -> counters.inc(Field.NopOut);
            case Frame.UPD -> counters.inc(Field.UpdOut);
            default -> { }
        }
    }

    /** The session has closed: the writer thread wakes to fail what is queued and stop. */
    void wake() {
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    /** Fails every queued frame's sender with the session's close reason. */
    void failQueued() {
        synchronized (lock) {
            failAll();
        }
    }

    private void writeLoop() {
        while (true) {
            Pending p;
            synchronized (lock) {
                while (queue.isEmpty() && !session.isClosed()) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (session.isClosed()) {
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
                session.end(SmuxCloseReason.CONNECTION_ERROR, "write: " + e);
                return;
            }
        }
    }

    /** Under {@link #lock}. */
    private void failAll() {
        IOException e = session.closedException();
        for (Pending p : queue) {
            p.complete(e);
        }
        queue.clear();
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
}
