package io.kcplab.protocol.fec;

/**
 * One way of running the GF(2^8) multiply-accumulate at the heart of encode and decode: it compiles a coefficient
 * matrix once (into lookup tables) and the result is then applied to shard after shard.
 */
interface CodingKernel {

    /** A short name for logs and benchmarks: {@code scalar}, {@code vector-pairwise}, ... */
    String name();

    /** Prepares {@code coefficients} ({@code outputs x inputs}, at least one of each) for {@link ShardMultiplier}. */
    ShardMultiplier compile(byte[][] coefficients);
}
