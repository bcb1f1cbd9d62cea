package io.kcplab.interop.lockstep;

import java.util.SplittableRandom;

/**
 * The source of choices a {@link ScriptGenerator} makes. QuickTheories supplies one (so it can shrink the
 * choices); {@link #seeded(long)} gives a plain seeded one for the command-line conformance run.
 */
public interface Draws {

    /** A value in [lo, hi], both inclusive. Smaller values should be the "simpler" ones (shrinking goes there). */
    long between(long lo, long hi);

    default int intBetween(int lo, int hi) {
        return (int) between(lo, hi);
    }

    /** True with probability about percent/100. */
    default boolean percent(int percent) {
        return between(0, 99) < percent;
    }

    static Draws seeded(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return (lo, hi) -> hi == Long.MAX_VALUE && lo == Long.MIN_VALUE ? random.nextLong()
                : lo + random.nextLong(hi - lo + 1);
    }
}
