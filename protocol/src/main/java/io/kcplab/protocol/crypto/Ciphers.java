package io.kcplab.protocol.crypto;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.crypto.engines.TwofishEngine;

/**
 * The packet ciphers by the names kcptun's {@code --crypt} flag accepts (kcptun 20210922 client/main.go and
 * server/main.go, one identical switch), keyed from kcptun's 32-byte key material as kcptun cuts it.
 *
 * <p>Difference from kcptun: kcptun's command line silently falls back to {@code aes} for an unknown name (a typo
 * gives AES-256 without warning); this library rejects unknown names.
 *
 * <p>The per-cipher factories take raw key bytes and check their length (the lengths Go's packages accept).
 * Every returned {@link BlockCrypt} is a new instance, not thread-safe: use one per session direction.
 */
public final class Ciphers {

    /** kcptun's names, in its {@code --crypt} usage order. */
    private static final List<String> NAMES = List.of(
            "aes", "aes-128", "aes-192", "salsa20", "blowfish", "twofish", "cast5", "3des", "tea", "xtea", "xor",
            "sm4", "none");

    private Ciphers() {
    }

    /** Every name {@link #create} accepts. */
    public static List<String> names() {
        return NAMES;
    }

    /**
     * The cipher kcptun builds for {@code --crypt name} from {@code pass} = {@link KeyDerivation#kcptun} (32 bytes).
     *
     * @throws IllegalArgumentException for an unknown name (naming the accepted ones) or a pass that is not 32 bytes
     */
    public static BlockCrypt create(String name, byte[] pass) {
        Objects.requireNonNull(name, () -> "cipher name must not be null; accepted: " + String.join(", ", NAMES));
        Objects.requireNonNull(pass, "pass must not be null: use KeyDerivation.kcptun(key)");
        if (pass.length != KeyDerivation.KCPTUN_KEY_LENGTH) {
            throw new IllegalArgumentException("pass must be kcptun's 32-byte key material (KeyDerivation.kcptun(key)),"
                    + " got " + pass.length + " bytes");
        }
        switch (name) {
            case "aes":
                return aes(pass);
            case "aes-128":
                return aes(Arrays.copyOf(pass, 16));
            case "aes-192":
                return aes(Arrays.copyOf(pass, 24));
            case "salsa20":
                return salsa20(pass);
            case "blowfish":
                return blowfish(pass);
            case "twofish":
                return twofish(pass);
            case "cast5":
                return cast5(Arrays.copyOf(pass, 16));
            case "3des":
                return tripleDes(Arrays.copyOf(pass, 24));
            case "tea":
                return tea(Arrays.copyOf(pass, 16));
            case "xtea":
                return xtea(Arrays.copyOf(pass, 16));
            case "xor":
                return xor(pass);
            case "sm4":
                return sm4(Arrays.copyOf(pass, 16));
            case "none":
                return none();
            default:
                throw new IllegalArgumentException("unknown cipher \"" + name + "\"; accepted: "
                        + String.join(", ", NAMES) + " (kcptun itself would silently use aes)");
        }
    }

    /** AES in kcp-go's CFB; the key length picks AES-128 ("aes-128"), AES-192 ("aes-192") or AES-256 ("aes"). */
    public static BlockCrypt aes(byte[] key) {
        CipherKeys.require("aes", key, 16, 24, 32);
        String name = key.length == 32 ? "aes" : "aes-" + key.length * 8;
        return new JceCfbCrypt(name, "AES", 16, key);
    }

    /** Blowfish with the standard key schedule, keys of 1..56 bytes as Go's package (kcptun uses 32). */
    public static BlockCrypt blowfish(byte[] key) {
        return new BlowfishCrypt(key);
    }

    public static BlockCrypt twofish(byte[] key) {
        return new EngineCfbCrypt("twofish", new TwofishEngine(), CipherKeys.require("twofish", key, 16, 24, 32));
    }

    /** CAST-128 with a 16-byte key (Go's cast5 accepts nothing else). */
    public static BlockCrypt cast5(byte[] key) {
        return new EngineCfbCrypt("cast5", new Cast5Engine(), CipherKeys.require("cast5", key, 16));
    }

    /**
     * 3DES EDE with k1 = key[0:8], k2 = key[8:16], k3 = key[16:24]; parity bits ignored. KcpLab's own DES
     * ({@link TripleDesCrypt}: SP tables, one initial and final permutation per 3DES block); Bouncy Castle's
     * DESede and SunJCE's measured slower than kcp-go here.
     */
    public static BlockCrypt tripleDes(byte[] key) {
        return new TripleDesCrypt(key);
    }

    /** TEA with kcp-go's 16 rounds (8 cycles); not the standard 64-round TEA. */
    public static BlockCrypt tea(byte[] key) {
        return new Tea16Crypt(key);
    }

    public static BlockCrypt xtea(byte[] key) {
        return new XteaCrypt(key);
    }

    public static BlockCrypt sm4(byte[] key) {
        return new EngineCfbCrypt("sm4", new Sm4Engine(), CipherKeys.require("sm4", key, 16));
    }

    /** Salsa20/20 with a 32-byte key; the packet's first 8 bytes are the nonce and stay clear. */
    public static BlockCrypt salsa20(byte[] key) {
        return new Salsa20Crypt(key);
    }

    /** The xor pad derived from {@code password} (kcptun passes its 32-byte pass). */
    public static BlockCrypt xor(byte[] password) {
        return new XorCrypt(password);
    }

    public static BlockCrypt none() {
        return new NoneCrypt();
    }
}
