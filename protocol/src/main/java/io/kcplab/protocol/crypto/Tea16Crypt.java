package io.kcplab.protocol.crypto;

/**
 * TEA as kcp-go uses it: {@code tea.NewCipherWithRounds(key, 16)} from golang.org/x/crypto, i.e. 16 Feistel rounds =
 * 8 cycles, not the standard 64 rounds. Bouncy Castle's TEAEngine is fixed at 32 cycles and does not interoperate.
 * Big-endian words, 16-byte key, in kcp-go's CFB mode.
 */
final class Tea16Crypt extends Cfb64Crypt {

    private static final int DELTA = 0x9E3779B9;
    private static final int CYCLES = 8;

    private final int k0;
    private final int k1;
    private final int k2;
    private final int k3;

    Tea16Crypt(byte[] key) {
        super("tea");
        CipherKeys.require("tea", key, 16);
        k0 = word(key, 0);
        k1 = word(key, 4);
        k2 = word(key, 8);
        k3 = word(key, 12);
        keyed();
    }

    @Override
    long encryptBlock(long block) {
        int v0 = (int) (block >>> 32);
        int v1 = (int) block;
        int sum = 0;
        for (int i = 0; i < CYCLES; i++) {
            sum += DELTA;
            v0 += ((v1 << 4) + k0) ^ (v1 + sum) ^ ((v1 >>> 5) + k1);
            v1 += ((v0 << 4) + k2) ^ (v0 + sum) ^ ((v0 >>> 5) + k3);
        }
        return ((long) v0 << 32) | (v1 & 0xFFFF_FFFFL);
    }
}
