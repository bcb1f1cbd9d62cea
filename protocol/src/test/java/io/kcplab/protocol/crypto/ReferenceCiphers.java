package io.kcplab.protocol.crypto;

import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.engines.BlowfishEngine;
import org.bouncycastle.crypto.engines.CAST5Engine;
import org.bouncycastle.crypto.engines.DESedeEngine;
import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.engines.Salsa20Engine;
import org.bouncycastle.crypto.engines.TwofishEngine;
import org.bouncycastle.crypto.engines.XTEAEngine;
import org.bouncycastle.crypto.modes.CFBBlockCipher;
import org.bouncycastle.crypto.modes.CFBModeCipher;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * Slow, obviously-correct encryptions of one kcp-go packet, built from stock parts (JCE AES/CFB, Bouncy Castle
 * CFBBlockCipher and Salsa20Engine) wherever they exist, to check the fast paths against. TEA has no stock
 * 8-cycle engine, so it gets a plain byte-wise rendering of the x/crypto/tea algorithm.
 */
final class ReferenceCiphers {

    static final byte[] IV = {(byte) 167, 115, 79, (byte) 156, 18, (byte) 172, 27, 1, (byte) 164, 21, (byte) 242,
        (byte) 193, (byte) 252, 120, (byte) 230, 107};

    private ReferenceCiphers() {
    }

    static byte[] encrypt(String name, byte[] pass, byte[] plain) {
        switch (name) {
            case "aes":
                return jceCfb("AES", Arrays.copyOf(pass, 32), 16, plain);
            case "aes-128":
                return jceCfb("AES", Arrays.copyOf(pass, 16), 16, plain);
            case "aes-192":
                return jceCfb("AES", Arrays.copyOf(pass, 24), 16, plain);
            case "blowfish":
                return bcCfb(new BlowfishEngine(), pass, plain);
            case "twofish":
                return bcCfb(new TwofishEngine(), pass, plain);
            case "cast5":
                return bcCfb(new CAST5Engine(), Arrays.copyOf(pass, 16), plain);
            case "3des":
                return bcCfb(new DESedeEngine(), Arrays.copyOf(pass, 24), plain);
            case "sm4":
                return bcCfb(new SM4Engine(), Arrays.copyOf(pass, 16), plain);
            case "xtea":
                return bcCfb(new XTEAEngine(), Arrays.copyOf(pass, 16), plain);
            case "tea":
                return tea16Cfb(Arrays.copyOf(pass, 16), plain);
            case "salsa20":
                return salsa20(pass, plain);
            case "xor":
                return xor(pass, plain);
            case "none":
                return plain.clone();
            default:
                throw new AssertionError(name);
        }
    }

    static byte[] jceCfb(String algorithm, byte[] key, int blockSize, byte[] plain) {
        try {
            Cipher c = Cipher.getInstance(algorithm + "/CFB/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, algorithm),
                    new IvParameterSpec(Arrays.copyOf(IV, blockSize)));
            return plain.length == 0 ? new byte[0] : c.doFinal(plain);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static byte[] bcCfb(BlockCipher engine, byte[] key, byte[] plain) {
        int bs = engine.getBlockSize();
        CFBModeCipher cfb = CFBBlockCipher.newInstance(engine, bs * 8);
        cfb.init(true, new ParametersWithIV(new KeyParameter(key), Arrays.copyOf(IV, bs)));
        byte[] out = new byte[plain.length];
        cfb.processBytes(plain, 0, plain.length, out, 0);
        return out;
    }

    static byte[] salsa20(byte[] key, byte[] plain) {
        byte[] out = plain.clone();
        if (plain.length <= 8) {
            return out;
        }
        Salsa20Engine s = new Salsa20Engine();
        s.init(true, new ParametersWithIV(new KeyParameter(key), Arrays.copyOf(plain, 8)));
        s.processBytes(plain, 8, plain.length - 8, out, 8);
        return out;
    }

    static byte[] xor(byte[] pass, byte[] plain) {
        byte[] table = KeyDerivation.xorTable(pass);
        byte[] out = plain.clone();
        for (int i = 0; i < Math.min(out.length, table.length); i++) {
            out[i] ^= table[i];
        }
        return out;
    }

    static byte[] tea16Cfb(byte[] key, byte[] plain) {
        byte[] ks = tea16Block(key, Arrays.copyOf(IV, 8));
        byte[] out = new byte[plain.length];
        for (int i = 0; i < plain.length; i += 8) {
            int n = Math.min(8, plain.length - i);
            for (int j = 0; j < n; j++) {
                out[i + j] = (byte) (plain[i + j] ^ ks[j]);
            }
            if (n == 8) {
                ks = tea16Block(key, Arrays.copyOfRange(out, i, i + 8));
            }
        }
        return out;
    }

    /** x/crypto/tea with 16 rounds: each loop pass below is one round pair (a "cycle"). */
    static byte[] tea16Block(byte[] key, byte[] block) {
        long v0 = be(block, 0);
        long v1 = be(block, 4);
        long k0 = be(key, 0);
        long k1 = be(key, 4);
        long k2 = be(key, 8);
        long k3 = be(key, 12);
        long sum = 0;
        long mask = 0xFFFF_FFFFL;
        for (int round = 0; round < 16 / 2; round++) {
            sum = (sum + 0x9E3779B9L) & mask;
            v0 = (v0 + ((((v1 << 4) + k0) ^ (v1 + sum) ^ ((v1 >> 5) + k1)) & mask)) & mask;
            v1 = (v1 + ((((v0 << 4) + k2) ^ (v0 + sum) ^ ((v0 >> 5) + k3)) & mask)) & mask;
        }
        byte[] out = new byte[8];
        for (int i = 0; i < 4; i++) {
            out[i] = (byte) (v0 >>> (24 - 8 * i));
            out[4 + i] = (byte) (v1 >>> (24 - 8 * i));
        }
        return out;
    }

    private static long be(byte[] b, int off) {
        return ((b[off] & 0xFFL) << 24) | ((b[off + 1] & 0xFFL) << 16) | ((b[off + 2] & 0xFFL) << 8)
                | (b[off + 3] & 0xFFL);
    }
}
