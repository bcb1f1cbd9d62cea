package io.kcplab.protocol.crypto;

import io.kcplab.protocol.VectorSupport;
import java.lang.invoke.MethodHandle;

/**
 * kcp-go's salsa20 "block crypt": bytes 0..7 of the packet (the first half of its random nonce) travel in clear and
 * are the 8-byte Salsa20 nonce; bytes 8.. are XORed with the Salsa20/20 keystream (32-byte key, 64-bit block counter
 * from 0), as golang.org/x/crypto/salsa20 {@code XORKeyStream} with an 8-byte nonce. Encryption and decryption are
 * the same operation. A packet shorter than 8 bytes is all nonce and is copied unchanged (kcp-go never produces one;
 * its Go code would panic). Own implementation: faster than Bouncy Castle's Salsa20Engine, which has to be re-keyed
 * and goes through a byte-wise keystream buffer for every packet. Not thread-safe.
 */
final class Salsa20Crypt extends CheckedCrypt {

    private static final int NONCE = 8;

    private final int k0;
    private final int k1;
    private final int k2;
    private final int k3;
    private final int k4;
    private final int k5;
    private final int k6;
    private final int k7;
    private final int[] block = new int[16];
    /** Several blocks at once on the Vector API, or null: the scalar rounds below. */
    private final Salsa20Kernel kernel;
    /** kernel.keystream, called through a handle so that C2 compiles it on its own (see Salsa20Kernel). */
    private final MethodHandle kernelLoop;
    private final int[] input;
    private final int[] wide;

    /**
     * The scalar rounds. The Vector API kernel (8 blocks per call) is faster once C2 has compiled it, but in long
     * JDK 17 runs with other vector kernels about, C2 sometimes never does: the kernel then boxes every vector,
     * about 270 KB per 1400-byte packet, for the life of the JVM (seen in full test runs, not reproduced on demand).
     * Until that is understood the pipeline runs the rounds that cannot box; the kernel stays for the tests that
     * hold its output equal and for the benchmarks.
     */
    Salsa20Crypt(byte[] key) {
        this(key, false);
    }

    /** {@code vectorIfAvailable = false} forces the scalar rounds (tests compare the two). */
    Salsa20Crypt(byte[] key, boolean vectorIfAvailable) {
        CipherKeys.require("salsa20", key, 32);
        k0 = le(key, 0);
        k1 = le(key, 4);
        k2 = le(key, 8);
        k3 = le(key, 12);
        k4 = le(key, 16);
        k5 = le(key, 20);
        k6 = le(key, 24);
        k7 = le(key, 28);
        this.kernel = vectorIfAvailable ? Salsa20Kernel.preferred() : null;
        this.input = new int[] {0x61707865, k0, k1, k2, k3, 0x3320646e, 0, 0, 0, 0, 0x79622d32, k4, k5, k6, k7,
            0x6b206574};
        this.wide = kernel == null ? null : new int[16 * kernel.lanes()];
        this.kernelLoop = kernel == null ? null : Salsa20Kernel.keystreamLoop(kernel);
    }

    /** For tests: whether the Vector API kernel is in use. */
    boolean vectorized() {
        return kernel != null;
    }

    @Override
    public String name() {
        return "salsa20";
    }

    /** Decryption is the same operation (a stream cipher: the same keystream XORed again undoes it). */
    @Override
    protected void decryptChecked(byte[] src, int srcOff, byte[] dst, int dstOff, int len) {
        encryptChecked(src, srcOff, dst, dstOff, len);
    }

    @Override
    protected void encryptChecked(byte[] src, int srcOff, byte[] dst, int dstOff, int len) {
        if (len <= NONCE) {
            System.arraycopy(src, srcOff, dst, dstOff, len);
            return;
        }
        int n0 = le(src, srcOff);
        int n1 = le(src, srcOff + 4);
        if (src != dst || srcOff != dstOff) {
            System.arraycopy(src, srcOff, dst, dstOff, NONCE);
        }
        if (kernel != null) {
            applyWide(n0, n1, src, srcOff, dst, dstOff, len);
            return;
        }
        int[] ks = block;
        long counter = 0;
        int i = NONCE;
        for (; i + 64 <= len; i += 64) {
            keystream(n0, n1, counter++, ks);
            int s = srcOff + i;
            int d = dstOff + i;
            for (int w = 0; w < 16; w += 2) {
                long k = (ks[w] & 0xFFFF_FFFFL) | ((long) ks[w + 1] << 32);
                PacketBytes.LONG_LE.set(dst, d + 4 * w, (long) PacketBytes.LONG_LE.get(src, s + 4 * w) ^ k);
            }
        }
        if (i < len) {
            keystream(n0, n1, counter, ks);
            for (int j = 0; i + j < len; j++) {
                dst[dstOff + i + j] = (byte) (src[srcOff + i + j] ^ (ks[j >>> 2] >>> ((j & 3) << 3)));
            }
        }
    }

