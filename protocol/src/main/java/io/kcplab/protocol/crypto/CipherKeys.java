package io.kcplab.protocol.crypto;

import java.util.Arrays;
import java.util.Objects;

/** Key-length checks with messages that name the cipher and the accepted lengths. */
final class CipherKeys {

    private CipherKeys() {
    }

    static byte[] require(String cipher, byte[] key, int... acceptedLengths) {
        Objects.requireNonNull(key, () -> cipher + ": key must not be null");
        for (int accepted : acceptedLengths) {
            if (key.length == accepted) {
                return key;
            }
        }
        throw new IllegalArgumentException(cipher + ": key must be " + describe(acceptedLengths)
                + " bytes long, got " + key.length);
    }

    static byte[] requireRange(String cipher, byte[] key, int min, int max) {
        Objects.requireNonNull(key, () -> cipher + ": key must not be null");
        if (key.length < min || key.length > max) {
            throw new IllegalArgumentException(cipher + ": key must be " + min + " to " + max
                    + " bytes long, got " + key.length);
        }
        return key;
    }

    private static String describe(int[] lengths) {
        if (lengths.length == 1) {
            return Integer.toString(lengths[0]);
        }
        String all = Arrays.toString(lengths);
        return "one of " + all.substring(1, all.length() - 1);
    }
}
