package io.kcplab.transport;

import io.kcplab.protocol.Connection;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;

/**
 * Received data on its way from the event loop (which alone touches the {@link Connection}) to application
 * threads. Bounded: when it is full the loop leaves data in KCP's receive queue, KCP's window closes and the peer
 * stops sending, which is the backpressure. Stream mode holds bytes; message mode holds length-prefixed messages.
 */
final class InboundBuffer extends HandoffBuffer {


    /** Set by the loop when it left data in the connection for lack of room; the reader then wakes the loop. */
    private volatile boolean stalled;

    InboundBuffer(int capacity, boolean messages, Runnable wakeLoop) {
        super(capacity, messages, wakeLoop);
    }

    // -------------------------------------------------------------------------------- event loop side

    /**
     * Moves ready data out of the connection, as much as fits. Runs on the loop.
     *
     * @param loop the session's loop (its scratch buffer carries whole messages)
     * @return bytes moved
     */
    int fillFrom(Connection conn, SessionLoop loop) {
        return messages ? fillMessages(conn, loop) : fillStream(conn, loop);
    }

    private int fillStream(Connection conn, SessionLoop loop) {
        int total = 0;
        while (conn.peekSize() > 0) {
            byte[] b;
            int at;
            int room;
            lock.lock();
            try {
                if (closed != null) {
                    return total;
                }
                ring.ensureRoom(ring.used() + Math.min(ring.free(), conn.peekSize())); // only the loop writes here
                b = ring.backing();
                at = ring.writeIndex();
                room = ring.contiguousFree();
                if (room == 0) {
                    stalled = true; // under the lock, so a reader that frees room afterwards sees it
                    break;
                }
            } finally {
                lock.unlock();
            }
            // The application only reads the used region, so the loop fills free bytes outside the lock.
            int n = conn.read(b, at, room);
            if (n <= 0) {
                break;
            }
            total += n;
            commit(n);
        }
        if (total > 0) {
            signalAtBatchEnd(loop);
        }
        return total;
    }

    private int fillMessages(Connection conn, SessionLoop loop) {
        int total = 0;
        int size;
        while ((size = conn.peekSize()) >= 0) {
            lock.lock();
            try {
                if (closed != null) {
                    return total;
                }
                ring.reserveWhenEmpty(size + 4);
                if (ring.free() < size + 4) {
                    stalled = true;
                    break;
                }
            } finally {
                lock.unlock();
            }
            byte[] scratch = loop.messageScratch(size);
            int n = conn.read(scratch, 0, size);
            lock.lock();
            try {
                ring.putInt(n);
                ring.put(scratch, 0, n);
                usedMirror = ring.used();
            } finally {
                lock.unlock();
            }
            signalAtBatchEnd(loop);
            total += n;
        }
        return total;
    }

    private void commit(int n) {
        lock.lock();
        try {
            ring.commit(n);
            usedMirror = ring.used();
        } finally {
            lock.unlock();
        }
    }


    // ------------------------------------------------------------------------------ application side

    /** Buffered bytes (stream mode) or bytes of buffered messages including their 4-byte prefixes. */
    int available() {
        return messages ? nextMessageSizeNow() : usedMirror;
    }

    /**
     * Blocking read: stream mode bytes, or one whole message. Returns -1 once the session closed (for a reason
     * other than a local close) and everything buffered was read.
     */
    int read(byte[] dst, int off, int len, long deadline, boolean onLoop) throws IOException {
        int n;
        lock.lock();
        try {
            while (true) {
                if (closed == CloseReason.LOCAL) {
                    throw new SessionClosedException(closed);
                }
                if (ring.used() > 0) {
                    n = takeLocked(dst, off, len);
                    break;
                }
                if (closed != null) {
                    return -1;
                }
                if (onLoop) {
                    throw new IllegalStateException("a blocking read on the session's event loop would never"
                            + " return; use readNow() in onReadable callbacks");
                }
                long left = Deadline.remaining(Math.min(deadline, sessionDeadline));
                if (left <= 0) {
                    throw new SocketTimeoutException("KCP read timed out");
                }
                try {
                    park(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while reading");
                }
            }
        } finally {
            lock.unlock();
        }
        afterTake();
        return n;
    }

    /** Non-blocking read: 0 when nothing is buffered, -1 at the end (as {@link #read}). */
    int readNow(byte[] dst, int off, int len) throws IOException {
        int n;
        lock.lock();
        try {
            if (closed == CloseReason.LOCAL) {
                throw new SessionClosedException(closed);
            }
            if (ring.used() == 0) {
                return closed != null ? -1 : 0;
            }
            n = takeLocked(dst, off, len);
        } finally {
            lock.unlock();
        }
        afterTake();
        return n;
    }

    /** Size of the next message (message mode) or buffered bytes (stream mode); -1 if nothing is buffered. */
    int nextMessageSizeNow() {
        lock.lock();
        try {
            if (ring.used() == 0) {
                return -1;
            }
            return messages ? ring.peekInt() : ring.used();
        } finally {
            lock.unlock();
        }
    }

    private int takeLocked(byte[] dst, int off, int len) {
        int n;
        if (messages) {
            int size = ring.peekInt();
            if (size > len) {
                throw new IllegalArgumentException("the next message has " + size + " bytes but the buffer has "
                        + len + "; size it with nextMessageSize()");
            }
            ring.skip(4);
            n = ring.take(dst, off, size);
            if (ring.used() == 0) {
                ring.trimWhenEmpty();
            }
        } else {
            n = ring.take(dst, off, len);
        }
        if (closed != null && ring.used() == 0) {
            ring.discard(); // the session is over and its last bytes are read: the loop fills nothing any more
        }
        usedMirror = ring.used();
        return n;
    }

    private void afterTake() {
        if (stalled) {
            stalled = false;
            wakeLoop.run();
        }
    }
}
