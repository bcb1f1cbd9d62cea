package io.kcplab.protocol.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.HexFormat;
import java.util.SplittableRandom;
import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.engines.DESEngine;
import org.bouncycastle.crypto.engines.DESedeEngine;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;

/**
 * The project's DES/3DES block function ({@link DesBlock}, {@link DesTables}) against the FIPS 46-3 permutation
 * table, Bouncy Castle's DESEngine and DESedeEngine on random keys and blocks, and known-answer vectors typed in
 * from NIST SP 800-20. QuickTheories prints the seed of a failure (replay with -DQT_SEED=...);
 * -Dkcplab.des.examples=N sets the number of random keys (default 2000, eight blocks each).
 */
class DesBlockTest {

    private static final int EXAMPLES = Integer.getInteger("kcplab.des.examples", 2000);
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void permutationsMatchTheFipsTableAndInvertEachOther() {
        qt().withExamples(EXAMPLES).forAll(longs().all()).checkAssert(block -> {
            long ip = DesTables.permute(block, 64, DesTables.IP);
            long expected = ((long) Integer.rotateLeft((int) (ip >>> 32), 1) << 32)
                    | (Integer.rotateLeft((int) ip, 1) & 0xFFFF_FFFFL);
            assertEquals(expected, DesBlock.initialPermutation(block), () -> "IP of " + Long.toHexString(block));
            assertEquals(block, DesBlock.finalPermutation(DesBlock.initialPermutation(block)));
            assertEquals(block, DesBlock.initialPermutation(DesBlock.finalPermutation(block)));
        });
    }

