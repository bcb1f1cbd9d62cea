package io.kcplab.protocol.fec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class GaloisFieldTest {

    /** Carry-less multiplication reduced by 0x11D, bit by bit: an independent definition of the field. */
    private static int slowMultiply(int a, int b) {
        int product = 0;
        for (int bit = 0; bit < 8; bit++) {
            if ((b & (1 << bit)) != 0) {
                product ^= a << bit;
            }
        }
        for (int bit = 15; bit >= 8; bit--) {
            if ((product & (1 << bit)) != 0) {
                product ^= GaloisField.POLYNOMIAL << (bit - 8);
            }
        }
        return product;
    }

    @Test
    void multiplicationMatchesPolynomialArithmeticForEveryPair() {
        for (int a = 0; a < 256; a++) {
            for (int b = 0; b < 256; b++) {
                assertEquals(slowMultiply(a, b), GaloisField.multiply(a, b), a + " * " + b);
            }
        }
    }

    @Test
    void everyNonZeroElementHasAnInverse() {
        for (int a = 1; a < 256; a++) {
            assertEquals(1, GaloisField.multiply(a, GaloisField.inverse(a)), "inverse of " + a);
        }
        assertThrows(ArithmeticException.class, () -> GaloisField.inverse(0));
    }

    @Test
    void powerFollowsRepeatedMultiplicationWithZeroToTheZeroIsOne() {
        assertEquals(1, GaloisField.power(0, 0));
        assertEquals(0, GaloisField.power(0, 3));
        for (int a = 1; a < 256; a += 7) {
            int expected = 1;
            for (int n = 0; n < 300; n++) {
                assertEquals(expected, GaloisField.power(a, n), a + "^" + n);
                expected = GaloisField.multiply(expected, a);
            }
        }
    }

    @Test
    void twoGeneratesTheWholeMultiplicativeGroup() {
        boolean[] seen = new boolean[256];
        for (int n = 0; n < 255; n++) {
            seen[GaloisField.power(2, n)] = true;
        }
        for (int a = 1; a < 256; a++) {
            assertEquals(true, seen[a], "2^n never reaches " + a);
        }
    }
}
