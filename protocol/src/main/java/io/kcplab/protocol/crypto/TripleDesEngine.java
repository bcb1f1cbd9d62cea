package io.kcplab.protocol.crypto;

import java.util.Arrays;
import org.bouncycastle.crypto.CipherParameters;
import org.bouncycastle.crypto.engines.DESEngine;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * 3DES EDE encrypt direction (k1 = key[0:8], k2 = key[8:16], k3 = key[16:24]; parity bits ignored, as Go's
 * crypto/des) built on Bouncy Castle's single-DES round function. Bouncy Castle's own DESedeEngine allocates a
 * temporary block per call; this one reuses its own.
 */
final class TripleDesEngine extends DESEngine {

    private final byte[] temp = new byte[8];
    private int[] k1;
    private int[] k2;
    private int[] k3;

    @Override
    public void init(boolean forEncryption, CipherParameters params) {
        if (!forEncryption) {
            throw new IllegalArgumentException("3des: only the encrypt direction is implemented (CFB needs no other)");
        }
        byte[] key = CipherKeys.require("3des", ((KeyParameter) params).getKey(), 24);
        k1 = generateWorkingKey(true, Arrays.copyOfRange(key, 0, 8));
        k2 = generateWorkingKey(false, Arrays.copyOfRange(key, 8, 16));
        k3 = generateWorkingKey(true, Arrays.copyOfRange(key, 16, 24));
    }

    @Override
    public String getAlgorithmName() {
        return "DESede";
    }

    @Override
    public int processBlock(byte[] in, int inOff, byte[] out, int outOff) {
        if (k1 == null) {
            throw new IllegalStateException("3des: not initialised");
        }
        desFunc(k1, in, inOff, temp, 0);
        desFunc(k2, temp, 0, temp, 0);
        desFunc(k3, temp, 0, out, outOff);
        return 8;
    }
}
