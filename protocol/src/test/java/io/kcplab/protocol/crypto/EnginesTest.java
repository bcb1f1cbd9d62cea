package io.kcplab.protocol.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;
import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.engines.BlowfishEngine;
import org.bouncycastle.crypto.engines.CAST5Engine;
import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.engines.XTEAEngine;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;

/** The project's own block engines against Bouncy Castle's, on random keys and blocks. */
class EnginesTest {

    private static final int EXAMPLES = Integer.getInteger("kcplab.crypto.examples", 150);

    @Test
    void piWordsStartAndEndAsBlowfishPublishesThem() {
        int[] words = BlowfishCrypt.piFractionWords(18 + 1024);
        assertEquals(0x243F6A88, words[0]);
        assertEquals(0x8979FB1B, words[17]); // last P-array entry
        assertEquals(0xD1310BA6, words[18]); // S-box 1, entry 0
        assertEquals(0x3AC372E6, words[18 + 1023]); // S-box 4, entry 255
    }

    @Test
    void sm4MatchesBouncyCastleOnRandomKeysAndBlocks() {
        qt().withExamples(EXAMPLES).forAll(longs().all()).checkAssert(seed ->
                assertSameBlocks(new Sm4Engine(), new SM4Engine(), seed, 16));
    }

    @Test
    void sm4StandardVector() {
        // GB/T 32907 example 1: key = plaintext = 0123456789abcdeffedcba9876543210
        byte[] kp = java.util.HexFormat.of().parseHex("0123456789abcdeffedcba9876543210");
        Sm4Engine sm4 = new Sm4Engine();
        sm4.init(true, new KeyParameter(kp));
        byte[] out = new byte[16];
        sm4.processBlock(kp, 0, out, 0);
        assertEquals("681edf34d206965e86b3e94f536e4246", java.util.HexFormat.of().formatHex(out));
    }

    @Test
    void cast5MatchesBouncyCastle() {
        qt().withExamples(EXAMPLES).forAll(longs().all()).checkAssert(seed ->
                assertSameBlocks(new Cast5Engine(), new CAST5Engine(), seed, 16));
    }

    @Test
    void blowfishMatchesBouncyCastleForEveryKeyLengthBouncyCastleTakes() {
        qt().withExamples(EXAMPLES).forAll(integers().between(4, 56), longs().all()).checkAssert((keyLen, seed) -> {
            byte[] key = new byte[keyLen];
            new SplittableRandom(seed).nextBytes(key);
            byte[] plain = new byte[200];
            new SplittableRandom(~seed).nextBytes(plain);
            byte[] ours = new byte[200];
            new BlowfishCrypt(key).encrypt(plain, 0, ours, 0, 200);
            assertArrayEquals(ReferenceCiphers.bcCfb(new BlowfishEngine(), key, plain), ours, "key length " + keyLen);
        });
    }

    @Test
    void xteaAndTeaMatchTheirReferencesOnRandomKeys() {
        qt().withExamples(EXAMPLES).forAll(longs().all()).checkAssert(seed -> {
            byte[] key = new byte[16];
            new SplittableRandom(seed).nextBytes(key);
            byte[] plain = new byte[203];
            new SplittableRandom(~seed).nextBytes(plain);
            byte[] out = new byte[203];
            new XteaCrypt(key).encrypt(plain, 0, out, 0, 203);
            assertArrayEquals(ReferenceCiphers.bcCfb(new XTEAEngine(), key, plain), out, "xtea");
            new Tea16Crypt(key).encrypt(plain, 0, out, 0, 203);
            assertArrayEquals(ReferenceCiphers.tea16Cfb(key, plain), out, "tea");
        });
    }

    @Test
    void ownEnginesOnlyEncrypt() {
        assertThrows(IllegalArgumentException.class, () -> new Sm4Engine().init(false, new KeyParameter(new byte[16])));
        assertThrows(IllegalArgumentException.class, () -> new Cast5Engine().init(false, new KeyParameter(new byte[16])));
    }

    private static void assertSameBlocks(BlockCipher ours, BlockCipher reference, long seed, int keyLength) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] key = new byte[keyLength];
        random.nextBytes(key);
        ours.init(true, new KeyParameter(key));
        reference.init(true, new KeyParameter(key));
        int bs = reference.getBlockSize();
        for (int i = 0; i < 8; i++) {
            byte[] block = new byte[bs];
            random.nextBytes(block);
            byte[] a = new byte[bs];
            byte[] b = new byte[bs];
            ours.processBlock(block, 0, a, 0);
            reference.processBlock(block, 0, b, 0);
            assertArrayEquals(b, a);
        }
    }
}
