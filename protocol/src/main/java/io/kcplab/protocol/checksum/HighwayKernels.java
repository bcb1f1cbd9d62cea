package io.kcplab.protocol.checksum;

import io.kcplab.protocol.VectorSupport;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Loads the Vector API HighwayHash kernel through {@link VectorSupport}, only when {@code jdk.incubator.vector} is
 * in the boot layer, so that this package runs without the module. A kernel must pass a self-check against the
 * scalar port before use; one that fails is an error, not a reason to fall back quietly.
 */
final class HighwayKernels {

    private static final String VECTOR_CLASS = "io.kcplab.protocol.checksum.VectorHighwayKernel";

    private HighwayKernels() {
    }

    /** The vector kernel for {@code mode} (auto, scalar, vector; see {@link VectorSupport#choose}), or null. */
    static HighwayHash.Kernel forMode(String mode) {
        HighwayHash.Kernel k = VectorSupport.choose(mode, MethodHandles.lookup(), VECTOR_CLASS,
                HighwayHash.Kernel.class);
        if (k != null) {
            selfCheck(k);
        }
        return k;
    }

    /** {@code kernel.hash} bound to {@code kernel}, for {@link HighwayHash}'s non-inlined call. */
    static MethodHandle hashLoop(HighwayHash.Kernel kernel) {
        return VectorSupport.unInlined(MethodHandles.lookup(), HighwayHash.Kernel.class, "hash", MethodType.methodType(
                long.class, byte[].class, int.class, int.class, long[].class, int.class, long[].class), kernel);
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
