package io.kcplab.protocol.crypto;

/**
 * A packet cipher as kcp-go applies it: the whole datagram is transformed in one call, restarting the cipher's
 * state for every packet (kcp-go's "local CFB" with a fixed IV, or a per-packet stream for salsa20 and xor).
 * Ciphertext and plaintext have the same length. {@code src} and {@code dst} may be the same array at the same
 * offset (in place). Implementations are not thread-safe: one instance per session direction.
 */
public interface BlockCrypt {

    /** The name kcptun's {@code --crypt} flag uses for this cipher (for example "aes-128"). */
    String name();

    void encrypt(byte[] src, int srcOff, byte[] dst, int dstOff, int len);

    void decrypt(byte[] src, int srcOff, byte[] dst, int dstOff, int len);

    /**
     * Encrypts {@code count} packets in place; {@code packets[i][offsets[i] .. offsets[i] + lengths[i])}.
     * Equal to calling {@link #encrypt} on each; ciphers whose encryption is latency-bound (CFB) override it to
     * run several packets in lock-step.
     */
    default void encryptBatch(byte[][] packets, int[] offsets, int[] lengths, int count) {
        for (int i = 0; i < count; i++) {
            encrypt(packets[i], offsets[i], packets[i], offsets[i], lengths[i]);
        }
    }
}
