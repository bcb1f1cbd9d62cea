package io.kcplab.protocol.crypto;

import io.kcplab.protocol.VectorSupport;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Makes Salsa20/20 keystream for several consecutive blocks at once. The Vector API implementation
 * ({@code Salsa20VectorKernel}) is loaded through {@link VectorSupport} (auto policy) when
 * {@code jdk.incubator.vector} is present; {@link Salsa20Crypt} runs its scalar rounds otherwise, with identical
 * output.
 */
interface Salsa20Kernel {

    /** Blocks per call. */
    int lanes();

    /**
     * Writes the keystream of blocks {@code counter .. counter + lanes() - 1} to {@code out}, word-major:
     * word w of block b is at {@code out[w * lanes() + b]}. {@code input} is the 16-word Salsa20 input with words
     * 8 and 9 (the counter) ignored.
     */
    void keystream(int[] input, long counter, int[] out);

    /**
     * {@code kernel.keystream} as a bound method handle: called through a handle held in a field, the Vector API
     * rounds are never inlined into their caller. Inlined into a large caller (the packet pipeline, after other
     * ciphers ran), JDK 17's C2 was seen giving up on them, leaving the whole kernel to box every vector (MBs per
     * packet); compiled on its own, as in the benchmarks, it allocates nothing. One indirect call per 8 blocks.
     */
    static MethodHandle keystreamLoop(Salsa20Kernel kernel) {
        return VectorSupport.unInlined(MethodHandles.lookup(), Salsa20Kernel.class, "keystream",
                MethodType.methodType(void.class, int[].class, long.class, int[].class), kernel);
    }

    /** The Vector API kernel, or null where it is unsupported (module absent, no 128-bit int vectors). */
    static Salsa20Kernel preferred() {
        return VectorSupport.choose("auto", MethodHandles.lookup(), "io.kcplab.protocol.crypto.Salsa20VectorKernel",
                Salsa20Kernel.class);
    }
}
