package io.kcplab.protocol.fec;

import io.kcplab.protocol.SimdSettings;

/**
 * A systematic Reed-Solomon erasure code over GF(2^8) with klauspost/reedsolomon's default encoding matrix
 * (the one kcp-go uses; Backblaze JavaReedSolomon builds the same matrix). The shape matches Backblaze's
 * {@code ReedSolomon} so that one implementation can stand in for the other.
 *
 * <p>{@code shards} holds {@code dataShards} data shards followed by {@code parityShards} parity shards; every
 * shard is a separate array and only {@code [offset, offset + byteCount)} of each is read or written.
 */
public interface ErasureCodec {

    int dataShards();

    int parityShards();

    default int totalShards() {
        return dataShards() + parityShards();
    }

    /** Computes the parity shards from the data shards. */
    void encodeParity(byte[][] shards, int offset, int byteCount);

    /**
     * Rebuilds every shard whose {@code shardPresent} entry is false (data and parity) from the present ones.
     *
     * @throws IllegalArgumentException if fewer than {@code dataShards} shards are present
     */
    void decodeMissing(byte[][] shards, boolean[] shardPresent, int offset, int byteCount);

    /**
     * KcpLab's own codec ({@link GaloisCodec}): the Vector API kernel when {@code jdk.incubator.vector} is loaded,
     * else the scalar one. Same parity bytes either way.
     */
    static ErasureCodec fast(int dataShards, int parityShards) {
        return FastCodecs.create(dataShards, parityShards, SimdSettings.defaults());
    }

    /** {@link #fast(int, int)} with the kernel {@code simd} picks (e.g. the scalar one, or a vector width). */
    static ErasureCodec fast(int dataShards, int parityShards, SimdSettings simd) {
        return FastCodecs.create(dataShards, parityShards, simd);
    }
}
