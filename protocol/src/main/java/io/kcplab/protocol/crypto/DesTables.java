package io.kcplab.protocol.crypto;

/**
 * The DES tables of FIPS 46-3 (typed in from the standard, bit positions numbered 1.. from the most significant bit)
 * and what the fast rounds of {@link DesBlock} derive from them once: the combined S-box/P-permutation table and
 * each key's schedule.
 *
 * <p>The rounds keep each 32-bit half rotated left by one bit. Then the expansion E needs no bit gathering: S-box
 * j's six input bits (R bits 4j .. 4j+5, wrapping) sit contiguously in the rotated half, boxes 2, 4, 6, 8 (odd j,
 * 0-based) at bit offsets 24, 16, 8, 0 and boxes 1, 3, 5, 7 (even j) at 28 (wrapping), 20, 12, 4. A round key is
 * accordingly two ints, one XORed onto the half for each set of four boxes.
 */
final class DesTables {

    /** FIPS 46-3 S-boxes S1..S8, each four rows of sixteen. */
    private static final byte[][] S_BOXES = {
        {
            14, 4, 13, 1, 2, 15, 11, 8, 3, 10, 6, 12, 5, 9, 0, 7,
            0, 15, 7, 4, 14, 2, 13, 1, 10, 6, 12, 11, 9, 5, 3, 8,
            4, 1, 14, 8, 13, 6, 2, 11, 15, 12, 9, 7, 3, 10, 5, 0,
            15, 12, 8, 2, 4, 9, 1, 7, 5, 11, 3, 14, 10, 0, 6, 13},
        {
            15, 1, 8, 14, 6, 11, 3, 4, 9, 7, 2, 13, 12, 0, 5, 10,
            3, 13, 4, 7, 15, 2, 8, 14, 12, 0, 1, 10, 6, 9, 11, 5,
            0, 14, 7, 11, 10, 4, 13, 1, 5, 8, 12, 6, 9, 3, 2, 15,
            13, 8, 10, 1, 3, 15, 4, 2, 11, 6, 7, 12, 0, 5, 14, 9},
        {
            10, 0, 9, 14, 6, 3, 15, 5, 1, 13, 12, 7, 11, 4, 2, 8,
            13, 7, 0, 9, 3, 4, 6, 10, 2, 8, 5, 14, 12, 11, 15, 1,
            13, 6, 4, 9, 8, 15, 3, 0, 11, 1, 2, 12, 5, 10, 14, 7,
            1, 10, 13, 0, 6, 9, 8, 7, 4, 15, 14, 3, 11, 5, 2, 12},
        {
            7, 13, 14, 3, 0, 6, 9, 10, 1, 2, 8, 5, 11, 12, 4, 15,
            13, 8, 11, 5, 6, 15, 0, 3, 4, 7, 2, 12, 1, 10, 14, 9,
            10, 6, 9, 0, 12, 11, 7, 13, 15, 1, 3, 14, 5, 2, 8, 4,
            3, 15, 0, 6, 10, 1, 13, 8, 9, 4, 5, 11, 12, 7, 2, 14},
        {
            2, 12, 4, 1, 7, 10, 11, 6, 8, 5, 3, 15, 13, 0, 14, 9,
            14, 11, 2, 12, 4, 7, 13, 1, 5, 0, 15, 10, 3, 9, 8, 6,
            4, 2, 1, 11, 10, 13, 7, 8, 15, 9, 12, 5, 6, 3, 0, 14,
            11, 8, 12, 7, 1, 14, 2, 13, 6, 15, 0, 9, 10, 4, 5, 3},
        {
            12, 1, 10, 15, 9, 2, 6, 8, 0, 13, 3, 4, 14, 7, 5, 11,
            10, 15, 4, 2, 7, 12, 9, 5, 6, 1, 13, 14, 0, 11, 3, 8,
            9, 14, 15, 5, 2, 8, 12, 3, 7, 0, 4, 10, 1, 13, 11, 6,
            4, 3, 2, 12, 9, 5, 15, 10, 11, 14, 1, 7, 6, 0, 8, 13},
        {
            4, 11, 2, 14, 15, 0, 8, 13, 3, 12, 9, 7, 5, 10, 6, 1,
            13, 0, 11, 7, 4, 9, 1, 10, 14, 3, 5, 12, 2, 15, 8, 6,
            1, 4, 11, 13, 12, 3, 7, 14, 10, 15, 6, 8, 0, 5, 9, 2,
            6, 11, 13, 8, 1, 4, 10, 7, 9, 5, 0, 15, 14, 2, 3, 12},
        {
            13, 2, 8, 4, 6, 15, 11, 1, 10, 9, 3, 14, 5, 0, 12, 7,
            1, 15, 13, 8, 10, 3, 7, 4, 12, 5, 6, 11, 0, 14, 9, 2,
            7, 11, 4, 1, 9, 12, 14, 2, 0, 6, 10, 13, 15, 3, 5, 8,
            2, 1, 14, 7, 4, 10, 8, 13, 15, 12, 9, 0, 3, 5, 6, 11}};

