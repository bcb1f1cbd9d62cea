package io.kcplab.protocol.wire;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * kcp-go's {@code nonceAES128} (entropy.go): a random AES-128 key and a random 16-byte seed; every nonce is
 * {@code seed = AES(seed)}, and the seed is drawn afresh from the system CSPRNG whenever its first byte is zero
 * (1 packet in 256). One AES block per packet instead of a SecureRandom call keeps the send path cheap. Two
 * alternating seed buffers avoid the JCE's copy for overlapping input and output, so {@link #fill} allocates
 * nothing.
 */
final class AesNonceSource implements NonceSource {

    private final SecureRandom random = new SecureRandom();
    private final Cipher aes;
    private byte[] seed = new byte[NONCE_SIZE];
    private byte[] spare = new byte[NONCE_SIZE];

    AesNonceSource() {
        byte[] key = new byte[16];
        random.nextBytes(key);
        random.nextBytes(seed);
        try {
            aes = Cipher.getInstance("AES/ECB/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/ECB/NoPadding is required of every Java platform but is missing",
                    e);
        }
    }

    @Override
    public void fill(byte[] buf, int off) {
        if (seed[0] == 0) {
            random.nextBytes(seed);
        }
        try {
            aes.update(seed, 0, NONCE_SIZE, spare, 0);
        } catch (ShortBufferException e) {
            throw new IllegalStateException(e); // a 16-byte block always fits the 16-byte buffer
        }
        byte[] t = seed;
        seed = spare;
        spare = t;
        System.arraycopy(seed, 0, buf, off, NONCE_SIZE);
    }
}
