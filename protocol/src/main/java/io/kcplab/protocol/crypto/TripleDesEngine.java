package io.kcplab.protocol.crypto;

import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.CipherParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * 3DES EDE encrypt direction (k1 = key[0:8], k2 = key[8:16], k3 = key[16:24]; parity bits ignored, as Go's
 * crypto/des) on the project's {@link DesBlock}, behind Bouncy Castle's {@link BlockCipher} interface so it can be
 * checked against Bouncy Castle's DESedeEngine. The packet cipher is {@link TripleDesCrypt}, which needs no
 * interface and keeps its CFB chain in the permuted domain.
 */
final class TripleDesEngine implements BlockCipher {

    private int[] keys;

    @Override
    public void init(boolean forEncryption, CipherParameters params) {
        if (!forEncryption) {
            throw new IllegalArgumentException("3des: only the encrypt direction is implemented (CFB needs no other)");
        }
        if (!(params instanceof KeyParameter)) {
            throw new IllegalArgumentException("3des: needs a KeyParameter with a 24-byte key");
        }
        keys = DesBlock.tripleKeys(((KeyParameter) params).getKey());
    }

    @Override
    public String getAlgorithmName() {
        return "DESede";
    }

    @Override
    public int getBlockSize() {
        return 8;
    }

    @Override
    public int processBlock(byte[] in, int inOff, byte[] out, int outOff) {
        if (keys == null) {
            throw new IllegalStateException("3des: not initialised");
        }
        long block = (long) PacketBytes.LONG_BE.get(in, inOff);
        PacketBytes.LONG_BE.set(out, outOff, DesBlock.tripleDes(keys, block));
        return 8;
    }

    @Override
    public void reset() {
    }
}
