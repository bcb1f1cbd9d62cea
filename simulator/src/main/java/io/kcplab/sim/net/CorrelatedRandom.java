package io.kcplab.sim.net;

import io.kcplab.sim.RandomStream;

/**
 * netem's correlated 32-bit random numbers (get_crandom in sch_netem.c): with correlation rho (a u32 fraction),
 * {@code next = (fresh * (2^32 - (rho+1)) + last * (rho+1)) >> 32}. tc-netem(8) itself warns that this is not a
 * true statistical correlation; it is reproduced because users compare against netem.
 */
final class CorrelatedRandom {

    private final RandomStream stream;
    private final long rho;
    private long last;

    CorrelatedRandom(RandomStream stream, double correlation) {
        this.stream = stream;
        this.rho = Check.threshold(correlation);
        this.last = rho != 0 ? stream.nextU32() : 0;
    }

    /** The next value in [0, 2^32). */
    long next() {
        long value = stream.nextU32();
        if (rho == 0) {
            return value;
        }
        long r = rho + 1;
        // The true sum is below 2^64, so the unsigned shift of the wrapped long is exact.
        long answer = (value * ((1L << 32) - r) + last * r) >>> 32;
        last = answer;
        return answer;
    }

    /** netem's test {@code threshold && threshold >= get_crandom()}: true with the threshold's probability. */
    boolean hit(long threshold) {
        return threshold != 0 && threshold >= next();
    }

    RandomStream stream() {
        return stream;
    }
}