    private void applyWide(int n0, int n1, byte[] src, int srcOff, byte[] dst, int dstOff, int len) {
        int[] in = input;
        in[6] = n0;
        in[7] = n1;
        int lanes = kernel.lanes();
        int[] ks = wide;
        long counter = 0;
        int i = NONCE;
        while (i < len) {
            try {
                kernelLoop.invokeExact(in, counter, ks);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw VectorSupport.kernelFailure("Salsa20", e);
            }
            counter += lanes;
            for (int b = 0; b < lanes && i < len; b++, i += 64) {
                int s = srcOff + i;
                int d = dstOff + i;
                if (i + 64 <= len) {
                    for (int w = 0; w < 16; w += 2) {
                        long k = (ks[w * lanes + b] & 0xFFFF_FFFFL) | ((long) ks[(w + 1) * lanes + b] << 32);
                        PacketBytes.LONG_LE.set(dst, d + 4 * w, (long) PacketBytes.LONG_LE.get(src, s + 4 * w) ^ k);
                    }
                } else {
                    for (int j = 0; i + j < len; j++) {
                        dst[d + j] = (byte) (src[s + j] ^ (ks[(j >>> 2) * lanes + b] >>> ((j & 3) << 3)));
                    }
                }
            }
        }
    }

    /** One 64-byte Salsa20/20 keystream block as 16 little-endian words. */
    private void keystream(int n0, int n1, long counter, int[] out) {
        final int j0 = 0x61707865;
        final int j5 = 0x3320646e;
        final int j10 = 0x79622d32;
        final int j15 = 0x6b206574;
        final int j8 = (int) counter;
        final int j9 = (int) (counter >>> 32);
        int x0 = j0;
        int x1 = k0;
        int x2 = k1;
        int x3 = k2;
        int x4 = k3;
        int x5 = j5;
        int x6 = n0;
        int x7 = n1;
        int x8 = j8;
        int x9 = j9;
        int x10 = j10;
        int x11 = k4;
        int x12 = k5;
        int x13 = k6;
        int x14 = k7;
        int x15 = j15;
        for (int r = 0; r < 10; r++) {
            // column round
            x4 ^= Integer.rotateLeft(x0 + x12, 7);
            x8 ^= Integer.rotateLeft(x4 + x0, 9);
            x12 ^= Integer.rotateLeft(x8 + x4, 13);
            x0 ^= Integer.rotateLeft(x12 + x8, 18);
            x9 ^= Integer.rotateLeft(x5 + x1, 7);
            x13 ^= Integer.rotateLeft(x9 + x5, 9);
            x1 ^= Integer.rotateLeft(x13 + x9, 13);
            x5 ^= Integer.rotateLeft(x1 + x13, 18);
            x14 ^= Integer.rotateLeft(x10 + x6, 7);
            x2 ^= Integer.rotateLeft(x14 + x10, 9);
            x6 ^= Integer.rotateLeft(x2 + x14, 13);
            x10 ^= Integer.rotateLeft(x6 + x2, 18);
            x3 ^= Integer.rotateLeft(x15 + x11, 7);
            x7 ^= Integer.rotateLeft(x3 + x15, 9);
            x11 ^= Integer.rotateLeft(x7 + x3, 13);
            x15 ^= Integer.rotateLeft(x11 + x7, 18);
            // row round
            x1 ^= Integer.rotateLeft(x0 + x3, 7);
            x2 ^= Integer.rotateLeft(x1 + x0, 9);
            x3 ^= Integer.rotateLeft(x2 + x1, 13);
            x0 ^= Integer.rotateLeft(x3 + x2, 18);
            x6 ^= Integer.rotateLeft(x5 + x4, 7);
            x7 ^= Integer.rotateLeft(x6 + x5, 9);
            x4 ^= Integer.rotateLeft(x7 + x6, 13);
            x5 ^= Integer.rotateLeft(x4 + x7, 18);
            x11 ^= Integer.rotateLeft(x10 + x9, 7);
            x8 ^= Integer.rotateLeft(x11 + x10, 9);
            x9 ^= Integer.rotateLeft(x8 + x11, 13);
            x10 ^= Integer.rotateLeft(x9 + x8, 18);
            x12 ^= Integer.rotateLeft(x15 + x14, 7);
            x13 ^= Integer.rotateLeft(x12 + x15, 9);
            x14 ^= Integer.rotateLeft(x13 + x12, 13);
            x15 ^= Integer.rotateLeft(x14 + x13, 18);
        }
        out[0] = x0 + j0;
        out[1] = x1 + k0;
        out[2] = x2 + k1;
        out[3] = x3 + k2;
        out[4] = x4 + k3;
        out[5] = x5 + j5;
        out[6] = x6 + n0;
        out[7] = x7 + n1;
        out[8] = x8 + j8;
        out[9] = x9 + j9;
        out[10] = x10 + j10;
        out[11] = x11 + k4;
        out[12] = x12 + k5;
        out[13] = x13 + k6;
        out[14] = x14 + k7;
        out[15] = x15 + j15;
    }

    private static int le(byte[] b, int off) {
        return (int) PacketBytes.INT_LE.get(b, off);
    }
}
