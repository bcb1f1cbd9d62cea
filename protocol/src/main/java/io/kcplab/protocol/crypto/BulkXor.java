package io.kcplab.protocol.crypto;

import io.kcplab.protocol.VectorSupport;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * XOR of two byte ranges into a third, for whole packets. {@code VectorBulkXor} (Vector API) is loaded through
 * {@link VectorSupport} (auto policy) when {@code jdk.incubator.vector} is present; otherwise
 * {@link PacketBytes#xorScalar} runs.
 */
interface BulkXor {

    void xor(byte[] a, int aOff, byte[] b, int bOff, byte[] dst, int dstOff, int len);

    static BulkXor preferred() {
        BulkXor vector = VectorSupport.choose("auto", MethodHandles.lookup(),
                "io.kcplab.protocol.crypto.VectorBulkXor", BulkXor.class);
        return vector != null ? vector : PacketBytes::xorScalar;
    }

    /**
     * {@link #preferred()}'s {@code xor} as a bound method handle, for {@link PacketBytes#xor}: kept in an array,
     * so C2 never inlines the Vector API loop into the packet pipeline ({@link VectorSupport}). One indirect call
     * per packet.
     */
    static MethodHandle preferredLoop() {
        return VectorSupport.unInlined(MethodHandles.lookup(), BulkXor.class, "xor", MethodType.methodType(void.class,
                byte[].class, int.class, byte[].class, int.class, byte[].class, int.class, int.class), preferred());
    }
}
