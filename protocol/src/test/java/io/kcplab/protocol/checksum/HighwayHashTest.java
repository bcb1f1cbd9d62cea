package io.kcplab.protocol.checksum;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.List;
import org.junit.jupiter.api.Test;

class HighwayHashTest {

    private static final HighwayHash TEST_KEY = new HighwayHash(0x0706050403020100L, 0x0F0E0D0C0B0A0908L,
            0x1716151413121110L, 0x1F1E1D1C1B1A1918L);

    private static byte[] key00to1f() {
        byte[] k = new byte[32];
        for (int i = 0; i < 32; i++) {
            k[i] = (byte) i;
        }
        return k;
    }

    @Test
    void matchesAllOfficial64And128BitVectors() {
        List<long[]> rows = VectorFile.read("highwayhash-vectors.txt");
        assertEquals(65, rows.size(), "the official set has lengths 0..64");
        byte[] data = new byte[64];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        long[] out = new long[2];
        for (long[] row : rows) {
            int n = (int) row[0];
            assertEquals(row[1], TEST_KEY.hash64(data, 0, n), "hash64, length " + n);
            TEST_KEY.hash128(data, 0, n, out);
            assertArrayEquals(new long[] {row[2], row[3]}, out, "hash128, length " + n);
        }
    }

    @Test
    void matchesMinio64128And256BitOnLongInputs() {
        List<long[]> rows = VectorFile.read("highwayhash-minio-vectors.txt");
        HighwayHash h = HighwayHash.ofKey(key00to1f());
        byte[] data = new byte[1500];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (7 * i + 3);
        }
        long[] out2 = new long[2];
        long[] out4 = new long[4];
        assertEquals(117, rows.size());
        for (long[] row : rows) {
            int n = (int) row[0];
            assertEquals(row[1], h.hash64(data, 0, n), "hash64, length " + n);
            h.hash128(data, 0, n, out2);
            assertArrayEquals(new long[] {row[2], row[3]}, out2, "hash128, length " + n);
            h.hash256(data, 0, n, out4);
            assertArrayEquals(new long[] {row[4], row[5], row[6], row[7]}, out4, "hash256, length " + n);
        }
    }

    @Test
    void keyBytesAreFourLittleEndianLanes() {
        byte[] data = {1, 2, 3};
        assertEquals(TEST_KEY.hash64(data, 0, 3), HighwayHash.ofKey(key00to1f()).hash64(data, 0, 3));
    }

    @Test
    void hashDependsOnlyOnTheRangeNotItsPosition() {
        qt().withExamples(Integer.getInteger("kcplab.qt.examples", 2000))
                .forAll(integers().between(0, 300), integers().between(0, 40), longs().all())
                .checkAssert((len, shift, seed) -> {
                    byte[] a = new byte[len];
                    new java.util.SplittableRandom(seed).nextBytes(a);
                    byte[] b = new byte[len + shift + 7];
                    java.util.Arrays.fill(b, (byte) 0x5a);
                    System.arraycopy(a, 0, b, shift, len);
                    assertEquals(TEST_KEY.hash64(a, 0, len), TEST_KEY.hash64(b, shift, len));
                });
    }

    @Test
    void everySingleBitFlipChangesTheHash() {
        byte[] data = new byte[1400];
        new java.util.SplittableRandom(7).nextBytes(data);
        long base = TEST_KEY.hash64(data, 0, data.length);
        for (int bit = 0; bit < data.length * 8; bit++) {
            data[bit >>> 3] ^= (byte) (1 << (bit & 7));
            assertNotEquals(base, TEST_KEY.hash64(data, 0, data.length), "bit " + bit);
            data[bit >>> 3] ^= (byte) (1 << (bit & 7));
        }
    }

    @Test
    void differentKeysGiveDifferentHashes() {
        byte[] data = new byte[100];
        assertNotEquals(TEST_KEY.hash64(data, 0, 100), new HighwayHash(1, 2, 3, 4).hash64(data, 0, 100));
    }

    @Test
    void rejectsBadKeysAndRanges() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HighwayHash.ofKey(new byte[16]));
        assertEquals("HighwayHash key must be exactly 32 bytes; got 16 bytes", e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> TEST_KEY.hash64(new byte[10], 5, 6));
        assertThrows(IndexOutOfBoundsException.class, () -> TEST_KEY.hash64(new byte[10], -1, 2));
        assertThrows(IllegalArgumentException.class, () -> TEST_KEY.hash128(new byte[10], 0, 2, new long[1]));
    }
}
