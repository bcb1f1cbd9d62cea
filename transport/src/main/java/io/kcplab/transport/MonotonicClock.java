package io.kcplab.transport;

/**
 * The transport's millisecond clock: {@link System#nanoTime()} based, so wall-clock jumps (NTP, suspend) never
 * fire or stall KCP timers. The origin is arbitrary; only differences matter ({@code Connection} compares the
 * low 32 bits with wrap-around arithmetic, as ikcp does).
 */
final class MonotonicClock {

    private static final long ORIGIN = System.nanoTime();

    private MonotonicClock() {
    }

    /** Milliseconds since an arbitrary origin fixed at class load. */
    static long nowMs() {
        return (System.nanoTime() - ORIGIN) / 1_000_000L;
    }
}