    @Test
    void desMatchesBouncyCastleInBothDirections() {
        qt().withExamples(EXAMPLES).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom random = new SplittableRandom(seed);
            byte[] key = new byte[8];
            random.nextBytes(key);
            int[] encrypt = DesTables.roundKeys(key, 0, false);
            int[] decrypt = DesTables.roundKeys(key, 0, true);
            for (int i = 0; i < 8; i++) {
                long block = random.nextLong();
                assertEquals(bouncyCastle(new DESEngine(), true, key, block), DesBlock.des(encrypt, block),
                        () -> "encrypt, key " + HEX.formatHex(key) + " block " + Long.toHexString(block));
                assertEquals(bouncyCastle(new DESEngine(), false, key, block), DesBlock.des(decrypt, block),
                        () -> "decrypt, key " + HEX.formatHex(key) + " block " + Long.toHexString(block));
            }
        });
    }

    @Test
    void tripleDesMatchesBouncyCastleDesede() {
        qt().withExamples(EXAMPLES).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom random = new SplittableRandom(seed);
            byte[] key = new byte[24];
            random.nextBytes(key);
            int[] keys = DesBlock.tripleKeys(key);
            for (int i = 0; i < 8; i++) {
                long block = random.nextLong();
                assertEquals(bouncyCastle(new DESedeEngine(), true, key, block), DesBlock.tripleDes(keys, block),
                        () -> "key " + HEX.formatHex(key) + " block " + Long.toHexString(block));
            }
        });
    }

    @Test
    void parityBitsAreIgnored() {
        SplittableRandom random = new SplittableRandom(11);
        for (int n = 0; n < 200; n++) {
            byte[] key = new byte[24];
            random.nextBytes(key);
            byte[] flipped = key.clone();
            for (int i = 0; i < 24; i++) {
                flipped[i] ^= (byte) (random.nextInt() & 1); // bit 8 of each byte is its parity bit
            }
            long block = random.nextLong();
            assertEquals(DesBlock.tripleDes(DesBlock.tripleKeys(key), block),
                    DesBlock.tripleDes(DesBlock.tripleKeys(flipped), block));
        }
    }

    /**
     * NIST Special Publication 800-20 (Modes of Operation Validation System for the Triple Data Encryption
     * Algorithm), Appendix A: entries of Tables A.1 (variable plaintext, key 01..01), A.2 (variable key, plaintext
     * 0), A.3 (permutation operation, plaintext 0) and A.4 (substitution tables). With keying option 3
     * (k1 = k2 = k3) TDEA equals single DES, so each vector checks both {@link DesBlock#des} and
     * {@link DesBlock#tripleDes}. Columns: key, plaintext, ciphertext.
     */
    private static final String[][] SP800_20 = {
        // Table A.1, rounds 0, 1, 2, 63
        {"0101010101010101", "8000000000000000", "95f8a5e5dd31d900"},
        {"0101010101010101", "4000000000000000", "dd7f121ca5015619"},
        {"0101010101010101", "2000000000000000", "2e8653104f3834ea"},
        {"0101010101010101", "0000000000000001", "166b40b44aba4bd6"},
        // Table A.2, round 0
        {"8001010101010101", "0000000000000000", "95a8d72813daa94d"},
        // Table A.3, rounds 0, 1
        {"1046913489980131", "0000000000000000", "88d55e54f54c97b4"},
        {"1007103489988020", "0000000000000000", "0c0cc00c83ea48fd"},
        // Table A.4, rounds 0, 1, 2
        {"7ca110454a1a6e57", "01a1d6d039776742", "690f5b0d9a26939b"},
        {"0131d9619dc1376e", "5cd54ca83def57da", "7a389d10354bd271"},
        {"07a1133e4a0b2686", "0248d43806f67172", "868ebb51cab4599a"},
    };

    @Test
    void nistSp80020KnownAnswers() {
        for (String[] vector : SP800_20) {
            byte[] key = HEX.parseHex(vector[0]);
            long plain = Long.parseUnsignedLong(vector[1], 16);
            long cipher = Long.parseUnsignedLong(vector[2], 16);
            assertEquals(cipher, DesBlock.des(DesTables.roundKeys(key, 0, false), plain), vector[0] + " DES");
            assertEquals(plain, DesBlock.des(DesTables.roundKeys(key, 0, true), cipher), vector[0] + " DES decrypt");
            byte[] tripleKey = HEX.parseHex(vector[0] + vector[0] + vector[0]);
            assertEquals(cipher, DesBlock.tripleDes(DesBlock.tripleKeys(tripleKey), plain), vector[0] + " TDEA");
        }
    }

    /**
     * NIST SP 800-67 Rev. 1 (Recommendation for the TDEA Block Cipher), Appendix B example of TDEA ECB with three
     * distinct keys: "The quick brown fox jump".
     */
    @Test
    void nistSp80067ThreeKeyExample() {
        int[] keys = DesBlock.tripleKeys(HEX.parseHex("0123456789abcdef23456789abcdef01456789abcdef0123"));
        String[][] blocks = {
            {"5468652071756663", "a826fd8ce53b855f"},
            {"6b2062726f776e20", "cce21c8112256fe6"},
            {"666f78206a756d70", "68d5c05dd9b6b900"},
        };
        for (String[] b : blocks) {
            assertEquals(Long.parseUnsignedLong(b[1], 16), DesBlock.tripleDes(keys, Long.parseUnsignedLong(b[0], 16)),
                    b[0]);
        }
    }

    @Test
    void badKeysAreRejectedWithTheAcceptedLength() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DesBlock.tripleKeys(new byte[16]));
        assertEquals("3des: key must be 24 bytes long, got 16", e.getMessage());
        assertThrows(NullPointerException.class, () -> DesBlock.tripleKeys(null));
    }

    private static long bouncyCastle(BlockCipher engine, boolean encrypt, byte[] key, long block) {
        engine.init(encrypt, new KeyParameter(key));
        byte[] in = new byte[8];
        PacketBytes.LONG_BE.set(in, 0, block);
        byte[] out = new byte[8];
        engine.processBlock(in, 0, out, 0);
        return (long) PacketBytes.LONG_BE.get(out, 0);
    }
}
