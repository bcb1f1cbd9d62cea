package io.kcplab.protocol.fec;

/**
 * Small dense matrices over {@link GaloisField}, as {@code byte[rows][columns]}. Only used to build coding
 * matrices (at construction and on a decode-cache miss), so clarity beats speed here.
 */
final class Matrix {

    private Matrix() {
    }

    /**
     * The systematic encoding matrix shared by Backblaze JavaReedSolomon and klauspost/reedsolomon's default
     * {@code New(d, p)}: the Vandermonde matrix {@code V[r][c] = r^c} ({@code r < d+p}, {@code c < d}) times the
     * inverse of its top {@code d x d} square. The top d rows become the identity; the bottom p rows are parity.
     */
    static byte[][] encoding(int dataShards, int parityShards) {
        int total = dataShards + parityShards;
        byte[][] vandermonde = new byte[total][dataShards];
        for (int r = 0; r < total; r++) {
            for (int c = 0; c < dataShards; c++) {
                vandermonde[r][c] = (byte) GaloisField.power(r, c);
            }
        }
        byte[][] top = rows(vandermonde, 0, dataShards);
        return multiply(vandermonde, invert(top));
    }

    static byte[][] rows(byte[][] m, int from, int to) {
        byte[][] out = new byte[to - from][];
        for (int r = from; r < to; r++) {
            out[r - from] = m[r].clone();
        }
        return out;
    }

    static byte[][] multiply(byte[][] a, byte[][] b) {
        int inner = b.length;
        int columns = b[0].length;
        byte[][] out = new byte[a.length][columns];
        for (int r = 0; r < a.length; r++) {
            if (a[r].length != inner) {
                throw new IllegalArgumentException("matrix shapes do not match");
            }
            for (int c = 0; c < columns; c++) {
                int sum = 0;
                for (int k = 0; k < inner; k++) {
                    sum ^= GaloisField.multiply(a[r][k] & 0xFF, b[k][c] & 0xFF);
                }
                out[r][c] = (byte) sum;
            }
        }
        return out;
    }

    /** Gauss-Jordan inverse of a square matrix. */
    static byte[][] invert(byte[][] m) {
        int n = m.length;
        byte[][] work = new byte[n][2 * n];
        for (int r = 0; r < n; r++) {
            if (m[r].length != n) {
                throw new IllegalArgumentException("only square matrices can be inverted");
            }
            System.arraycopy(m[r], 0, work[r], 0, n);
            work[r][n + r] = 1;
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            while (pivot < n && work[pivot][col] == 0) {
                pivot++;
            }
            if (pivot == n) {
                throw new ArithmeticException("matrix is singular");
            }
            byte[] swap = work[pivot];
            work[pivot] = work[col];
            work[col] = swap;
            byte[] row = work[col];
            int scale = GaloisField.inverse(row[col] & 0xFF);
            for (int c = 0; c < 2 * n; c++) {
                row[c] = (byte) GaloisField.multiply(row[c] & 0xFF, scale);
            }
            for (int r = 0; r < n; r++) {
                int factor = work[r][col] & 0xFF;
                if (r != col && factor != 0) {
                    byte[] target = work[r];
                    for (int c = 0; c < 2 * n; c++) {
                        target[c] ^= (byte) GaloisField.multiply(factor, row[c] & 0xFF);
                    }
                }
            }
        }
        byte[][] out = new byte[n][];
        for (int r = 0; r < n; r++) {
            out[r] = java.util.Arrays.copyOfRange(work[r], n, 2 * n);
        }
        return out;
    }
}
