package io.kcplab.protocol;

/**
 * The flush timer of a quiet kcp-go {@link Connection}, as plain values: what a tick does to it when the engine has
 * nothing to send. {@link Connection#tick} uses these functions itself, and a scheduler that runs a quiet
 * connection's ticks without calling it (the simulator, where most of 10,000 sessions are idle at any moment) uses
 * the same ones, so both move the timer identically.
 *
 * <p>A quiet connection (see {@link Connection#exportQuiet}) stays quiet until {@code quietUntil} (or for ever):
 * until then a flush would send nothing and only return the delay to its next run, the interval or the time left
 * to the first retransmission timeout, whichever is shorter. Times are KCP's 32-bit millisecond clock, compared
 * with wrap-around arithmetic.
 */
public final class QuietTimer {

    /** {@link #flushAfterTick}'s answer when the tick has work to do: the connection must run it. */
    public static final long NOT_QUIET = Long.MIN_VALUE;

    private int flushAt;
    private int quietUntil;
    private boolean forever;
    private int interval;

    /** When the next flush is due. */
    public int flushAt() {
        return flushAt;
    }

    /** Until when the connection stays quiet (meaningless if {@link #forever()}). */
    public int quietUntil() {
        return quietUntil;
    }

    /** True when nothing is in flight: quiet until something else happens. */
    public boolean forever() {
        return forever;
    }

    /** The flush interval. */
    public int interval() {
        return interval;
    }

    void set(int flushAt, int quietUntil, boolean forever, int interval) {
        this.flushAt = flushAt;
        this.quietUntil = quietUntil;
        this.forever = forever;
        this.interval = interval;
    }

    /**
     * The flush timer after a tick at {@code now}: unchanged before it is due; else moved one idle flush on (the
     * shorter of the interval and the quiet time left, at least 1 ms), or {@link #NOT_QUIET} once the quiet time
     * is over.
     */
    public static long flushAfterTick(int now, int flushAt, int quietUntil, boolean forever, int interval) {
        if (now - flushAt < 0) {
            return flushAt;
        }
        int quiet = forever ? Integer.MAX_VALUE : quietUntil - now;
        if (quiet <= 0) {
            return NOT_QUIET;
        }
        return now + Math.max(1, Math.min(interval, quiet));
    }

    /** {@link Connection#nextWakeup} of a kcp-go connection whose flush is due at {@code flushAt}. */
    public static long wakeupMs(long nowMs, int flushAt) {
        return nowMs + Math.max(0, flushAt - (int) nowMs);
    }
}
