package io.kcplab.transport;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What the two hand-off buffers between application threads and a session's event loop share: a bounded
 * {@link ByteRing} under one lock, the callers waiting on it, the session's close reason and deadline, and the
 * release of an idle ring. {@link InboundBuffer} carries received data to readers, {@link OutboundBuffer} written
 * data to the loop.
 */
abstract class HandoffBuffer {

    final ReentrantLock lock = new ReentrantLock();
    /** Readers waiting for data, or writers waiting for room. */
    final Condition waiters = lock.newCondition();
    final ByteRing ring;
    final boolean messages;
    /** Asks the loop to move data; coalesced by the session's driver. */
    final Runnable wakeLoop;
    volatile int usedMirror;
    /** Guarded by {@link #lock}. */
    CloseReason closed;
    /** The session's absolute deadline (Deadline.NONE: none), re-read by waiting callers. */
    volatile long sessionDeadline = Deadline.NONE;
    /**
     * Callers parked in {@link #waiters}; changed under {@link #lock} before a caller re-checks its condition, so
     * the loop, having changed the ring under the lock, may skip signalling when it reads 0.
     */
    volatile int parked;
    /** Loop only: this buffer is queued for {@link #signalNow} at the end of the loop's batch. */
    private boolean signalQueued;

    HandoffBuffer(int capacity, boolean messages, Runnable wakeLoop) {
        this.ring = new ByteRing(capacity);
        this.messages = messages;
        this.wakeLoop = wakeLoop;
    }

    /**
     * Wakes parked callers once the loop's current batch ends rather than at once: a reader parked on an empty
     * ring then wakes once per batch of datagrams (up to 256 with recvmmsg), not once per datagram, which saves
     * a futex wake-up and a context switch per datagram. Runs on the loop.
     */
    final void signalAtBatchEnd(SessionLoop loop) {
        if (!signalQueued && parked > 0) {
            signalQueued = true;
            loop.signalAtBatchEnd(this);
        }
    }

    /** The end of the loop's batch: wakes the callers queued by {@link #signalAtBatchEnd}. Runs on the loop. */
    final void signalNow() {
        signalQueued = false;
        signalWaiters();
    }

    /** Parks the calling thread (holding {@link #lock}) for at most {@code nanos}, counted in {@link #parked}. */
    final void park(long nanos) throws InterruptedException {
        parked++;
        try {
            waiters.awaitNanos(nanos);
        } finally {
            parked--;
        }
    }

    /** Wakes every waiting caller, for example to re-check a condition that changed outside the lock. */
    final void signalWaiters() {
        lock.lock();
        try {
            waiters.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Sets the session deadline and wakes waiting callers so they apply it. */
    final void setDeadline(long deadline) {
        sessionDeadline = deadline;
        signalWaiters();
    }

    /** The session closed: the first reason sticks; waiting callers wake. */
    final void close(CloseReason reason) {
        lock.lock();
        try {
            if (closed == null) {
                closed = reason;
            }
            waiters.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Frees the ring and its contents: for a side nobody will read again (runs on the loop, after close). */
    final void discard() {
        lock.lock();
        try {
            ring.discard();
            usedMirror = 0;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Frees the ring if it is empty (the session went idle). Called by the loop only: in stream mode the loop
     * fills the receive ring outside the lock, so only the loop may drop it.
     */
    final void releaseIfEmpty() {
        lock.lock();
        try {
            ring.releaseWhenEmpty();
        } finally {
            lock.unlock();
        }
    }

    /** Bytes the ring holds allocated now (for memory accounting). */
    final int footprint() {
        lock.lock();
        try {
            return ring.footprint();
        } finally {
            lock.unlock();
        }
    }
}
