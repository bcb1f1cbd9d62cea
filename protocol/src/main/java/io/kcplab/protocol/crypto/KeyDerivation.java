package io.kcplab.protocol.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Key material as kcptun and kcp-go derive it. Bouncy Castle's PBKDF2 is used rather than the JDK's, because the
 * JDK's takes the password as {@code char[]} and the xor table's password is 32 arbitrary bytes.
 */
public final class KeyDerivation {

    /** kcptun's {@code SALT} for the session key. */
    public static final String KCPTUN_SALT = "kcp-go";
    public static final int KCPTUN_ITERATIONS = 4096;
    public static final int KCPTUN_KEY_LENGTH = 32;

    /** kcp-go's {@code saltxor} for the xor pad. */
    static final String XOR_SALT = "sH3CIVoF#rWLtJo6";
    static final int XOR_ITERATIONS = 32;
    /** kcp-go's {@code mtuLimit}: the pad covers the first 1500 bytes of a packet. */
    public static final int XOR_TABLE_LENGTH = 1500;

    private KeyDerivation() {
    }

    /**
     * The 32-byte key material kcptun derives from {@code --key}: PBKDF2-HMAC-SHA1(UTF-8 bytes of key, "kcp-go",
     * 4096, 32). Pass it to {@link Ciphers#create}. (kcptun's default key is "it's a secrect", sic.)
     */
    public static byte[] kcptun(String key) {
        Objects.requireNonNull(key, "key must not be null (kcptun's default is \"it's a secrect\")");
        return pbkdf2HmacSha1(key.getBytes(StandardCharsets.UTF_8),
                KCPTUN_SALT.getBytes(StandardCharsets.US_ASCII), KCPTUN_ITERATIONS, KCPTUN_KEY_LENGTH);
    }

    /** kcp-go's xor pad: PBKDF2-HMAC-SHA1(password, "sH3CIVoF#rWLtJo6", 32, 1500); kcptun passes its 32-byte pass. */
    public static byte[] xorTable(byte[] password) {
        Objects.requireNonNull(password, "xor: password must not be null");
        return pbkdf2HmacSha1(password, XOR_SALT.getBytes(StandardCharsets.US_ASCII), XOR_ITERATIONS,
                XOR_TABLE_LENGTH);
    }

    public static byte[] pbkdf2HmacSha1(byte[] password, byte[] salt, int iterations, int length) {
        if (iterations < 1 || length < 1) {
            throw new IllegalArgumentException("PBKDF2 needs iterations >= 1 and length >= 1, got " + iterations
                    + " and " + length);
        }
        PKCS5S2ParametersGenerator generator = new PKCS5S2ParametersGenerator(new SHA1Digest());
        generator.init(password, salt, iterations);
        return ((KeyParameter) generator.generateDerivedParameters(length * 8)).getKey();
    }
}
