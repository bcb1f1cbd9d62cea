package io.kcplab.protocol.fec;

import io.kcplab.protocol.SimdSettings;
import io.kcplab.protocol.VectorSupport;
import java.lang.invoke.MethodHandles;
import java.util.Locale;

/**
 * Finds the coding kernels for a {@link SimdSettings}. The Vector API kernels live in classes that name
 * {@code jdk.incubator.vector}; they are loaded through {@link VectorSupport} only when that module is in the boot
 * layer, so the codec runs without it. Fallback as {@link VectorSupport} describes: auto takes the scalar kernel
 * only when the vector one is unsupported here.
 */
final class Kernels {

    private static final String VECTOR_FACTORY_CLASS = "io.kcplab.protocol.fec.VectorKernel$Factory";

    /** Makes the Vector API kernels; implemented next to them, so this class never names the module. */
    interface VectorFactory {
        /** {@code vector}, {@code vector-pairwise} or {@code vector-per-input}, at the width {@code simd} asks. */
        CodingKernel create(String shape, SimdSettings simd);
    }

    private Kernels() {
    }

    static boolean vectorModulePresent() {
        return VectorSupport.modulePresent();
    }

    static CodingKernel preferred(SimdSettings simd) {
        String kernel = simd.fecKernel();
        if (!kernel.equals("auto")) {
            return named(kernel, simd);
        }
        VectorFactory factory = VectorSupport.choose("auto", MethodHandles.lookup(), VECTOR_FACTORY_CLASS,
                VectorFactory.class);
        if (factory == null) {
            return ScalarKernel.INSTANCE;
        }
        try {
            return factory.create("vector", simd);
        } catch (UnsupportedOperationException e) {
            return ScalarKernel.INSTANCE; // vectors too short for 16-entry tables: the scalar kernel, same bytes
        }
    }

    static CodingKernel named(String name, SimdSettings simd) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        switch (key) {
            case "scalar":
                return ScalarKernel.INSTANCE;
            case "vector":
            case "vector-pairwise":
            case "vector-per-input":
                return VectorSupport.load(MethodHandles.lookup(), VECTOR_FACTORY_CLASS, VectorFactory.class)
                        .create(key, simd);
            default:
                throw new IllegalArgumentException("unknown Reed-Solomon kernel '" + name
                        + "'; accepted: auto, scalar, vector, vector-pairwise, vector-per-input");
        }
    }
}
