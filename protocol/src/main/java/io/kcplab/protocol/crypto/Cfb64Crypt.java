package io.kcplab.protocol.crypto;

/**
 * kcp-go's "local CFB" for the project's own 64-bit block engines (TEA, XTEA), which work on a block held as one
 * big-endian {@code long} (v0 = high word, v1 = low word), so no bytes are shuffled between rounds.
 * Decryption feeds each block's cipher call from ciphertext already in hand, so successive calls are independent
 * and the CPU overlaps them. Subclasses hold no mutable state after construction.
 */
abstract class Cfb64Crypt extends CheckedCrypt {

    private static final long IV = (long) PacketBytes.LONG_BE.get(PacketBytes.initialVector(8), 0);

    private final String name;
    private long ivKeystream;

    Cfb64Crypt(String name) {
        this.name = name;
    }

    /** Subclasses call this at the end of their constructor, once the key schedule is ready. */
    final void keyed() {
        ivKeystream = encryptBlock(IV);
    }

    /** The block cipher's encrypt direction on one 8-byte block (big-endian words). */
    abstract long encryptBlock(long block);

    @Override
    public final String name() {
        return name;
    }

    @Override
    protected final void encryptChecked(byte[] src, int srcOff, byte[] dst, int dstOff, int len) {
        long ks = ivKeystream;
        int i = 0;
        for (; i + 8 <= len; i += 8) {
            long c = (long) PacketBytes.LONG_BE.get(src, srcOff + i) ^ ks;
            PacketBytes.LONG_BE.set(dst, dstOff + i, c);
            ks = encryptBlock(c);
        }
        xorTail(src, srcOff + i, dst, dstOff + i, len - i, ks);
    }

    @Override
    protected final void decryptChecked(byte[] src, int srcOff, byte[] dst, int dstOff, int len) {
        long ks = ivKeystream;
        int i = 0;
        // Two independent block encryptions per step, side by side, so their dependency chains overlap.
        for (; i + 16 <= len; i += 16) {
            long c0 = (long) PacketBytes.LONG_BE.get(src, srcOff + i);
            long c1 = (long) PacketBytes.LONG_BE.get(src, srcOff + i + 8);
            long k1 = encryptBlock(c0);
            long k2 = encryptBlock(c1);
            PacketBytes.LONG_BE.set(dst, dstOff + i, c0 ^ ks);
            PacketBytes.LONG_BE.set(dst, dstOff + i + 8, c1 ^ k1);
            ks = k2;
        }
        for (; i + 8 <= len; i += 8) {
            long c = (long) PacketBytes.LONG_BE.get(src, srcOff + i);
            PacketBytes.LONG_BE.set(dst, dstOff + i, c ^ ks);
            ks = encryptBlock(c);
        }
        xorTail(src, srcOff + i, dst, dstOff + i, len - i, ks);
    }

    private static void xorTail(byte[] src, int srcOff, byte[] dst, int dstOff, int n, long ks) {
        for (int j = 0; j < n; j++) {
            dst[dstOff + j] = (byte) (src[srcOff + j] ^ (ks >>> (56 - 8 * j)));
        }
    }

    static int word(byte[] key, int off) {
        return ((key[off] & 0xFF) << 24) | ((key[off + 1] & 0xFF) << 16) | ((key[off + 2] & 0xFF) << 8)
                | (key[off + 3] & 0xFF);
    }
}
