package io.kcplab.protocol.crypto;

import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * kcp-go's "local CFB" over a Bouncy Castle {@link BlockCipher} (Bouncy Castle's Twofish; the project's SM4 and CAST5
 * engines, which implement the same interface; 3DES has its own driver, {@link TripleDesCrypt}): full-block CFB with the fixed IV restarted for every packet, the partial final block XORed with the next keystream block.
 * Only the engine's encrypt direction is used. Decryption computes the whole keystream E(IV ‖ C0 … C(n-2)) from the
 * known ciphertext first (no dependency between blocks, so the CPU overlaps them), then XORs once.
 * Not thread-safe.
 */
final class EngineCfbCrypt extends CheckedCrypt {

    private final String name;
    private final BlockCipher engine;
    private final int blockSize;
    private final byte[] ivKeystream;
    private final byte[] keystream;
    private byte[] scratch = new byte[PacketBytes.roundUp(PacketBytes.MTU_LIMIT, 16)];

    EngineCfbCrypt(String name, BlockCipher engine, byte[] key) {
        this.name = name;
        this.engine = engine;
        this.blockSize = engine.getBlockSize();
        engine.init(true, new KeyParameter(key));
        ivKeystream = new byte[blockSize];
        engine.processBlock(PacketBytes.initialVector(blockSize), 0, ivKeystream, 0);
        keystream = new byte[blockSize];
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    protected void encryptChecked(byte[] src, int srcOff, byte[] dst, int dstOff, int len) {
        int bs = blockSize;
        byte[] ks = keystream;
        System.arraycopy(ivKeystream, 0, ks, 0, bs);
        int i = 0;
        for (; i + bs <= len; i += bs) {
            PacketBytes.xorBlock(src, srcOff + i, ks, 0, dst, dstOff + i, bs);
            engine.processBlock(dst, dstOff + i, ks, 0);
        }
        PacketBytes.xorBlock(src, srcOff + i, ks, 0, dst, dstOff + i, len - i);
    }

    @Override
    protected void decryptChecked(byte[] src, int srcOff, byte[] dst, int dstOff, int len) {
        int bs = blockSize;
        int ksLen = PacketBytes.roundUp(len, bs);
        byte[] ks = scratch = PacketBytes.grow(scratch, ksLen);
        System.arraycopy(ivKeystream, 0, ks, 0, bs);
        for (int i = bs; i < ksLen; i += bs) {
            engine.processBlock(src, srcOff + i - bs, ks, i);
        }
        PacketBytes.xor(src, srcOff, ks, 0, dst, dstOff, len);
    }
}