    /** FIPS 46-3 permutation P: output bit i is input bit P[i]. */
    private static final byte[] P = {
        16, 7, 20, 21, 29, 12, 28, 17, 1, 15, 23, 26, 5, 18, 31, 10,
        2, 8, 24, 14, 32, 27, 3, 9, 19, 13, 30, 6, 22, 11, 4, 25};

    /** FIPS 46-3 initial permutation IP (the fast path uses {@link DesBlock#initialPermutation}; tests check it). */
    static final byte[] IP = {
        58, 50, 42, 34, 26, 18, 10, 2, 60, 52, 44, 36, 28, 20, 12, 4,
        62, 54, 46, 38, 30, 22, 14, 6, 64, 56, 48, 40, 32, 24, 16, 8,
        57, 49, 41, 33, 25, 17, 9, 1, 59, 51, 43, 35, 27, 19, 11, 3,
        61, 53, 45, 37, 29, 21, 13, 5, 63, 55, 47, 39, 31, 23, 15, 7};

    /** FIPS 46-3 permuted choice 1 (56 of the key's 64 bits; the parity bits 8, 16, .. 64 are dropped). */
    private static final byte[] PC1 = {
        57, 49, 41, 33, 25, 17, 9, 1, 58, 50, 42, 34, 26, 18,
        10, 2, 59, 51, 43, 35, 27, 19, 11, 3, 60, 52, 44, 36,
        63, 55, 47, 39, 31, 23, 15, 7, 62, 54, 46, 38, 30, 22,
        14, 6, 61, 53, 45, 37, 29, 21, 13, 5, 28, 20, 12, 4};

    /** FIPS 46-3 permuted choice 2 (48 of the 56 bits C ‖ D). */
    private static final byte[] PC2 = {
        14, 17, 11, 24, 1, 5, 3, 28, 15, 6, 21, 10,
        23, 19, 12, 4, 26, 8, 16, 7, 27, 20, 13, 2,
        41, 52, 31, 37, 47, 55, 30, 40, 51, 45, 33, 48,
        44, 49, 39, 56, 34, 53, 46, 42, 50, 36, 29, 32};

    /** FIPS 46-3 left shifts of C and D before each of the 16 rounds. */
    private static final byte[] SHIFTS = {1, 1, 2, 2, 2, 2, 2, 2, 1, 2, 2, 2, 2, 2, 2, 1};

    /**
     * SP[64 * j + x] = P(S(j+1)(x) placed at S-output bits 4j+1 .. 4j+4), rotated left by one as the halves are;
     * x is the six-bit box input with its first bit (of E's numbering) as the most significant.
     */
    static final int[] SP = spTable();

    private DesTables() {
    }

    private static int[] spTable() {
        int[] sp = new int[8 * 64];
        for (int j = 0; j < 8; j++) {
            for (int x = 0; x < 64; x++) {
                int row = ((x >>> 4) & 2) | (x & 1);
                int column = (x >>> 1) & 15;
                long sOut = (long) S_BOXES[j][16 * row + column] << (28 - 4 * j);
                int f = (int) permute(sOut, 32, P);
                sp[64 * j + x] = Integer.rotateLeft(f, 1);
            }
        }
        return sp;
    }

    /**
     * The 16 round keys of one DES key (8 bytes at {@code off}; parity bits ignored), two ints per round in the
     * layout the rounds use (see the class comment): {@code [2i]} for boxes 2, 4, 6, 8 and {@code [2i+1]} for boxes
     * 1, 3, 5, 7 shifted four bits up. {@code decrypt} lists the rounds in reverse order.
     */
    static int[] roundKeys(byte[] key, int off, boolean decrypt) {
        long k = 0;
        for (int i = 0; i < 8; i++) {
            k = (k << 8) | (key[off + i] & 0xFF);
        }
        long cd = permute(k, 64, PC1); // 56 bits: C = high 28, D = low 28
        int c = (int) (cd >>> 28);
        int d = (int) (cd & 0x0FFF_FFFF);
        int[] keys = new int[32];
        for (int round = 0; round < 16; round++) {
            c = rotate28(c, SHIFTS[round]);
            d = rotate28(d, SHIFTS[round]);
            long subkey = permute(((long) c << 28) | d, 56, PC2); // 48 bits, box j's six bits at 42 - 6j
            int odd = 0;
            int even = 0;
            for (int j = 0; j < 8; j++) {
                int six = (int) (subkey >>> (42 - 6 * j)) & 63;
                int offset = 8 * (3 - j / 2);
                if ((j & 1) == 1) {
                    odd |= six << offset;
                } else {
                    even |= six << offset;
                }
            }
            int at = 2 * (decrypt ? 15 - round : round);
            keys[at] = odd;
            keys[at + 1] = Integer.rotateLeft(even, 4);
        }
        return keys;
    }

    private static int rotate28(int v, int n) {
        return ((v << n) | (v >>> (28 - n))) & 0x0FFF_FFFF;
    }

    /**
     * A FIPS-style bit permutation: output bit i (1-based from the most significant of {@code table.length}
     * bits) is input bit table[i-1] of the {@code inputBits}-bit input.
     */
    static long permute(long input, int inputBits, byte[] table) {
        long out = 0;
        for (byte position : table) {
            out = (out << 1) | ((input >>> (inputBits - position)) & 1);
        }
        return out;
    }
}
