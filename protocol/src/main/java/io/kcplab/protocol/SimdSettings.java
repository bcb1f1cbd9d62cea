package io.kcplab.protocol;

import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * Which Vector API kernels the protocol core uses, chosen by the caller: the core reads no system property and
 * no CPU description itself. Every choice gives the same bytes; only speed differs. Defaults: every kernel
 * {@code auto} (the Vector API one when {@code jdk.incubator.vector} is loaded, else the scalar one), the
 * Reed-Solomon vector width the JVM prefers, and 512-bit byte permutes assumed fast.
 *
 * <p>The edge (CLI, transport) passes what it knows about the CPU through {@link #withWideBytePermute} and any
 * operator overrides through {@link #fromProperties}.
 */
public final class SimdSettings {

    /** System-property names the edge may read with {@link #fromProperties}. */
    public static final String FEC_KERNEL_PROPERTY = "kcplab.fec.kernel";
    public static final String FEC_VECTOR_BITS_PROPERTY = "kcplab.fec.vectorBits";
    public static final String HIGHWAY_KERNEL_PROPERTY = "kcplab.highway.kernel";

    private static final SimdSettings DEFAULTS = new SimdSettings("auto", 0, true, "auto");

    private final String fecKernel;
    private final int fecVectorBits;
    private final boolean wideBytePermute;
    private final String highwayKernel;

    private SimdSettings(String fecKernel, int fecVectorBits, boolean wideBytePermute, String highwayKernel) {
        this.fecKernel = fecKernel;
        this.fecVectorBits = fecVectorBits;
        this.wideBytePermute = wideBytePermute;
        this.highwayKernel = highwayKernel;
    }

    public static SimdSettings defaults() {
        return DEFAULTS;
    }

    /**
     * {@code base} with the overrides found by {@code lookup} (e.g. {@code System::getProperty}, called by the
     * edge) under {@link #FEC_KERNEL_PROPERTY}, {@link #FEC_VECTOR_BITS_PROPERTY} and
     * {@link #HIGHWAY_KERNEL_PROPERTY}; absent names keep {@code base}'s value.
     */
    public static SimdSettings fromProperties(Function<String, String> lookup, SimdSettings base) {
        SimdSettings s = Objects.requireNonNull(base, "base");
        String fec = lookup.apply(FEC_KERNEL_PROPERTY);
        if (fec != null) {
            s = s.withFecKernel(fec);
        }
        String bits = lookup.apply(FEC_VECTOR_BITS_PROPERTY);
        if (bits != null) {
            int wanted;
            try {
                wanted = Integer.parseInt(bits.trim());
            } catch (NumberFormatException e) {
                wanted = -1;
            }
            if (wanted == 0) {
                wanted = -1; // 0 means auto in the API, but a property naming a width must name one
            }
            if (wanted != 128 && wanted != 256 && wanted != 512) {
                throw new IllegalArgumentException(FEC_VECTOR_BITS_PROPERTY + " must be 128, 256 or 512; got " + bits);
            }
            s = s.withFecVectorBits(wanted);
        }
        String highway = lookup.apply(HIGHWAY_KERNEL_PROPERTY);
        if (highway != null) {
            s = s.withHighwayKernel(highway);
        }
        return s;
    }

    /** {@code auto}, {@code scalar}, {@code vector}, {@code vector-pairwise} or {@code vector-per-input}. */
    public SimdSettings withFecKernel(String name) {
        String key = normalise(name);
        switch (key) {
            case "auto":
            case "scalar":
            case "vector":
            case "vector-pairwise":
            case "vector-per-input":
                return new SimdSettings(key, fecVectorBits, wideBytePermute, highwayKernel);
            default:
                throw new IllegalArgumentException("unknown Reed-Solomon kernel '" + name
                        + "'; accepted: auto, scalar, vector, vector-pairwise, vector-per-input");
        }
    }

    /** The Reed-Solomon vector width: 128, 256 or 512 bits (capped at what the JVM offers), or 0 for auto. */
    public SimdSettings withFecVectorBits(int bits) {
        if (bits != 0 && bits != 128 && bits != 256 && bits != 512) {
            throw new IllegalArgumentException("the Reed-Solomon vector width must be 0 (auto), 128, 256 or 512"
                    + " bits; got " + bits);
        }
        return new SimdSettings(fecKernel, bits, wideBytePermute, highwayKernel);
    }

    /**
     * Whether 64-lane byte permutes are fast here (x86: AVX-512 VBMI). When false, the auto width stays at 256
     * bits: without the instruction C2 does not intrinsify a 512-bit byte {@code selectFrom} and the kernel
     * would crawl. The edge knows the CPU; the core assumes true.
     */
    public SimdSettings withWideBytePermute(boolean fast) {
        return new SimdSettings(fecKernel, fecVectorBits, fast, highwayKernel);
    }

    /** {@code auto}, {@code scalar} or {@code vector}: the HighwayHash checksum's bulk loop. */
    public SimdSettings withHighwayKernel(String name) {
        String key = normalise(name);
        if (!key.equals("auto") && !key.equals("scalar") && !key.equals("vector")) {
            throw new IllegalArgumentException("unknown HighwayHash kernel '" + name
                    + "'; accepted: auto, scalar, vector");
        }
        return new SimdSettings(fecKernel, fecVectorBits, wideBytePermute, key);
    }

    public String fecKernel() {
        return fecKernel;
    }

    public int fecVectorBits() {
        return fecVectorBits;
    }

    public boolean wideBytePermute() {
        return wideBytePermute;
    }

    public String highwayKernel() {
        return highwayKernel;
    }

    private static String normalise(String name) {
        return Objects.requireNonNull(name, "kernel name").trim().toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SimdSettings)) {
            return false;
        }
        SimdSettings s = (SimdSettings) o;
        return fecKernel.equals(s.fecKernel) && fecVectorBits == s.fecVectorBits
                && wideBytePermute == s.wideBytePermute && highwayKernel.equals(s.highwayKernel);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fecKernel, fecVectorBits, wideBytePermute, highwayKernel);
    }

    @Override
    public String toString() {
        return "simd(fec=" + fecKernel + ", fecBits=" + (fecVectorBits == 0 ? "auto" : fecVectorBits)
                + ", widePermute=" + wideBytePermute + ", highway=" + highwayKernel + ")";
    }
}
