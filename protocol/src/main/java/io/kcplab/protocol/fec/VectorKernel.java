package io.kcplab.protocol.fec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API kernels: split nibble tables looked up with {@code selectFrom} (VPERMB/PSHUFB).
 * Loaded by {@link Kernels} through reflection only when {@code jdk.incubator.vector} is present.
 *
 * <p>Two loop shapes, both byte-identical: "pairwise" (one input-output pair per pass) and "per-input" (one pass per
 * input into up to four outputs). In the early prototypes pairwise won on JDK 17 (4.8x Backblaze; their
 * per-input loop compiled badly there, 1.6x) and per-input won on JDK 25 (7.0-7.4x). This implementation's
 * per-input loop does not have that JDK 17 problem: in same-JVM smoke runs here (2 busy cores, so only the ratios
 * mean anything) it beat pairwise on JDK 17 by about 15% (encode 13.1x vs 11.2x Backblaze, decode 13.8x vs 11.9x)
 * and on JDK 25 by about 25-35%. So per-input is the default from {@link #PER_INPUT_FROM_FEATURE} (= 17, i.e.
 * always); raise that constant if a quiet-machine JMH run ({@code ReedSolomonBenchmark}, codec = vector-pairwise
 * vs vector-per-input) says otherwise. Force one with {@code -Dkcplab.fec.kernel=vector-pairwise|vector-per-input}.
 *
 * <p>Vector width: the preferred species (512 bits with AVX-512), or {@code -Dkcplab.fec.vectorBits=128|256|512}.
 * A 64-lane byte permute needs AVX-512 VBMI (VPERMB); without it C2 does not intrinsify 512-bit byte
 * {@code selectFrom} and the kernel would crawl, so on Linux x86 CPUs whose {@code /proc/cpuinfo} lacks
 * {@code avx512vbmi} (Skylake-X, Cascade Lake) 256 bits are used instead.
 */
final class VectorKernel implements CodingKernel {

    static final VectorSpecies<Byte> SPECIES = chooseSpecies();
    /** First JDK feature release where the per-input shape is the default; older ones get pairwise. */
    static final int PER_INPUT_FROM_FEATURE = 17;

    private final boolean perInput;

    private VectorKernel(boolean perInput) {
        this.perInput = perInput;
    }

    private static VectorSpecies<Byte> chooseSpecies() {
        String bits = System.getProperty("kcplab.fec.vectorBits");
        if (bits != null) {
            int wanted;
            try {
                wanted = Integer.parseInt(bits.trim());
            } catch (NumberFormatException e) {
                wanted = -1;
            }
            if (wanted != 128 && wanted != 256 && wanted != 512) {
                throw new IllegalArgumentException("kcplab.fec.vectorBits must be 128, 256 or 512; got " + bits);
            }
            int bitSize = Math.min(wanted, ByteVector.SPECIES_MAX.vectorBitSize());
            return VectorSpecies.of(byte.class, VectorShape.forBitSize(bitSize));
        }
        VectorSpecies<Byte> preferred = ByteVector.SPECIES_PREFERRED;
        if (preferred.vectorBitSize() == 512 && lacksByteShuffle512()) {
            return ByteVector.SPECIES_256;
        }
        return preferred;
    }

    private static boolean lacksByteShuffle512() {
        String arch = System.getProperty("os.arch", "");
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!(arch.equals("amd64") || arch.equals("x86_64")) || !Files.isReadable(cpuinfo)) {
            return false;
        }
        try {
            String flags = Files.readString(cpuinfo, StandardCharsets.US_ASCII);
            return flags.contains(" avx512f") && !flags.contains(" avx512vbmi");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Called reflectively by {@link Kernels}: {@code vector}, {@code vector-pairwise} or {@code vector-per-input}. */
    static CodingKernel create(String shape) {
        if (SPECIES.length() < 16) {
            throw new UnsupportedOperationException("the Vector API kernel needs vectors of at least 128 bits for its"
                    + " 16-entry tables; this JVM offers " + SPECIES.vectorBitSize() + "-bit vectors");
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
