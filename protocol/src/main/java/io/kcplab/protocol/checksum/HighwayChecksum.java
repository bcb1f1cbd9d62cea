package io.kcplab.protocol.checksum;

import io.kcplab.protocol.SimdSettings;

import java.nio.charset.StandardCharsets;

/**
 * The {@code highway} wire profile's checksum: keyed HighwayHash-64 of {@code [at + 8, end)}, stored as 8 bytes
 * little-endian where kcp-go puts its CRC32 (so the crypto header is 16 + 8 = 24 bytes).
 *
 * <p><b>Keys.</b> With a session secret, the 256-bit key is
 * {@code HKDF-SHA256(salt = "kcplab-highway", ikm = pass, info = "highwayhash-64 packet checksum v1", L = 32)},
 * where {@code pass} is the 32-byte kcptun-style derived key (PBKDF2-HMAC-SHA1(key, "kcp-go", 4096, 32)) that
 * also keys the cipher. The distinct salt keeps the checksum key independent of the cipher key, and the field
 * becomes a MAC: a forger without the secret cannot produce a valid 64-bit tag (HighwayHash is a PRF-style keyed
 * hash, though not a standardised MAC). Without a secret the key is the public constant {@link #PUBLIC_KEY} and
 * the field is an integrity check only, like kcp-go's CRC32.
 *
 * <p>Stateless apart from the key; thread-safe.
 */
public final class HighwayChecksum implements PacketChecksum {

    public static final int SIZE = 8;

    /** Salt of the key derivation: names the purpose so that no other KcpLab key equals this one. */
    public static final String KDF_SALT = "kcplab-highway";

    /** HKDF info string; the version suffix lets a future derivation change without ambiguity. */
    public static final String KDF_INFO = "highwayhash-64 packet checksum v1";

    /** The key of the unkeyed (integrity-only) mode: these 32 ASCII bytes. */
    public static final String PUBLIC_KEY = "KcpLab highway checksum, public!";

    private final HighwayHash hash;
    private final boolean secret;

    private HighwayChecksum(HighwayHash hash, boolean secret) {
        this.hash = hash;
        this.secret = secret;
    }

    /** Integrity-only checksum with the public key. */
    public static HighwayChecksum publicKey() {
        return publicKey(SimdSettings.defaults());
    }

    /** {@link #publicKey()} with the hash kernel {@code simd} picks. */
    public static HighwayChecksum publicKey(SimdSettings simd) {
        return new HighwayChecksum(HighwayHash.ofKey(PUBLIC_KEY.getBytes(StandardCharsets.US_ASCII), simd), false);
    }

    /**
     * A MAC keyed from the session's derived pass (the kcptun PBKDF2 output, or any secret of at least 16 bytes).
     */
    public static HighwayChecksum withSecret(byte[] pass) {
        return withSecret(pass, SimdSettings.defaults());
    }

    /** {@link #withSecret(byte[])} with the hash kernel {@code simd} picks. */
    public static HighwayChecksum withSecret(byte[] pass, SimdSettings simd) {
        if (pass == null || pass.length < 16) {
            throw new IllegalArgumentException("HighwayChecksum secret must be at least 16 bytes (the 32-byte"
                    + " derived session key); got " + (pass == null ? "null" : pass.length + " bytes"));
        }
        return new HighwayChecksum(HighwayHash.ofKey(deriveKey(pass), simd), true);
    }

    /** A checksum with an explicit 32-byte HighwayHash key (tests, interop with a fork that fixes the key). */
    public static HighwayChecksum withKey(byte[] key32) {
        return new HighwayChecksum(HighwayHash.ofKey(key32), true);
    }

    /** The HKDF derivation documented on the class. */
    public static byte[] deriveKey(byte[] pass) {
        return Hkdf.sha256(KDF_SALT.getBytes(StandardCharsets.US_ASCII), pass,
                KDF_INFO.getBytes(StandardCharsets.US_ASCII), HighwayHash.KEY_BYTES);
    }

    /** True when keyed from a secret (a MAC), false for the public integrity-only key. */
    public boolean isKeyed() {
        return secret;
    }

    @Override
    public int size() {
        return SIZE;
    }

    @Override
    public String name() {
        return "highway64";
    }

    @Override
    public long compute(byte[] buf, int off, int len) {
        return hash.hash64(buf, off, len);
    }
}
