package io.kcplab.protocol.fec;

/**
 * Arithmetic in GF(2^8) with the reducing polynomial x^8+x^4+x^3+x^2+1 (0x11D) and generator 2: the field of
 * klauspost/reedsolomon and Backblaze JavaReedSolomon (which calls the polynomial "29", dropping the x^8 bit).
 * Addition is XOR; multiplication goes through log and exp tables.
 */
final class GaloisField {

    static final int POLYNOMIAL = 0x11D;
    static final int ORDER = 256;

    /** {@code EXP[i] = 2^i}, doubled in length so that {@code EXP[LOG[a] + LOG[b]]} needs no modulo. */
    private static final int[] EXP = new int[2 * 255];
    /** {@code LOG[a]} for a != 0; {@code LOG[0]} is unused. */
    private static final int[] LOG = new int[ORDER];

    static {
        int x = 1;
        for (int i = 0; i < 255; i++) {
            EXP[i] = x;
            EXP[i + 255] = x;
            LOG[x] = i;
            x <<= 1;
            if (x >= ORDER) {
                x ^= POLYNOMIAL;
            }
        }
    }

    private GaloisField() {
    }

    static int multiply(int a, int b) {
        if (a == 0 || b == 0) {
            return 0;
        }
        return EXP[LOG[a] + LOG[b]];
    }

    static int inverse(int a) {
        if (a == 0) {
            throw new ArithmeticException("0 has no inverse in GF(2^8)");
        }
        return EXP[255 - LOG[a]];
    }

    /** {@code a^n} with {@code 0^0 = 1}, as the Vandermonde construction of both peers defines it. */
    static int power(int a, int n) {
        if (n == 0) {
            return 1;
        }
        if (a == 0) {
            return 0;
        }
        return EXP[(int) ((long) LOG[a] * n % 255)];
    }
}
