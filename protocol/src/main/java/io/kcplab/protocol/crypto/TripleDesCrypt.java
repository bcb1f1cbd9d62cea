package io.kcplab.protocol.crypto;

import java.lang.invoke.VarHandle;

/**
 * 3DES EDE (Go's crypto/des TripleDES: key k1 ‖ k2 ‖ k3, parity bits ignored) in kcp-go's CFB mode.
 *
 * <p>The CFB chain runs in the permuted domain of {@link DesBlock}: with IP and FP bit permutations, the
 * keystream of block i+1 is FP(rounds(IP(c_i))) and IP(c_i) = IP(p_i) ^ IP(ks_i), so the state carried from block
 * to block is IP(keystream) and only the 48 rounds are on encryption's serial path; each block's IP of the input
 * and FP of the output overlap with the next block's rounds. Decryption has no serial path (the keystream comes
 * from ciphertext in hand) and runs two blocks' rounds side by side, sharing the round-key loads; so does
 * {@link #encryptBatch}, with two packets' chains. No allocation after construction; not thread-safe.
 */
final class TripleDesCrypt extends CheckedCrypt {

    private static final VarHandle BE = PacketBytes.LONG_BE;
    private static final long IV = (long) BE.get(PacketBytes.initialVector(8), 0);

    private final int[] keys;
    /** IP of the first keystream block, E(IV). */
    private final long ivState;
    /** The first result of {@link #tripleRoundsPair}. */
    private long pairFirst;

    TripleDesCrypt(byte[] key) {
        keys = DesBlock.tripleKeys(key);
        ivState = DesBlock.tripleRounds(keys, DesBlock.initialPermutation(IV));
    }

    @Override
    public String name() {
        return "3des";
    }

    @Override
    protected void encryptChecked(byte[] src, int srcOff, byte[] dst, int dstOff, int len) {
        encryptFrom(src, srcOff, dst, dstOff, len, 0, ivState);
    }

    /** Continues a CFB encryption at byte {@code i} (a block boundary) with {@code s} = IP of its keystream. */
    private void encryptFrom(byte[] src, int srcOff, byte[] dst, int dstOff, int len, int i, long s) {
        int[] k = keys;
        for (; i + 8 <= len; i += 8) {
            long x = DesBlock.initialPermutation((long) BE.get(src, srcOff + i)) ^ s;
            BE.set(dst, dstOff + i, DesBlock.finalPermutation(x));
            if (i + 8 < len) { // the keystream after the last block is only needed for a partial block
                s = DesBlock.tripleRounds(k, x);
            }
        }
        if (i < len) {
            xorTail(src, srcOff + i, dst, dstOff + i, len - i, DesBlock.finalPermutation(s));
        }
    }

    /**
     * Encrypts the packets two at a time in lock-step: a CFB chain is serial, but two chains' rounds run side by
     * side (the common prefix of their blocks), then each finishes alone.
     */
    @Override
    public void encryptBatch(byte[][] packets, int[] offsets, int[] lengths, int count) {
        for (int p = 0; p < count; p++) {
            PacketBytes.checkRanges(packets[p], offsets[p], packets[p], offsets[p], lengths[p]);
        }
        int p = 0;
        for (; p + 1 < count; p += 2) {
            byte[] a = packets[p];
            byte[] b = packets[p + 1];
            int aOff = offsets[p];
            int bOff = offsets[p + 1];
            int aLen = lengths[p];
            int bLen = lengths[p + 1];
            if (a == b && aOff < bOff + bLen && bOff < aOff + aLen) {
                // Two views of the same bytes: lock-step would read what the other has not written yet.
                encryptFrom(a, aOff, a, aOff, aLen, 0, ivState);
                encryptFrom(b, bOff, b, bOff, bLen, 0, ivState);
                continue;
            }
            long sa = ivState;
            long sb = ivState;
            int i = 0;
            for (; i + 8 < aLen && i + 8 < bLen; i += 8) {
                long xa = DesBlock.initialPermutation((long) BE.get(a, aOff + i)) ^ sa;
                long xb = DesBlock.initialPermutation((long) BE.get(b, bOff + i)) ^ sb;
                BE.set(a, aOff + i, DesBlock.finalPermutation(xa));
                BE.set(b, bOff + i, DesBlock.finalPermutation(xb));
                sb = tripleRoundsPair(xa, xb);
                sa = pairFirst;
            }
            encryptFrom(a, aOff, a, aOff, aLen, i, sa);
            encryptFrom(b, bOff, b, bOff, bLen, i, sb);
        }
        if (p < count) {
            encryptFrom(packets[p], offsets[p], packets[p], offsets[p], lengths[p], 0, ivState);
        }
    }

