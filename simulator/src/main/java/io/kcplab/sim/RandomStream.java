package io.kcplab.sim;

/**
 * One named stream of pseudo-random numbers: xoshiro256** (Blackman and Vigna, 2018) seeded through SplitMix64.
 *
 * <p>Everything here is integer arithmetic defined bit for bit, so every JVM on every machine produces the same
 * sequence. The floating-point helpers use only exact operations (multiplication by a power of two) or
 * {@link StrictMath}, never {@link Math} whose intrinsics may differ between platforms by an ulp.
 */
public final class RandomStream {

    private final String name;
    private long s0;
    private long s1;
    private long s2;
    private long s3;

    /** A stream whose four state words come from SplitMix64 started at {@code seed}. */
    public RandomStream(String name, long seed) {
        this.name = name;
        long x = seed;
        x += 0x9E3779B97F4A7C15L;
        s0 = splitMix64Mix(x);
        x += 0x9E3779B97F4A7C15L;
        s1 = splitMix64Mix(x);
        x += 0x9E3779B97F4A7C15L;
        s2 = splitMix64Mix(x);
        x += 0x9E3779B97F4A7C15L;
        s3 = splitMix64Mix(x);
        if ((s0 | s1 | s2 | s3) == 0) {
            s0 = 1; // xoshiro's only forbidden state; SplitMix64 practically never yields it
        }
    }

    /** The SplitMix64 output function (Steele, Lea, Flood 2014) applied to one counter value. */
    public static long splitMix64Mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public String name() {
        return name;
    }

    /** xoshiro256**: the next 64 random bits. */
    public long nextLong() {
        long result = Long.rotateLeft(s1 * 5, 7) * 9;
        long t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Long.rotateLeft(s3, 45);
        return result;
    }

    /** 32 random bits as an unsigned value in [0, 2^32): the upper half of {@link #nextLong()} (its best bits). */
    public long nextU32() {
        return nextLong() >>> 32;
    }

    /** A uniform double in [0, 1) with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** A uniform int in [0, bound) without modulo bias (Lemire's multiply-shift with rejection). */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        long m = nextU32() * bound;
        long low = m & 0xFFFFFFFFL;
        if (low < bound) {
            long threshold = (0x1_0000_0000L - bound) % bound;
            while (low < threshold) {
                m = nextU32() * bound;
                low = m & 0xFFFFFFFFL;
            }
        }
        return (int) (m >>> 32);
    }

    /** A uniform long in [0, bound) (bound > 0), by rejection so that no value is favoured. */
    public long nextLong(long bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        long mask = -1L >>> Long.numberOfLeadingZeros(bound - 1 | 1);
        long r;
        do {
            r = nextLong() & mask;
        } while (r >= bound);
        return r;
    }

    /** True with probability {@code p} (p in [0, 1]). */
    public boolean nextBoolean(double p) {
        return nextDouble() < p;
    }
}
