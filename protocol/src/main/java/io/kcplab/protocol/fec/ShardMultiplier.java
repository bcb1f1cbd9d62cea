package io.kcplab.protocol.fec;

/**
 * A coefficient matrix compiled by a {@link CodingKernel}. Immutable and safe to share between threads.
 */
interface ShardMultiplier {

    /**
     * For every output row r: {@code shards[outputs[r]][offset, offset + byteCount)} becomes the GF(2^8) sum over c
     * of {@code coefficients[r][c] * shards[inputs[c]][same range]}. Output shards are overwritten, never read, and
     * must be distinct from the input shards. Callers check the bounds; this method does not allocate.
     */
    void multiply(byte[][] shards, int[] inputs, int[] outputs, int offset, int byteCount);
}
