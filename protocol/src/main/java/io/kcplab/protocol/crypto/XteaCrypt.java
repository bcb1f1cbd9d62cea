package io.kcplab.protocol.crypto;

/**
 * Standard XTEA (64 rounds = 32 cycles, big-endian words, 16-byte key) as golang.org/x/crypto/xtea, in kcp-go's
 * CFB mode. The per-round "sum + key word" values are precomputed once, as the Go package does.
 */
final class XteaCrypt extends Cfb64Crypt {

    private static final int DELTA = 0x9E3779B9;
    private static final int ROUNDS = 64;

    private final int[] table = new int[ROUNDS];

    XteaCrypt(byte[] key) {
        super("xtea");
        CipherKeys.require("xtea", key, 16);
        int[] k = {word(key, 0), word(key, 4), word(key, 8), word(key, 12)};
        int sum = 0;
        for (int i = 0; i < ROUNDS; ) {
            table[i++] = sum + k[sum & 3];
            sum += DELTA;
            table[i++] = sum + k[(sum >>> 11) & 3];
        }
        keyed();
    }

    @Override
    long encryptBlock(long block) {
        int v0 = (int) (block >>> 32);
        int v1 = (int) block;
        int[] t = table;
        for (int i = 0; i < ROUNDS; i += 2) {
            v0 += (((v1 << 4) ^ (v1 >>> 5)) + v1) ^ t[i];
            v1 += (((v0 << 4) ^ (v0 >>> 5)) + v0) ^ t[i + 1];
        }
        return ((long) v0 << 32) | (v1 & 0xFFFF_FFFFL);
    }
}
