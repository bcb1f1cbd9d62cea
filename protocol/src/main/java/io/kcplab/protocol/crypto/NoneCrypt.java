package io.kcplab.protocol.crypto;

/**
 * kcp-go's "none": copies the packet unchanged. It is still a cipher as far as framing goes, so the 16-byte nonce
 * and the CRC header are still sent (kcptun's {@code --crypt none}).
 */
final class NoneCrypt implements BlockCrypt {

    @Override
    public String name() {
        return "none";
    }

    @Override
    public void encrypt(byte[] src, int srcOff, byte[] dst, int dstOff, int len) {
        PacketBytes.checkRanges(src, srcOff, dst, dstOff, len);
        System.arraycopy(src, srcOff, dst, dstOff, len);
    }

    @Override
    public void decrypt(byte[] src, int srcOff, byte[] dst, int dstOff, int len) {
        encrypt(src, srcOff, dst, dstOff, len);
    }
}
