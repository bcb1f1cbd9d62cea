package io.kcplab.transport;

import java.time.Duration;
import java.time.Instant;

/** Deadlines as {@link System#nanoTime()} values; {@link #NONE} never expires. */
final class Deadline {

    static final long NONE = Long.MAX_VALUE;

    private Deadline() {
    }

    /** The earlier of a per-call timeout (zero: none) starting now and an absolute deadline. */
    static long of(Duration timeout, long absoluteNanos) {
        long d = absoluteNanos;
        if (!timeout.isZero()) {
            long t = System.nanoTime() + Math.min(timeout.toNanos(), Long.MAX_VALUE / 4);
            d = Math.min(d, t);
        }
        return d;
    }

    /** Converts a wall-clock instant (null: none) to the monotonic clock, at the time of the call. */
    static long fromInstant(Instant at) {
        if (at == null) {
            return NONE;
        }
        Duration d = Duration.between(Instant.now(), at);
        long century = 100L * 365 * 86400;
        long delta = d.getSeconds() > century ? Long.MAX_VALUE / 4
                : d.getSeconds() < -century ? -(Long.MAX_VALUE / 4) : d.toNanos();
        return System.nanoTime() + delta;
    }

    /** Nanoseconds left, at most a day (Condition.awaitNanos is fine with that); 0 or less: expired. */
    static long remaining(long deadline) {
        return deadline == NONE ? Duration.ofDays(1).toNanos() : deadline - System.nanoTime();
    }
}
