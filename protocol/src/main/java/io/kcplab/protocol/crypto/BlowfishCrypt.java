package io.kcplab.protocol.crypto;

import java.math.BigInteger;

/**
 * Blowfish (standard key schedule, keys of 1..56 bytes, as golang.org/x/crypto/blowfish) in kcp-go's CFB mode, on
 * the project's own engine: the block stays in two ints, and decryption's independent block calls overlap in the
 * CPU. The initial P-array and S-boxes are, by Blowfish's definition, the fractional hexadecimal digits of pi; they
 * are computed once (Machin's formula in fixed point, a few milliseconds) rather than typed in.
 */
final class BlowfishCrypt extends Cfb64Crypt {

    private static final int ROUNDS = 16;
    private static final int[] PI_WORDS = piFractionWords(18 + 4 * 256);

    private final int[] p = new int[18];
    private final int[] s0 = new int[256];
    private final int[] s1 = new int[256];
    private final int[] s2 = new int[256];
    private final int[] s3 = new int[256];

    BlowfishCrypt(byte[] key) {
        super("blowfish");
        CipherKeys.requireRange("blowfish", key, 1, 56);
        System.arraycopy(PI_WORDS, 0, p, 0, 18);
        System.arraycopy(PI_WORDS, 18, s0, 0, 256);
        System.arraycopy(PI_WORDS, 18 + 256, s1, 0, 256);
        System.arraycopy(PI_WORDS, 18 + 512, s2, 0, 256);
        System.arraycopy(PI_WORDS, 18 + 768, s3, 0, 256);
        int j = 0;
        for (int i = 0; i < 18; i++) {
            int d = 0;
            for (int k = 0; k < 4; k++) {
                d = (d << 8) | (key[j] & 0xFF);
                j = (j + 1) % key.length;
            }
            p[i] ^= d;
        }
        long block = 0;
        for (int i = 0; i < 18; i += 2) {
            block = encryptBlock(block);
            p[i] = (int) (block >>> 32);
            p[i + 1] = (int) block;
        }
        for (int[] box : new int[][] {s0, s1, s2, s3}) {
            for (int i = 0; i < 256; i += 2) {
                block = encryptBlock(block);
                box[i] = (int) (block >>> 32);
                box[i + 1] = (int) block;
            }
        }
        keyed();
    }

    @Override
    long encryptBlock(long block) {
        int xl = (int) (block >>> 32);
        int xr = (int) block;
        int[] pa = p;
        for (int i = 0; i < ROUNDS; i += 2) {
            xl ^= pa[i];
            xr ^= f(xl);
            xr ^= pa[i + 1];
            xl ^= f(xr);
        }
        xl ^= pa[16];
        xr ^= pa[17];
        return ((long) xr << 32) | (xl & 0xFFFF_FFFFL);
    }

    private int f(int x) {
        return ((s0[x >>> 24] + s1[(x >>> 16) & 0xFF]) ^ s2[(x >>> 8) & 0xFF]) + s3[x & 0xFF];
    }

    /** The first {@code count} 32-bit words of pi's fractional part (pi = 3.243F6A88 85A308D3 ... in hex). */
    static int[] piFractionWords(int count) {
        int bits = 32 * count + 64; // guard bits absorb the truncation error of the series
        BigInteger one = BigInteger.ONE.shiftLeft(bits);
        BigInteger pi = arctanInverse(5, one).shiftLeft(4).subtract(arctanInverse(239, one).shiftLeft(2));
        BigInteger fraction = pi.subtract(BigInteger.valueOf(3).shiftLeft(bits)).shiftRight(64);
        int[] words = new int[count];
        for (int i = 0; i < count; i++) {
            words[i] = fraction.shiftRight(32 * (count - 1 - i)).intValue();
        }
        return words;
    }

    /** arctan(1/x) scaled by {@code one}, by its Taylor series. */
    private static BigInteger arctanInverse(int x, BigInteger one) {
        BigInteger xSquared = BigInteger.valueOf((long) x * x);
        BigInteger power = one.divide(BigInteger.valueOf(x));
        BigInteger sum = power;
        for (int k = 1; power.signum() != 0; k++) {
            power = power.divide(xSquared);
            BigInteger term = power.divide(BigInteger.valueOf(2L * k + 1));
            sum = (k & 1) == 1 ? sum.subtract(term) : sum.add(term);
        }
        return sum;
    }
}
