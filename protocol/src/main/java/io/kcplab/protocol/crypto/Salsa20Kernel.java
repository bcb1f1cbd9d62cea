package io.kcplab.protocol.crypto;

/**
 * Makes Salsa20/20 keystream for several consecutive blocks at once. The Vector API implementation
 * ({@code Salsa20VectorKernel}) is loaded by reflection only when {@code jdk.incubator.vector} is present;
 * {@link Salsa20Crypt} falls back to its scalar rounds otherwise, with identical output.
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

    static Salsa20Kernel preferred() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return null;
        }
        try {
            return (Salsa20Kernel) Class.forName("io.kcplab.protocol.crypto.Salsa20VectorKernel")
                    .getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return null; // the scalar rounds produce the same keystream
        }
    }
}
