package io.kcplab.sim.net;

/**
 * netem {@code delay TIME [JITTER [CORRELATION]] [distribution D]}, in microseconds. Correlation is netem's: the
 * uniform number behind each jitter draw is a weighted average of a fresh one and the previous one.
 *
 * <p>Ordering follows netem: packets leave in order of their computed send time, so jitter alone reorders
 * packets; with a {@link Rate} limit each packet's send time is at least the previous packet's, so no reordering
 * happens (netem's rate code measures delay from the last queued packet).
 */
public record Delay(long latencyMicros, long jitterMicros, double correlation, DelayDistribution distribution) {

    public static final Delay NONE = new Delay(0, 0, 0, DelayDistribution.UNIFORM);
    /** One hour: a bound that keeps nanosecond arithmetic far from overflow. */
    public static final long MAX_MICROS = 3_600_000_000L;

    public Delay {
        Check.range("delay.latencyMicros", latencyMicros, 0, MAX_MICROS, " µs");
        Check.range("delay.jitterMicros", jitterMicros, 0, MAX_MICROS, " µs");
        Check.probability("delay.correlation", correlation);
        Check.notNull("delay.distribution (one of " + java.util.Arrays.toString(DelayDistribution.values()) + ")",
                distribution);
    }

    public static Delay fixedMicros(long latencyMicros) {
        return new Delay(latencyMicros, 0, 0, DelayDistribution.UNIFORM);
    }

    public static Delay millis(double latencyMillis) {
        return fixedMicros(Math.round(latencyMillis * 1000));
    }

    public static Delay of(long latencyMicros, long jitterMicros, double correlation, DelayDistribution d) {
        return new Delay(latencyMicros, jitterMicros, correlation, d);
    }

    /**
     * A delay drawn uniformly from [min, max]: latency (min + max) / 2 with jitter (max - min) / 2, the same draws
     * as that latency ± jitter. Delays are whole microseconds around their middle, so max - min must be even.
     */
    public static Delay range(long minMicros, long maxMicros, double correlation) {
        Check.range("delay.minMicros", minMicros, 0, MAX_MICROS, " µs");
        Check.range("delay.maxMicros", maxMicros, minMicros, MAX_MICROS, " µs (at least delay.minMicros)");
        if ((maxMicros - minMicros) % 2 != 0) {
            throw new IllegalArgumentException("delay range " + minMicros + ".." + maxMicros + " µs: max - min must "
                    + "be an even number of microseconds (the range is latency ± jitter in whole microseconds)");
        }
        return new Delay((minMicros + maxMicros) / 2, (maxMicros - minMicros) / 2, correlation,
                DelayDistribution.UNIFORM);
    }

    public boolean enabled() {
        return latencyMicros > 0 || jitterMicros > 0;
    }
}
