package io.kcplab.protocol.fec;

/**
 * Scalar multiply-accumulate with packed multi-output tables (against Backblaze's byte table: BENCHMARKS.md).
 *
 * <p>Outputs are split into groups of up to 8. For each group and input c, a 256-entry table maps a byte x to all
 * of the group's products {@code coefficient[r][c] * x}, one per byte lane of an int (groups of up to 4) or a long
 * (up to 8). One lookup thus multiplies a byte into every output of the group at once.
 *
 * <p>Loop shape (measured here against the output-major per-position loop: about 1.5-2x faster): input-major over a
 * chunk of positions, two inputs per pass, XORing table words into a per-thread accumulator array; then one simple
 * pass per output extracts its byte lane. Each inner loop touches few arrays, so C2 unrolls it and drops the range
 * checks. The accumulator is a fixed-size per-thread array (chunks of {@value #CHUNK} positions), so nothing is
 * allocated after a thread's first call and the codec stays thread-safe.
 */
final class PackedTableMultiplier implements ShardMultiplier {

    private static final int MAX_INT_GROUP = 4;
    private static final int MAX_LONG_GROUP = 8;
    static final int CHUNK = 2048;

    private static final ThreadLocal<Accumulators> ACCUMULATORS = ThreadLocal.withInitial(Accumulators::new);

    /** Per-thread scratch, created on the first use of each width. */
    private static final class Accumulators {
        int[] ints;
        long[] longs;

        int[] ints() {
            if (ints == null) {
                ints = new int[CHUNK];
            }
            return ints;
        }

        long[] longs() {
            if (longs == null) {
                longs = new long[CHUNK];
            }
            return longs;
        }
    }

    private final int inputCount;
    /** Per group and input: the 256-entry int table, or null when the group uses longs. */
    private final int[][][] intTables;
    private final long[][][] longTables;
    private final int[] groupStart;

    PackedTableMultiplier(byte[][] coefficients) {
        int outputCount = coefficients.length;
        this.inputCount = coefficients[0].length;
        int groups = (outputCount + MAX_LONG_GROUP - 1) / MAX_LONG_GROUP;
        intTables = new int[groups][][];
        longTables = new long[groups][][];
        groupStart = new int[groups + 1];
        for (int g = 0; g < groups; g++) {
            int first = g * MAX_LONG_GROUP;
            int size = Math.min(MAX_LONG_GROUP, outputCount - first);
            groupStart[g] = first;
            if (size <= MAX_INT_GROUP) {
                intTables[g] = intTables(coefficients, first, size, inputCount);
            } else {
                longTables[g] = longTables(coefficients, first, size, inputCount);
            }
        }
        groupStart[groups] = outputCount;
    }

    private static int[][] intTables(byte[][] coefficients, int first, int size, int inputs) {
        int[][] tables = new int[inputs][256];
        for (int c = 0; c < inputs; c++) {
            for (int x = 0; x < 256; x++) {
                int word = 0;
                for (int r = 0; r < size; r++) {
                    word |= GaloisField.multiply(coefficients[first + r][c] & 0xFF, x) << (8 * r);
                }
                tables[c][x] = word;
            }
        }
        return tables;
    }

    private static long[][] longTables(byte[][] coefficients, int first, int size, int inputs) {
        long[][] tables = new long[inputs][256];
        for (int c = 0; c < inputs; c++) {
            for (int x = 0; x < 256; x++) {
                long word = 0;
                for (int r = 0; r < size; r++) {
                    word |= (long) GaloisField.multiply(coefficients[first + r][c] & 0xFF, x) << (8 * r);
                }
                tables[c][x] = word;
            }
        }
        return tables;
    }

