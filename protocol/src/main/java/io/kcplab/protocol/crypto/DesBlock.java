package io.kcplab.protocol.crypto;

/**
 * The DES encrypt function on a block held as one big-endian {@code long}, split into two halves held rotated
 * left by one bit (see {@link DesTables}).
 *
 * <p>The initial and final permutations are separate from the rounds so that 3DES pays for them once per block,
 * not three times (between the stages FP and the next IP cancel, leaving only the half swap), and so that a CFB
 * chain can stay in the permuted domain: both permutations are bit permutations, so they commute with XOR.
 * A "state" below is a long whose high int is the left half and low int the right half, both rotated.
 */
final class DesBlock {

    private static final int[] SP = DesTables.SP;

    private DesBlock() {
    }

    /**
     * IP, then both halves rotated left by one. Five swap-moves (each exchanges the bits selected by a mask in one
     * word with the bits {@code n} places away in the other): a transpose of the block's 8x8 bit matrix with IP's
     * reordering of rows and columns folded in; the last one lines up with the rotation.
     */
    static long initialPermutation(long block) {
        int l = (int) (block >>> 32);
        int r = (int) block;
        int t = ((l >>> 4) ^ r) & 0x0F0F_0F0F;
        r ^= t;
        l ^= t << 4;
        t = ((l >>> 16) ^ r) & 0x0000_FFFF;
        r ^= t;
        l ^= t << 16;
        t = ((r >>> 2) ^ l) & 0x3333_3333;
        l ^= t;
        r ^= t << 2;
        t = ((r >>> 8) ^ l) & 0x00FF_00FF;
        l ^= t;
        r ^= t << 8;
        r = Integer.rotateLeft(r, 1);
        t = (l ^ r) & 0xAAAA_AAAA;
        l ^= t;
        r ^= t;
        l = Integer.rotateLeft(l, 1);
        return ((long) l << 32) | (r & 0xFFFF_FFFFL);
    }

    /** The inverse of {@link #initialPermutation} (FP = IP^-1): every swap-move is its own inverse, in reverse order. */
    static long finalPermutation(long state) {
        int l = Integer.rotateRight((int) (state >>> 32), 1);
        int r = (int) state;
        int t = (l ^ r) & 0xAAAA_AAAA;
        l ^= t;
        r ^= t;
        r = Integer.rotateRight(r, 1);
        t = ((r >>> 8) ^ l) & 0x00FF_00FF;
        l ^= t;
        r ^= t << 8;
        t = ((r >>> 2) ^ l) & 0x3333_3333;
        l ^= t;
        r ^= t << 2;
        t = ((l >>> 16) ^ r) & 0x0000_FFFF;
        r ^= t;
        l ^= t << 16;
        t = ((l >>> 4) ^ r) & 0x0F0F_0F0F;
        r ^= t;
        l ^= t << 4;
        return ((long) l << 32) | (r & 0xFFFF_FFFFL);
    }

    /**
     * One round applied to {@code l}: {@code l ^ f(r, K)} with the round key {@code (odd, even)} of
     * {@link DesTables#roundKeys}. The XOR tree is balanced and {@code l} enters with the box whose index needs no
     * shift, so the round's latency is one XOR, one shift and mask, one table load and three XORs.
     */
    static int round(int l, int r, int odd, int even) {
        int t = r ^ odd;
        int v = r ^ even;
        int[] sp = SP;
        int a = l ^ sp[448 + (t & 63)];
        int b = sp[320 + ((t >>> 8) & 63)];
        int c = sp[192 + ((t >>> 16) & 63)];
        int d = sp[64 + ((t >>> 24) & 63)];
        int e = sp[384 + ((v >>> 4) & 63)];
        int f = sp[256 + ((v >>> 12) & 63)];
        int g = sp[128 + ((v >>> 20) & 63)];
        int h = sp[Integer.rotateLeft(v, 4) & 63];
        return ((a ^ b) ^ (c ^ d)) ^ ((e ^ f) ^ (g ^ h));
    }

    /**
     * 3DES EDE rounds on a state: 16 rounds with {@code keys[0..32)} (k1, encrypt order), 16 with
     * {@code keys[32..64)} (k2, decrypt order) and 16 with {@code keys[64..96)} (k3), returning the state of the
     * pre-output (halves swapped). Stage boundaries only swap the halves' roles.
     * {@code finalPermutation(tripleRounds(keys, initialPermutation(x)))} is 3DES of {@code x}.
     */
    static long tripleRounds(int[] keys, long state) {
        int l = (int) (state >>> 32);
        int r = (int) state;
        for (int i = 0; i < 32; i += 4) {
            l = round(l, r, keys[i], keys[i + 1]);
            r = round(r, l, keys[i + 2], keys[i + 3]);
        }
        for (int i = 32; i < 64; i += 4) {
            r = round(r, l, keys[i], keys[i + 1]);
            l = round(l, r, keys[i + 2], keys[i + 3]);
        }
        for (int i = 64; i < 96; i += 4) {
            l = round(l, r, keys[i], keys[i + 1]);
            r = round(r, l, keys[i + 2], keys[i + 3]);
        }
        return ((long) r << 32) | (l & 0xFFFF_FFFFL);
    }

    /** Single DES with the 32-int schedule of {@link DesTables#roundKeys} (decrypt order gives DES decryption). */
    static long des(int[] keys, long block) {
        long state = initialPermutation(block);
        int l = (int) (state >>> 32);
        int r = (int) state;
        for (int i = 0; i < 32; i += 4) {
            l = round(l, r, keys[i], keys[i + 1]);
            r = round(r, l, keys[i + 2], keys[i + 3]);
        }
        return finalPermutation(((long) r << 32) | (l & 0xFFFF_FFFFL));
    }

    /** 3DES EDE encryption of one block with the 96-int schedule of {@link #tripleKeys}. */
    static long tripleDes(int[] keys, long block) {
        return finalPermutation(tripleRounds(keys, initialPermutation(block)));
    }

    /**
     * The schedule for 3DES EDE as Go's crypto/des: 24-byte key k1 ‖ k2 ‖ k3, encrypt with k1, decrypt with k2,
     * encrypt with k3; parity bits ignored.
     */
    static int[] tripleKeys(byte[] key) {
        CipherKeys.require("3des", key, 24);
        int[] keys = new int[96];
        System.arraycopy(DesTables.roundKeys(key, 0, false), 0, keys, 0, 32);
        System.arraycopy(DesTables.roundKeys(key, 8, true), 0, keys, 32, 32);
        System.arraycopy(DesTables.roundKeys(key, 16, false), 0, keys, 64, 32);
        return keys;
    }
}
