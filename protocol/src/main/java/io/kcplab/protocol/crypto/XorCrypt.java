package io.kcplab.protocol.crypto;

/**
 * kcp-go's "xor" cipher: the first min(len, 1500) bytes are XORed with a fixed pad derived by
 * {@link KeyDerivation#xorTable}; the same pad for every packet, so it only obfuscates. Bytes past 1500 (kcp-go
 * never has any: its buffers are 1500 bytes) are copied unchanged, as kcp-go's in-place XOR leaves them.
 */
final class XorCrypt extends CheckedCrypt {

    private final byte[] table;

    XorCrypt(byte[] password) {
        this.table = KeyDerivation.xorTable(password);
    }

    @Override
    public String name() {
        return "xor";
    }

    /** Decryption is the same operation (the pad XORed again undoes itself). */
    @Override
    protected void decryptChecked(byte[] src, int srcOff, byte[] dst, int dstOff, int len) {
        encryptChecked(src, srcOff, dst, dstOff, len);
    }

    @Override
    protected void encryptChecked(byte[] src, int srcOff, byte[] dst, int dstOff, int len) {
        int n = Math.min(len, table.length);
        PacketBytes.xor(src, srcOff, table, 0, dst, dstOff, n);
        if (n < len && (src != dst || srcOff != dstOff)) {
            System.arraycopy(src, srcOff + n, dst, dstOff + n, len - n);
        }
    }
}
