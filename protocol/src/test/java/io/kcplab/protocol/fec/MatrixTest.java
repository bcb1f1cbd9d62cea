package io.kcplab.protocol.fec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MatrixTest {

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    private static byte[][] identity(int n) {
        byte[][] m = new byte[n][n];
        for (int i = 0; i < n; i++) {
            m[i][i] = 1;
        }
        return m;
    }

    @Test
    void tenPlusThreeParityRowsMatchBackblazeAndKlauspost() {
        byte[][] e = Matrix.encoding(10, 3);
        assertArrayEquals(identity(10), Matrix.rows(e, 0, 10));
        // docs/wire-format.md §3.2.
        assertArrayEquals(hex("81 96 af b8 d2 c4 fe e8 03 02"), e[10]);
        assertArrayEquals(hex("96 81 b8 af c4 d2 e8 fe 02 03"), e[11]);
        assertArrayEquals(hex("bf d6 62 0a 06 6f df b7 05 04"), e[12]);
    }

    @Test
    void threePlusTwoParityRowsMatchKcpGo() {
        byte[][] e = Matrix.encoding(3, 2);
        assertArrayEquals(hex("010101"), e[3]);
        assertArrayEquals(hex("0f0806"), e[4]);
    }

    @Test
    void everySquareOfRowsOfTheEncodingMatrixInverts() {
        Random random = new Random(42);
        for (int round = 0; round < 50; round++) {
            int d = 1 + random.nextInt(20);
            int p = 1 + random.nextInt(10);
            byte[][] e = Matrix.encoding(d, p);
            byte[][] square = new byte[d][];
            int taken = 0;
            for (int r = 0; r < d + p && taken < d; r++) {
                if (random.nextInt(d + p) < d + 1 || d + p - r == d - taken) {
                    square[taken++] = e[r];
                }
            }
            if (taken < d) {
                continue;
            }
            assertArrayEquals(identity(d), Matrix.multiply(Matrix.invert(square), square), "d=" + d + " p=" + p);
            assertArrayEquals(identity(d), Matrix.multiply(square, Matrix.invert(square)), "d=" + d + " p=" + p);
        }
    }

    @Test
    void singularMatrixIsRejected() {
        byte[][] singular = {{1, 2}, {2, 4}};
        assertThrows(ArithmeticException.class, () -> Matrix.invert(singular));
    }
}
