package io.kcplab.protocol.fec;

import java.lang.reflect.InvocationTargetException;
import java.util.Locale;

/**
 * Finds the coding kernels. The Vector API kernels live in classes that name {@code jdk.incubator.vector}; they are
 * only loaded, by reflection, when that module is in the boot layer, so the codec runs without it.
 *
 * <p>{@code -Dkcplab.fec.kernel=auto|scalar|vector|vector-pairwise|vector-per-input} forces a kernel
 * (default auto: vector if available, else scalar).
 */
final class Kernels {

    static final String VECTOR_MODULE = "jdk.incubator.vector";
    private static final String VECTOR_KERNEL_CLASS = "io.kcplab.protocol.fec.VectorKernel";

    private Kernels() {
    }

    static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
    }

    static CodingKernel preferred() {
        String forced = System.getProperty("kcplab.fec.kernel", "auto").trim().toLowerCase(Locale.ROOT);
        if (forced.equals("auto")) {
            if (vectorModulePresent()) {
                CodingKernel vector = VectorHolder.AUTO;
                if (vector != null) {
                    return vector;
                }
            }
            return ScalarKernel.INSTANCE;
        }
        return named(forced);
    }

    static CodingKernel named(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        switch (key) {
            case "scalar":
                return ScalarKernel.INSTANCE;
            case "vector":
            case "vector-pairwise":
            case "vector-per-input":
                return loadVector(key);
            default:
                throw new IllegalArgumentException("unknown Reed-Solomon kernel '" + name
                        + "'; accepted: auto, scalar, vector, vector-pairwise, vector-per-input");
        }
    }

    private static CodingKernel loadVector(String shape) {
        if (!vectorModulePresent()) {
            throw new UnsupportedOperationException("the '" + shape + "' Reed-Solomon kernel needs the Vector API:"
                    + " start the JVM with --add-modules " + VECTOR_MODULE + " (or use the scalar kernel)");
        }
        try {
            Class<?> type = Class.forName(VECTOR_KERNEL_CLASS);
            return (CodingKernel) type.getDeclaredMethod("create", String.class).invoke(null, shape);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            throw new IllegalStateException("cannot start the Vector API kernel", cause);
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("cannot load the Vector API kernel", e);
        }
    }

    /** The auto-picked vector kernel, or null if it cannot run here (e.g. vectors too short for 16-entry tables). */
    private static final class VectorHolder {
        static final CodingKernel AUTO = tryLoad();

        private static CodingKernel tryLoad() {
            try {
                return loadVector("vector");
            } catch (RuntimeException | LinkageError e) {
                return null; // too-short vectors or a broken module: the scalar kernel gives the same bytes
            }
        }
    }
}
