package io.kcplab.transport;

/**
 * A hashed timer wheel with 1 ms slots, one per event loop: thousands of sessions share it instead of each owning
 * a scheduled task. Timers are intrusive (a session's loop side <em>is</em> its timer node), so scheduling and
 * re-scheduling allocate nothing. Deadlines further away than one turn of the wheel stay in their slot and are
 * skipped until due. Not thread-safe: used only on its event loop.
 */
final class TimerWheel {

    /** A node in the wheel; subclasses run their work in {@link #onTimer}. */
    abstract static class Timer {
        private Timer prev;
        private Timer next;
        private int slot = -1;
        private long deadline;

        /** Runs on the event loop when the deadline has passed; may re-schedule itself. */
        abstract void onTimer(long nowMs);

        final boolean isScheduled() {
            return slot >= 0;
        }

        final long deadline() {
            return deadline;
        }
    }

    private static final int SLOTS = 1024;
    private static final int MASK = SLOTS - 1;

    private final Timer[] heads = new Timer[SLOTS];
    /** The last millisecond whose slot was processed. */
    private long cursor;
    private int size;

    TimerWheel(long nowMs) {
        this.cursor = nowMs;
    }

    int size() {
        return size;
    }

    /** Schedules (or moves) {@code t} to fire at {@code deadlineMs}; a past deadline fires on the next advance. */
    void schedule(Timer t, long deadlineMs) {
        if (t.slot >= 0) {
            if (t.deadline == deadlineMs) {
                return;
            }
            unlink(t);
        }
        long at = Math.max(deadlineMs, cursor + 1);
        t.deadline = at;
        int s = (int) (at & MASK);
        t.slot = s;
        t.prev = null;
        t.next = heads[s];
        if (t.next != null) {
            t.next.prev = t;
        }
        heads[s] = t;
        size++;
    }

    void cancel(Timer t) {
        if (t.slot >= 0) {
            unlink(t);
        }
    }

    /** Fires every timer due at or before {@code nowMs}. A stall longer than one turn scans each slot once. */
    void advance(long nowMs) {
        long from = cursor;
        if (nowMs <= from) {
            return;
        }
        cursor = nowMs; // first: timers re-scheduled by a callback land after now, never in a slot being fired
        long steps = Math.min(nowMs - from, SLOTS);
        for (long i = 1; i <= steps; i++) {
            fireSlot((int) ((from + i) & MASK), nowMs);
        }
    }

    private void fireSlot(int s, long nowMs) {
        Timer t = heads[s];
        while (t != null) {
            Timer next = t.next;
            if (t.deadline <= nowMs) {
                unlink(t);
                t.onTimer(nowMs);
                if (next != null && next.slot != s) {
                    next = heads[s]; // the callback cancelled our successor: rescan (already fired ones are gone)
                }
            }
            t = next;
        }
    }

    private void unlink(Timer t) {
        if (t.prev != null) {
            t.prev.next = t.next;
        } else {
            heads[t.slot] = t.next;
        }
        if (t.next != null) {
            t.next.prev = t.prev;
        }
        t.prev = null;
        t.next = null;
        t.slot = -1;
        size--;
    }
}
