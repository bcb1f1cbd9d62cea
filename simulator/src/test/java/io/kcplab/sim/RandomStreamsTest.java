package io.kcplab.sim;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RandomStreamsTest {

    /** SplitMix64 known answers (seed 1234567, Rosetta Code "Pseudo-random numbers/Splitmix64"). */
    @Test
    void splitMix64MatchesPublishedOutputs() {
        long[] expected = {6457827717110365317L, 3203168211198807973L, 0x883EBCE5A3F27C77L, 4593380528125082431L,
            0xE3B8346708CB5ECDL};
        long x = 1234567;
        for (long e : expected) {
            x += 0x9E3779B97F4A7C15L;
            assertEquals(e, RandomStream.splitMix64Mix(x));
        }
    }

    /**
     * xoshiro256** reference: with state {1, 2, 3, 4} the reference C code (Blackman and Vigna) gives 11520,
     * 0, 1509978240, 1215971899390074240 as its first outputs.
     */
    @Test
    void xoshiroMatchesTheReferenceRecurrence() {
        RandomStream s = withState(1, 2, 3, 4);
        assertEquals(11520L, s.nextLong());
        assertEquals(0L, s.nextLong());
        assertEquals(1509978240L, s.nextLong());
        assertEquals(1215971899390074240L, s.nextLong());
    }

    private static RandomStream withState(long a, long b, long c, long d) {
        RandomStream s = new RandomStream("test", 0);
        try {
            for (String f : new String[] {"s0", "s1", "s2", "s3"}) {
                var field = RandomStream.class.getDeclaredField(f);
                field.setAccessible(true);
                field.setLong(s, switch (f) {
                    case "s0" -> a;
                    case "s1" -> b;
                    case "s2" -> c;
                    default -> d;
                });
            }
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
        return s;
    }

    @Test
    void streamsDependOnSeedAndNameOnly() {
        RandomStreams one = new RandomStreams(42);
        RandomStreams two = new RandomStreams(42);
        two.stream("link:x->y/loss").nextLong(); // another component drawing first changes nothing
        RandomStream a1 = one.stream("link:a->b/loss");
        RandomStream a2 = two.stream("link:a->b/loss");
        for (int i = 0; i < 100; i++) {
            assertEquals(a1.nextLong(), a2.nextLong());
        }
        assertNotEquals(new RandomStreams(42).stream("link:a->b/loss").nextLong(),
                new RandomStreams(42).stream("link:a->b/delay").nextLong());
        assertNotEquals(new RandomStreams(42).stream("x").nextLong(), new RandomStreams(43).stream("x").nextLong());
        assertEquals(RandomStreams.streamSeed(42, "x"), RandomStreams.streamSeed(42, "x"));
    }

    @Test
    void boundedDrawsAreInRangeAndRoughlyUniform() {
        RandomStream s = new RandomStreams(3).stream("uniform");
        int[] buckets = new int[10];
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            int v = s.nextInt(10);
            assertTrue(v >= 0 && v < 10);
            buckets[v]++;
            double d = s.nextDouble();
            assertTrue(d >= 0 && d < 1);
            long l = s.nextLong(1_000_000_007L);
            assertTrue(l >= 0 && l < 1_000_000_007L);
        }
        for (int b : buckets) {
            assertTrue(Math.abs(b - n / 10) < 5 * Math.sqrt(n * 0.09), "bucket count " + b);
        }
    }
}
