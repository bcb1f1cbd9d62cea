package io.kcplab.protocol.fec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GaloisCodecDecodeCacheTest {

    private static final int D = 10;
    private static final int P = 3;
    private static final int SIZE = 200;

    private static byte[][] encodedStripe(long seed) {
        Random random = new Random(seed);
        byte[][] shards = new byte[D + P][SIZE];
        for (int i = 0; i < D; i++) {
            random.nextBytes(shards[i]);
        }
        new ReferenceCodec(D, P).encodeParity(shards, 0, SIZE);
        return shards;
    }

    /** Every pattern of 1..3 erasures among 13 shards: 13 + 78 + 286 = 377. */
    private static List<boolean[]> allRepairablePatterns() {
        List<boolean[]> patterns = new ArrayList<>();
        for (int mask = 1; mask < 1 << (D + P); mask++) {
            if (Integer.bitCount(mask) <= P) {
                boolean[] present = new boolean[D + P];
                for (int i = 0; i < D + P; i++) {
                    present[i] = (mask & (1 << i)) == 0;
                }
                patterns.add(present);
            }
        }
        return patterns;
    }

    private static void repairAndCheck(ErasureCodec codec, byte[][] original, boolean[] present) {
        byte[][] shards = new byte[original.length][];
        for (int i = 0; i < original.length; i++) {
            shards[i] = present[i] ? original[i].clone() : new byte[SIZE];
        }
        codec.decodeMissing(shards, present, 0, SIZE);
        for (int i = 0; i < original.length; i++) {
            assertArrayEquals(original[i], shards[i], codec + " shard " + i + " of " + Arrays.toString(present));
        }
    }

    @Test
    void repeatedPatternIsInvertedOnce() {
        for (String kernel : GaloisCodecKnownAnswerTest.kernels()) {
            GaloisCodec codec = (GaloisCodec) GaloisCodec.withKernel(kernel, D, P);
            byte[][] original = encodedStripe(1);
            boolean[] present = new boolean[D + P];
            Arrays.fill(present, true);
            present[2] = present[7] = present[11] = false;
            for (int round = 0; round < 5; round++) {
                repairAndCheck(codec, original, present);
            }
            assertEquals(1, codec.decodeCacheMisses(), kernel);
            boolean[] nothingLost = new boolean[D + P];
            Arrays.fill(nothingLost, true);
            repairAndCheck(codec, original, nothingLost);
            assertEquals(1, codec.decodeCacheMisses(), "a complete stripe needs no plan");
        }
    }

    @Test
    void defaultCacheHoldsEveryTenPlusThreePattern() {
        GaloisCodec codec = (GaloisCodec) GaloisCodec.scalar(D, P);
        assertEquals(512, codec.decodeCacheCapacity());
        byte[][] original = encodedStripe(2);
        List<boolean[]> patterns = allRepairablePatterns();
        assertEquals(377, patterns.size());
        for (boolean[] present : patterns) {
            repairAndCheck(codec, original, present);
        }
        long missesAfterFirstRound = codec.decodeCacheMisses();
        assertEquals(377, missesAfterFirstRound);
        for (boolean[] present : patterns) {
            repairAndCheck(codec, original, present);
        }
        assertEquals(377, codec.decodeCacheMisses(), "every pattern should still be cached");
    }

    @Test
    void leastRecentlyUsedPlanIsTheOneEvicted() {
        GaloisCodec codec = GaloisCodec.withDecodeCacheBudget("scalar", D, P, 0);
        byte[][] original = encodedStripe(4);
        List<boolean[]> patterns = allRepairablePatterns();
        for (int i = 0; i < 4; i++) {
            repairAndCheck(codec, original, patterns.get(i));
        }
        repairAndCheck(codec, original, patterns.get(0));
        repairAndCheck(codec, original, patterns.get(4)); // evicts pattern 1, the least recently used
        assertEquals(5, codec.decodeCacheMisses());
        repairAndCheck(codec, original, patterns.get(0));
        repairAndCheck(codec, original, patterns.get(2));
        repairAndCheck(codec, original, patterns.get(3));
        assertEquals(5, codec.decodeCacheMisses());
        repairAndCheck(codec, original, patterns.get(1));
        assertEquals(6, codec.decodeCacheMisses());
    }

    @Test
    void tinyCacheEvictsButStaysCorrectAndBounded() {
        for (String kernel : GaloisCodecKnownAnswerTest.kernels()) {
            GaloisCodec codec = GaloisCodec.withDecodeCacheBudget(kernel, D, P, 0);
            assertEquals(4, codec.decodeCacheCapacity());
            byte[][] original = encodedStripe(3);
            List<boolean[]> patterns = allRepairablePatterns();
            for (int round = 0; round < 2; round++) {
                for (boolean[] present : patterns) {
                    repairAndCheck(codec, original, present);
                }
            }
            assertEquals(2 * 377, codec.decodeCacheMisses(), kernel);
        }
    }

    @Test
    void largestShardCountsGetASmallCache() {
        GaloisCodec codec = GaloisCodec.withDecodeCacheBudget("scalar", 128, 128, 8L << 20);
        assertEquals(4, codec.decodeCacheCapacity());
    }
}
