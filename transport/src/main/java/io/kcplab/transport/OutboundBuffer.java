package io.kcplab.transport;

import io.kcplab.protocol.Connection;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;

/**
 * Written data on its way from application threads to the event loop, which moves it into the
 * {@link Connection} while KCP's send window has room ({@code writableSegments() > 0}, kcp-go's
 * {@code waitsnd < min(snd_wnd, rmt_wnd)}). Bounded: a writer blocks while it is full, so the total a session
 * buffers is this capacity plus KCP's send window. Stream mode holds bytes; message mode length-prefixed messages.
 */
final class OutboundBuffer extends HandoffBuffer {

    /** Bytes ever queued by writers (compared with the engine's BytesSent by awaitSent). */
    private volatile long queuedTotal;
    /**
     * Free bytes the parked writers wait for: up to half the capacity in stream mode, so that a writer blocked by a
     * full buffer wakes once per half buffer drained instead of once per acknowledgement.
     */
    private volatile int wantRoom;

    OutboundBuffer(int capacity, boolean messages, Runnable wakeLoop) {
        super(capacity, messages, wakeLoop);
    }

    // ------------------------------------------------------------------------------ application side

    /**
     * Stream mode: queues all of {@code src[off, off+len)}, blocking while full. Message mode: queues it as one
     * message. A timeout reports the bytes already queued in {@link InterruptedIOException#bytesTransferred}.
     *
     */
    void write(byte[] src, int off, int len, long deadline, boolean onLoop) throws IOException {
        int done = 0;
        lock.lock();
        try {
            while (true) {
                if (closed != null) {
                    throw new SessionClosedException(closed);
                }
                if (messages) {
                    ring.reserveWhenEmpty(len + 4);
                    if (ring.free() >= len + 4) {
                        boolean wasEmpty = ring.used() == 0;
                        ring.putInt(len);
                        ring.put(src, off, len);
                        usedMirror = ring.used();
                        queuedTotal += len;
                        wakeIf(wasEmpty);
                        return;
                    }
                } else {
                    int n = Math.min(len - done, ring.free());
                    if (n > 0) {
                        boolean wasEmpty = ring.used() == 0;
                        ring.put(src, off + done, n);
                        usedMirror = ring.used();
                        queuedTotal += n;
                        done += n;
                        wakeIf(wasEmpty); // before waiting for room: the loop must start draining what is queued
                        if (done == len) {
                            return;
                        }
                    }
                }
                if (onLoop) {
                    throw new IllegalStateException("write would block the session's event loop (" + done + " of "
                            + len + " bytes queued); write from another thread, or check writability first");
                }
                long left = Deadline.remaining(Math.min(deadline, sessionDeadline));
                if (left <= 0) {
                    SocketTimeoutException e = new SocketTimeoutException("KCP write timed out: the send window and"
                            + " the " + ring.footprint() + "-byte hand-off buffer are full (peer not reading?)");
                    e.bytesTransferred = done;
                    throw e;
                }
                int need = messages ? len + 4 : Math.min(len - done, Math.max(1, ring.capacity() / 2));
                wantRoom = parked == 0 ? need : Math.min(wantRoom, need);
                try {
                    park(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    InterruptedIOException ie = new InterruptedIOException("interrupted while writing");
                    ie.bytesTransferred = done;
                    throw ie;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Wakes the loop when the buffer was empty before this write. Data already queued needs no wake-up: the loop
     * left it there because KCP's send window was full, and drains it when an acknowledgement opens the window.
     */
    private void wakeIf(boolean wasEmpty) {
        if (wasEmpty && wakeLoop != null) {
            wakeLoop.run(); // coalesced by the driver; the loop's drain waits for this lock briefly
        }
    }

    long queuedTotal() {
        return queuedTotal;
    }

    /** Waits until the loop signals progress or the deadline passes; false on timeout. */
    boolean awaitProgress(long deadline) throws InterruptedIOException {
        lock.lock();
        try {
            long left = Deadline.remaining(deadline);
            if (left <= 0 || closed != null) {
                return false;
            }
            waiters.awaitNanos(Math.min(left, 50_000_000L));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        } finally {
            lock.unlock();
        }
    }

    // -------------------------------------------------------------------------------- event loop side

    /**
     * Moves queued data into the connection while its send window has room. Runs on the loop.
     *
     * @param loop the session's loop (its scratch buffer carries whole messages)
     * @return bytes moved
     */
    int drainInto(Connection conn, long nowMs, SessionLoop loop) {
        int total = 0;
        while (usedMirror > 0 && conn.writableSegments() > 0) {
            int accepted;
            if (messages) {
                int size;
                byte[] scratch;
                lock.lock();
                try {
                    size = ring.peekInt();
                    scratch = loop.messageScratch(size);
                    ring.peek(4, scratch, 0, size);
                } finally {
                    lock.unlock();
                }
                accepted = conn.write(scratch, 0, size, nowMs);
                if (accepted == 0 && size > 0) {
                    break;
                }
                consume(size + 4, loop);
            } else {
                byte[] b;
                int at;
                int n;
                lock.lock();
                try {
                    b = ring.backing();
                    at = ring.readIndex();
                    n = ring.contiguousUsed();
                } finally {
                    lock.unlock();
                }
                // Writers only fill the free region, so the loop reads the used bytes outside the lock.
                accepted = conn.write(b, at, n, nowMs);
                if (accepted == 0) {
                    break;
                }
                consume(accepted, loop);
            }
            total += accepted;
        }
        return total;
    }

    private void consume(int n, SessionLoop loop) {
        boolean roomEnough;
        lock.lock();
        try {
            ring.skip(n);
            if (ring.used() == 0) {
                ring.trimWhenEmpty();
            }
            usedMirror = ring.used();
            roomEnough = ring.used() == 0 || ring.free() >= wantRoom; // empty: an oversized message fits too
        } finally {
            lock.unlock();
        }
        if (roomEnough) {
            signalAtBatchEnd(loop);
        }
    }

    /** Wakes writers (and {@link #awaitProgress} waiters) without a state change. */
    void signalProgress() {
        signalWaiters();
    }
}
