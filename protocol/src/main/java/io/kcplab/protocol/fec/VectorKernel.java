package io.kcplab.protocol.fec;

import io.kcplab.protocol.SimdSettings;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API kernels: split nibble tables looked up with {@code selectFrom} (VPERMB/PSHUFB).
 * Made by {@link Factory}, which {@link Kernels} loads by reflection only when {@code jdk.incubator.vector} is present.
 *
 * <p>Two loop shapes, both byte-identical: "pairwise" (one input-output pair per pass) and "per-input" (one pass per
 * input into up to four outputs). Per-input measured faster on JDK 17 and 25 (BENCHMARKS.md, "Design
 * measurements"), so it is the default from {@link #PER_INPUT_FROM_FEATURE} (= 17, i.e. always); raise that
 * constant if a quiet-machine {@code ReedSolomonBenchmark} (vector-pairwise vs vector-per-input) says otherwise.
 * Force one with {@link SimdSettings#withFecKernel}.
 *
 * <p>Vector width: the preferred species (512 bits with AVX-512), or {@link SimdSettings#withFecVectorBits}.
 * A 64-lane byte permute needs AVX-512 VBMI (VPERMB); without it C2 does not intrinsify 512-bit byte
 * {@code selectFrom} and the kernel would crawl, so when the caller says byte permutes are not wide
 * ({@link SimdSettings#withWideBytePermute}; the transport's CPU probe does, on Skylake-X and Cascade Lake) 256
 * bits are used instead. The width is a constant for C2 ({@link #SPECIES}), so it is fixed per JVM by the first
 * vector kernel made; a later explicit request for another width is refused.
 */
final class VectorKernel implements CodingKernel {

    /** The width every vector multiplier uses; see {@link Factory#fix}. */
    static final VectorSpecies<Byte> SPECIES = Factory.fixedOrPreferred();
    /** First JDK feature release where the per-input shape is the default; older ones get pairwise. */
    static final int PER_INPUT_FROM_FEATURE = 17;

    private final boolean perInput;

    private VectorKernel(boolean perInput) {
        this.perInput = perInput;
    }

    @Override
    public String name() {
        return perInput ? "vector-per-input" : "vector-pairwise";
    }

    @Override
    public ShardMultiplier compile(byte[][] coefficients) {
        return perInput ? new PerInputVectorMultiplier(coefficients) : new PairwiseVectorMultiplier(coefficients);
    }

    /** Loaded by {@link Kernels} through {@link io.kcplab.protocol.VectorSupport}. */
    static final class Factory implements Kernels.VectorFactory {

        /** The width asked for by the first kernel, read once by {@link VectorKernel}'s class initialisation. */
        private static volatile VectorSpecies<Byte> first;

        @Override
        public CodingKernel create(String shape, SimdSettings simd) {
            VectorSpecies<Byte> wanted = speciesFor(simd);
            VectorSpecies<Byte> fixed = fix(wanted);
            if (simd.fecVectorBits() != 0 && fixed.vectorBitSize() != wanted.vectorBitSize()) {
                throw new IllegalStateException("the Reed-Solomon vector width is fixed per JVM by its first vector"
                        + " kernel at " + fixed.vectorBitSize() + " bits; " + wanted.vectorBitSize() + " asked");
            }
            if (fixed.length() < 16) {
                throw new UnsupportedOperationException("the Vector API kernel needs vectors of at least 128 bits for"
                        + " its 16-entry tables; this JVM offers " + fixed.vectorBitSize() + "-bit vectors");
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

        private static synchronized VectorSpecies<Byte> fix(VectorSpecies<Byte> wanted) {
            if (first == null) {
                first = wanted;
            }
            return SPECIES; // initialises VectorKernel on the first call, from first
        }

        private static VectorSpecies<Byte> fixedOrPreferred() {
            return first != null ? first : speciesFor(SimdSettings.defaults());
        }

        private static VectorSpecies<Byte> speciesFor(SimdSettings simd) {
            int bits = simd.fecVectorBits();
            if (bits != 0) {
                int bitSize = Math.min(bits, ByteVector.SPECIES_MAX.vectorBitSize());
                return VectorSpecies.of(byte.class, VectorShape.forBitSize(bitSize));
            }
            VectorSpecies<Byte> preferred = ByteVector.SPECIES_PREFERRED;
            if (preferred.vectorBitSize() == 512 && !simd.wideBytePermute()) {
                return ByteVector.SPECIES_256;
            }
            return preferred;
        }
    }
}