    @Override
    protected void decryptChecked(byte[] src, int srcOff, byte[] dst, int dstOff, int len) {
        long s = ivState;
        int i = 0;
        // Pairs while more data follows the pair (so both keystream blocks computed are used).
        for (; i + 16 < len; i += 16) {
            long x0 = DesBlock.initialPermutation((long) BE.get(src, srcOff + i));
            long x1 = DesBlock.initialPermutation((long) BE.get(src, srcOff + i + 8));
            long s1 = tripleRoundsPair(x0, x1);
            BE.set(dst, dstOff + i, DesBlock.finalPermutation(x0 ^ s));
            BE.set(dst, dstOff + i + 8, DesBlock.finalPermutation(x1 ^ pairFirst));
            s = s1;
        }
        int[] k = keys;
        for (; i + 8 <= len; i += 8) {
            long x = DesBlock.initialPermutation((long) BE.get(src, srcOff + i));
            BE.set(dst, dstOff + i, DesBlock.finalPermutation(x ^ s));
            if (i + 8 < len) {
                s = DesBlock.tripleRounds(k, x);
            }
        }
        if (i < len) {
            xorTail(src, srcOff + i, dst, dstOff + i, len - i, DesBlock.finalPermutation(s));
        }
    }

    /**
     * {@link DesBlock#tripleRounds} of two independent states at once, sharing the round-key loads; the CPU
     * overlaps the two dependency chains. Returns the second result and leaves the first in {@link #pairFirst}
     * (a field rather than an allocated pair).
     */
    private long tripleRoundsPair(long x0, long x1) {
        int[] k = keys;
        int l0 = (int) (x0 >>> 32);
        int r0 = (int) x0;
        int l1 = (int) (x1 >>> 32);
        int r1 = (int) x1;
        for (int j = 0; j < 32; j += 4) {
            int a = k[j];
            int b = k[j + 1];
            l0 = DesBlock.round(l0, r0, a, b);
            l1 = DesBlock.round(l1, r1, a, b);
            a = k[j + 2];
            b = k[j + 3];
            r0 = DesBlock.round(r0, l0, a, b);
            r1 = DesBlock.round(r1, l1, a, b);
        }
        for (int j = 32; j < 64; j += 4) {
            int a = k[j];
            int b = k[j + 1];
            r0 = DesBlock.round(r0, l0, a, b);
            r1 = DesBlock.round(r1, l1, a, b);
            a = k[j + 2];
            b = k[j + 3];
            l0 = DesBlock.round(l0, r0, a, b);
            l1 = DesBlock.round(l1, r1, a, b);
        }
        for (int j = 64; j < 96; j += 4) {
            int a = k[j];
            int b = k[j + 1];
            l0 = DesBlock.round(l0, r0, a, b);
            l1 = DesBlock.round(l1, r1, a, b);
            a = k[j + 2];
            b = k[j + 3];
            r0 = DesBlock.round(r0, l0, a, b);
            r1 = DesBlock.round(r1, l1, a, b);
        }
        pairFirst = ((long) r0 << 32) | (l0 & 0xFFFF_FFFFL);
        return ((long) r1 << 32) | (l1 & 0xFFFF_FFFFL);
    }

    private static void xorTail(byte[] src, int srcOff, byte[] dst, int dstOff, int n, long ks) {
        for (int j = 0; j < n; j++) {
            dst[dstOff + j] = (byte) (src[srcOff + j] ^ (ks >>> (56 - 8 * j)));
        }
    }
}
