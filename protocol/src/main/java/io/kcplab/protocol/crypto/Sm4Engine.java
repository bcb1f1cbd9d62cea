package io.kcplab.protocol.crypto;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.CipherParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * SM4 (GB/T 32907-2016) encrypt direction with T-tables: each round's S-box plus linear transform L is four table
 * look-ups, where Bouncy Castle's SM4Engine computes L with rotations per round. The S-box is computed from its
 * algebraic form, S(x) = A·(A·x ⊕ 0xD3)⁻¹ ⊕ 0xD3 in GF(2^8) mod x^8+x^7+x^6+x^5+x^4+x^2+1 with A the circulant
 * matrix of 0xD3, rather than typed in; the tests check the whole cipher against Bouncy Castle and kcp-go.
 */
final class Sm4Engine implements BlockCipher {

    private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final int[] FK = {0xa3b1bac6, 0x56aa3350, 0x677d9197, 0xb27022dc};
    private static final int[] SBOX = sbox();
    private static final int[] T0 = new int[256];
    private static final int[] T1 = new int[256];
    private static final int[] T2 = new int[256];
    private static final int[] T3 = new int[256];

    static {
        for (int a = 0; a < 256; a++) {
            int b = SBOX[a] << 24;
            int l = b ^ Integer.rotateLeft(b, 2) ^ Integer.rotateLeft(b, 10) ^ Integer.rotateLeft(b, 18)
                    ^ Integer.rotateLeft(b, 24);
            T0[a] = l;
            T1[a] = Integer.rotateRight(l, 8);
            T2[a] = Integer.rotateRight(l, 16);
            T3[a] = Integer.rotateRight(l, 24);
        }
    }

    private final int[] rk = new int[32];
    private boolean keyed;

    @Override
    public void init(boolean forEncryption, CipherParameters params) {
        if (!forEncryption) {
            throw new IllegalArgumentException("sm4: only the encrypt direction is implemented (CFB needs no other)");
        }
        byte[] key = ((KeyParameter) params).getKey();
        CipherKeys.require("sm4", key, 16);
        int k0 = (int) INT_BE.get(key, 0) ^ FK[0];
        int k1 = (int) INT_BE.get(key, 4) ^ FK[1];
        int k2 = (int) INT_BE.get(key, 8) ^ FK[2];
        int k3 = (int) INT_BE.get(key, 12) ^ FK[3];
        for (int i = 0; i < 32; i++) {
            int ck = 0;
            for (int j = 0; j < 4; j++) {
                ck = (ck << 8) | (((4 * i + j) * 7) & 0xFF);
            }
            int b = tau(k1 ^ k2 ^ k3 ^ ck);
            int next = k0 ^ b ^ Integer.rotateLeft(b, 13) ^ Integer.rotateLeft(b, 23);
            rk[i] = next;
            k0 = k1;
            k1 = k2;
            k2 = k3;
            k3 = next;
        }
        keyed = true;
    }

    @Override
    public String getAlgorithmName() {
        return "SM4";
    }

    @Override
    public int getBlockSize() {
        return 16;
    }

    @Override
    public int processBlock(byte[] in, int inOff, byte[] out, int outOff) {
        if (!keyed) {
            throw new IllegalStateException("sm4: not initialised");
        }
        int x0 = (int) INT_BE.get(in, inOff);
        int x1 = (int) INT_BE.get(in, inOff + 4);
        int x2 = (int) INT_BE.get(in, inOff + 8);
        int x3 = (int) INT_BE.get(in, inOff + 12);
        int[] k = rk;
        for (int i = 0; i < 32; i += 4) {
            x0 ^= t(x1 ^ x2 ^ x3 ^ k[i]);
            x1 ^= t(x2 ^ x3 ^ x0 ^ k[i + 1]);
            x2 ^= t(x3 ^ x0 ^ x1 ^ k[i + 2]);
            x3 ^= t(x0 ^ x1 ^ x2 ^ k[i + 3]);
        }
        INT_BE.set(out, outOff, x3);
        INT_BE.set(out, outOff + 4, x2);
        INT_BE.set(out, outOff + 8, x1);
        INT_BE.set(out, outOff + 12, x0);
        return 16;
    }

    @Override
    public void reset() {
    }

    private static int t(int x) {
        return T0[x >>> 24] ^ T1[(x >>> 16) & 0xFF] ^ T2[(x >>> 8) & 0xFF] ^ T3[x & 0xFF];
    }

    private static int tau(int x) {
        return SBOX[x >>> 24] << 24 | SBOX[(x >>> 16) & 0xFF] << 16 | SBOX[(x >>> 8) & 0xFF] << 8 | SBOX[x & 0xFF];
    }

    /** S(x) = A·inv(A·x ⊕ 0xD3) ⊕ 0xD3; A: row i is 0xD3 rotated right by i, giving output bit 7 - i. */
    private static int[] sbox() {
        int[] inverse = new int[256];
        for (int a = 1; a < 256; a++) {
            for (int b = 1; b < 256; b++) {
                if (gfMul(a, b) == 1) {
                    inverse[a] = b;
                    break;
                }
            }
        }
        int[] s = new int[256];
        for (int x = 0; x < 256; x++) {
            s[x] = affine(inverse[affine(x) ^ 0xD3]) ^ 0xD3;
        }
        return s;
    }

    private static int affine(int x) {
        int out = 0;
        for (int i = 0; i < 8; i++) {
            int row = ((0xD3 >>> i) | (0xD3 << (8 - i))) & 0xFF;
            out |= (Integer.bitCount(row & x) & 1) << (7 - i);
        }
        return out;
    }

    private static int gfMul(int a, int b) {
        int r = 0;
        while (b != 0) {
            if ((b & 1) != 0) {
                r ^= a;
            }
            b >>>= 1;
            a <<= 1;
            if ((a & 0x100) != 0) {
                a ^= 0x1F5;
            }
        }
        return r;
    }
}
