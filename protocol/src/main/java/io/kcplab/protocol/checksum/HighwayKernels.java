package io.kcplab.protocol.checksum;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Locale;

/**
 * Loads the Vector API HighwayHash kernel by reflection, only when {@code jdk.incubator.vector} is in the boot
 * layer, so that this package runs without the module. {@code -Dkcplab.highway.kernel=auto|scalar|vector}
 * (default auto: vector when it loads and passes a self-check against the scalar port, else scalar).
 */
final class HighwayKernels {

    private static final String VECTOR_CLASS = "io.kcplab.protocol.checksum.VectorHighwayKernel";

    private HighwayKernels() {
    }

    static HighwayHash.Kernel vector() {
        String mode = System.getProperty("kcplab.highway.kernel", "auto").trim().toLowerCase(Locale.ROOT);
        if (mode.equals("scalar")) {
            return null;
        }
        if (!mode.equals("auto") && !mode.equals("vector")) {
            throw new IllegalArgumentException("unknown HighwayHash kernel '" + mode
                    + "' (system property kcplab.highway.kernel); accepted: auto, scalar, vector");
        }
        boolean present = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        try {
            if (!present) {
                throw new UnsupportedOperationException("start the JVM with --add-modules jdk.incubator.vector");
            }
            HighwayHash.Kernel k = (HighwayHash.Kernel) Class.forName(VECTOR_CLASS).getDeclaredConstructor()
                    .newInstance();
            selfCheck(k);
            return k;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            if (mode.equals("vector")) {
                throw new IllegalStateException("the Vector API HighwayHash kernel cannot run here: " + e, e);
            }
            return null; // auto: the scalar port is always correct
        }
    }

    /** {@code kernel.hash} bound to {@code kernel}, for {@link HighwayHash}'s non-inlined call. */
    static MethodHandle hashLoop(HighwayHash.Kernel kernel) {
        try {
            return MethodHandles.lookup().findVirtual(HighwayHash.Kernel.class, "hash", MethodType.methodType(
                    long.class, byte[].class, int.class, int.class, long[].class, int.class, long[].class))
                    .bindTo(kernel);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Refuses a kernel that disagrees with the scalar port on any length 0..96 (all tail shapes, 0..3 packets). */
    private static void selfCheck(HighwayHash.Kernel k) {
        byte[] data = new byte[96];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 37 + 11);
        }
        long[] a = new long[4];
        long[] b = new long[4];
        for (int len = 0; len <= data.length; len++) {
            for (int rounds : new int[] {HighwayHash.ROUNDS_64, HighwayHash.ROUNDS_128, HighwayHash.ROUNDS_256}) {
                long x = k.hash(data, 0, len, new long[] {1, 2, 3, 4}, rounds, a);
                long y = HighwayHash.scalar(data, 0, len, 1, 2, 3, 4, rounds, b);
                if (x != y || !java.util.Arrays.equals(a, b)) {
                    throw new IllegalStateException("vector HighwayHash differs from the scalar port at length " + len);
                }
            }
        }
    }
}
