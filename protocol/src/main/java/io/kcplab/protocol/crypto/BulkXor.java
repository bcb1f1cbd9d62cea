package io.kcplab.protocol.crypto;

/**
 * XOR of two byte ranges into a third, for whole packets. {@code VectorBulkXor} (Vector API) is loaded by
 * reflection only when {@code jdk.incubator.vector} is present; otherwise {@link PacketBytes#xorScalar} runs.
 */
interface BulkXor {

    void xor(byte[] a, int aOff, byte[] b, int bOff, byte[] dst, int dstOff, int len);

    static BulkXor preferred() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            try {
                return (BulkXor) Class.forName("io.kcplab.protocol.crypto.VectorBulkXor")
                        .getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                // fall through to the scalar loop, which gives the same bytes
            }
        }
        return PacketBytes::xorScalar;
    }
}