    @Override
    public void multiply(byte[][] shards, int[] inputs, int[] outputs, int offset, int byteCount) {
        Accumulators accumulators = ACCUMULATORS.get();
        for (int g = 0; g < intTables.length; g++) {
            int first = groupStart[g];
            int size = groupStart[g + 1] - first;
            for (int done = 0; done < byteCount; done += CHUNK) {
                int length = Math.min(CHUNK, byteCount - done);
                if (intTables[g] != null) {
                    intGroup(intTables[g], accumulators.ints(), shards, inputs, outputs, first, size,
                            offset + done, length);
                } else {
                    longGroup(longTables[g], accumulators.longs(), shards, inputs, outputs, first, size,
                            offset + done, length);
                }
            }
        }
    }

    private void intGroup(int[][] t, int[] acc, byte[][] shards, int[] inputs, int[] outputs, int first, int size,
            int from, int length) {
        int d = inputCount;
        int c;
        if (d == 1) {
            int[] t0 = t[0];
            byte[] in0 = shards[inputs[0]];
            for (int b = 0; b < length; b++) {
                acc[b] = t0[in0[from + b] & 0xFF];
            }
            c = 1;
        } else {
            int[] t0 = t[0];
            int[] t1 = t[1];
            byte[] in0 = shards[inputs[0]];
            byte[] in1 = shards[inputs[1]];
            for (int b = 0; b < length; b++) {
                acc[b] = t0[in0[from + b] & 0xFF] ^ t1[in1[from + b] & 0xFF];
            }
            c = 2;
        }
        for (; c + 2 <= d; c += 2) {
            int[] t0 = t[c];
            int[] t1 = t[c + 1];
            byte[] in0 = shards[inputs[c]];
            byte[] in1 = shards[inputs[c + 1]];
            for (int b = 0; b < length; b++) {
                acc[b] ^= t0[in0[from + b] & 0xFF] ^ t1[in1[from + b] & 0xFF];
            }
        }
        if (c < d) {
            int[] t0 = t[c];
            byte[] in0 = shards[inputs[c]];
            for (int b = 0; b < length; b++) {
                acc[b] ^= t0[in0[from + b] & 0xFF];
            }
        }
        for (int r = 0; r < size; r++) {
            byte[] out = shards[outputs[first + r]];
            int shift = 8 * r;
            for (int b = 0; b < length; b++) {
                out[from + b] = (byte) (acc[b] >>> shift);
            }
        }
    }

    private void longGroup(long[][] t, long[] acc, byte[][] shards, int[] inputs, int[] outputs, int first,
            int size, int from, int length) {
        int d = inputCount;
        int c;
        if (d == 1) {
            long[] t0 = t[0];
            byte[] in0 = shards[inputs[0]];
            for (int b = 0; b < length; b++) {
                acc[b] = t0[in0[from + b] & 0xFF];
            }
            c = 1;
        } else {
            long[] t0 = t[0];
            long[] t1 = t[1];
            byte[] in0 = shards[inputs[0]];
            byte[] in1 = shards[inputs[1]];
            for (int b = 0; b < length; b++) {
                acc[b] = t0[in0[from + b] & 0xFF] ^ t1[in1[from + b] & 0xFF];
            }
            c = 2;
        }
        for (; c + 2 <= d; c += 2) {
            long[] t0 = t[c];
            long[] t1 = t[c + 1];
            byte[] in0 = shards[inputs[c]];
            byte[] in1 = shards[inputs[c + 1]];
            for (int b = 0; b < length; b++) {
                acc[b] ^= t0[in0[from + b] & 0xFF] ^ t1[in1[from + b] & 0xFF];
            }
        }
        if (c < d) {
            long[] t0 = t[c];
            byte[] in0 = shards[inputs[c]];
            for (int b = 0; b < length; b++) {
                acc[b] ^= t0[in0[from + b] & 0xFF];
            }
        }
        for (int r = 0; r < size; r++) {
            byte[] out = shards[outputs[first + r]];
            int shift = 8 * r;
            for (int b = 0; b < length; b++) {
                out[from + b] = (byte) (acc[b] >>> shift);
            }
        }
    }
}
