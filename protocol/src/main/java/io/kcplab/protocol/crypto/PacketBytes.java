package io.kcplab.protocol.crypto;

import io.kcplab.protocol.VectorSupport;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Objects;

/** Byte helpers shared by the packet ciphers: range checks, overlap handling and wide XOR. */
final class PacketBytes {

    static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    /** kcp-go's {@code initialVector}; 8-byte-block ciphers use its first 8 bytes. */
    private static final byte[] INITIAL_VECTOR = {
        (byte) 167, 115, 79, (byte) 156, 18, (byte) 172, 27, 1,
        (byte) 164, 21, (byte) 242, (byte) 193, (byte) 252, 120, (byte) 230, 107};

    /** Largest datagram kcp-go handles ({@code mtuLimit}); scratch buffers start at this size. */
    static final int MTU_LIMIT = 1500;

    private PacketBytes() {
    }

    static byte[] initialVector(int blockSize) {
        byte[] iv = new byte[blockSize];
        System.arraycopy(INITIAL_VECTOR, 0, iv, 0, blockSize);
        return iv;
    }

    static void checkRanges(byte[] src, int srcOff, byte[] dst, int dstOff, int len) {
        Objects.checkFromIndexSize(srcOff, len, src.length);
        Objects.checkFromIndexSize(dstOff, len, dst.length);
    }

    /**
     * Ciphers work "in place at dst" or strictly out of place; a partially overlapping source is first moved to
     * dst (System.arraycopy copes with overlap) so that the in-place path applies. Returns true if it moved.
     */
    static boolean moveIfOverlapping(byte[] src, int srcOff, byte[] dst, int dstOff, int len) {
        if (src == dst && srcOff != dstOff && srcOff < dstOff + len && dstOff < srcOff + len) {
            System.arraycopy(src, srcOff, dst, dstOff, len);
            return true;
        }
        return false;
    }

    /** The bulk XOR loop; an array element, so never a compile-time constant (see {@link BulkXor#preferredLoop}). */
    private static final MethodHandle[] BULK = {BulkXor.preferredLoop()};

    /**
     * dst[i] = a[i] ^ b[i] for i in [0, len), for whole packets; dst may be a at the same offset, never partially
     * overlapping it. Vector API when present, else {@link #xorScalar}.
     */
    static void xor(byte[] a, int aOff, byte[] b, int bOff, byte[] dst, int dstOff, int len) {
        try {
            BULK[0].invokeExact(a, aOff, b, bOff, dst, dstOff, len);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw VectorSupport.kernelFailure("bulk XOR", e);
        }
    }

    /**
     * The scalar {@link #xor}: 8-byte steps, four per iteration. (A plain byte loop that C2 vectorises ran up to 2x
     * faster alone, but fell to a third of this speed once other cipher paths had run in the same JVM.)
     */
    static void xorScalar(byte[] a, int aOff, byte[] b, int bOff, byte[] dst, int dstOff, int len) {
        int i = 0;
        for (; i + 32 <= len; i += 32) {
            long x0 = (long) LONG_LE.get(a, aOff + i) ^ (long) LONG_LE.get(b, bOff + i);
            long x1 = (long) LONG_LE.get(a, aOff + i + 8) ^ (long) LONG_LE.get(b, bOff + i + 8);
            long x2 = (long) LONG_LE.get(a, aOff + i + 16) ^ (long) LONG_LE.get(b, bOff + i + 16);
            long x3 = (long) LONG_LE.get(a, aOff + i + 24) ^ (long) LONG_LE.get(b, bOff + i + 24);
            LONG_LE.set(dst, dstOff + i, x0);
            LONG_LE.set(dst, dstOff + i + 8, x1);
            LONG_LE.set(dst, dstOff + i + 16, x2);
            LONG_LE.set(dst, dstOff + i + 24, x3);
        }
        xorBlock(a, aOff + i, b, bOff + i, dst, dstOff + i, len - i);
    }

    /** As {@link #xor}, for one cipher block or a final partial block (a few bytes): 8-byte steps. */
    static void xorBlock(byte[] a, int aOff, byte[] b, int bOff, byte[] dst, int dstOff, int len) {
        int i = 0;
        for (; i + 8 <= len; i += 8) {
            long x = (long) LONG_LE.get(a, aOff + i) ^ (long) LONG_LE.get(b, bOff + i);
            LONG_LE.set(dst, dstOff + i, x);
        }
        for (; i < len; i++) {
            dst[dstOff + i] = (byte) (a[aOff + i] ^ b[bOff + i]);
        }
    }

    static byte[] grow(byte[] buf, int needed) {
        return buf.length >= needed ? buf : new byte[Math.max(needed, buf.length * 2)];
    }

    static int roundUp(int len, int blockSize) {
        return (len + blockSize - 1) / blockSize * blockSize;
    }
}
