package io.kcplab.protocol.crypto;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

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

    /**
     * {@link #preferred()}'s {@code xor} as a bound method handle, for {@link PacketBytes#xor}. Called through a
     * handle read from an array, the Vector API loop is never inlined into its caller: JDK 17's C2 may run out of
     * its inlining budget in a large caller (the packet pipeline) and then box the vectors of an inlined loop; on
     * its own, the loop compiles to plain vector instructions. One indirect call per packet.
     */
    static MethodHandle preferredLoop() {
        try {
            return MethodHandles.lookup().findVirtual(BulkXor.class, "xor", MethodType.methodType(void.class,
                    byte[].class, int.class, byte[].class, int.class, byte[].class, int.class, int.class))
                    .bindTo(preferred());
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
