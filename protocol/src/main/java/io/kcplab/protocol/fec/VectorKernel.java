package io.kcplab.protocol.fec;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API kernels: split nibble tables looked up with {@code selectFrom} (VPERMB/PSHUFB), codecs.md §1.4.
 * Loaded by {@link Kernels} through reflection only when {@code jdk.incubator.vector} is present.
 *
 * <p>Two loop shapes, both byte-identical: "pairwise" (one input-output pair per pass) did best on JDK 17, where
 * C2 compiles the "per-input" shape (one pass per input into up to four outputs) badly; on JDK 25 per-input is
 * the fastest. Prototype numbers exist only for 17 and 25; JDK 21 is assumed to behave like 25.
 */
final class VectorKernel implements CodingKernel {

    static final VectorSpecies<Byte> SPECIES = ByteVector.SPECIES_PREFERRED;
    /** First JDK feature release where the per-input shape is the default. */
    static final int PER_INPUT_FROM_FEATURE = 21;

    private final boolean perInput;

    private VectorKernel(boolean perInput) {
        this.perInput = perInput;
    }

    /** Called reflectively by {@link Kernels}: shape is {@code vector}, {@code vector-pairwise} or {@code vector-per-input}. */
    static CodingKernel create(String shape) {
        if (SPECIES.length() < 16) {
            throw new UnsupportedOperationException("the Vector API kernel needs vectors of at least 128 bits for its"
                    + " 16-entry tables; this JVM prefers " + SPECIES.vectorBitSize() + "-bit vectors");
        }
        switch (shape) {
            case "vector-pairwise":
                return new VectorKernel(false);
            case "vector-per-input":
                return new VectorKernel(true);
            default:
                return new VectorKernel(Runtime.version().feature() >= PER_INPUT_FROM_FEATURE);
        }
    }

    @Override
    public String name() {
        return perInput ? "vector-per-input" : "vector-pairwise";
    }

    @Override
    public ShardMultiplier compile(byte[][] coefficients) {
        return perInput ? new PerInputVectorMultiplier(coefficients) : new PairwiseVectorMultiplier(coefficients);
    }
}
