package io.kcplab.protocol.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.bouncycastle.crypto.engines.DESedeEngine;
import org.junit.jupiter.api.Test;

/**
 * {@link TripleDesCrypt} packets against two references on random keys: Bouncy Castle's CFBBlockCipher over
 * DESedeEngine ({@link ReferenceCiphers#bcCfb}, kcp-go's mode for whole packets) and the previous implementation's
 * mode driver {@link EngineCfbCrypt} over DESedeEngine (both directions). Lengths 0..1500 cover every partial
 * final block and both decrypt paths (block pairs and single blocks). QuickTheories prints the seed of a failure
 * (replay with -DQT_SEED=...); -Dkcplab.des.examples=N sets the number of random cases (default 2000).
 */
class TripleDesCryptTest {

    private static final int EXAMPLES = Integer.getInteger("kcplab.des.examples", 2000);

    private static byte[] bytes(long seed, int len) {
        byte[] b = new byte[len];
        new SplittableRandom(seed).nextBytes(b);
        return b;
    }

    @Test
    void ciphersBuildsThisImplementationFromThePassPrefix() {
        byte[] pass = KeyDerivation.kcptun("3des");
        BlockCrypt crypt = Ciphers.create("3des", pass);
        assertInstanceOf(TripleDesCrypt.class, crypt);
        assertEquals("3des", crypt.name());
        byte[] plain = bytes(5, 100);
        byte[] out = new byte[100];
        crypt.encrypt(plain, 0, out, 0, 100);
        assertArrayEquals(ReferenceCiphers.bcCfb(new DESedeEngine(), Arrays.copyOf(pass, 24), plain), out);
    }

    @Test
    void packetsMatchBouncyCastleCfbAndThePreviousDriverOnRandomKeys() {
        qt().withExamples(EXAMPLES).forAll(integers().between(0, 1500), longs().all()).checkAssert((len, seed) -> {
            byte[] key = bytes(seed, 24);
            byte[] plain = bytes(~seed, len);
            TripleDesCrypt crypt = new TripleDesCrypt(key);
            EngineCfbCrypt previous = new EngineCfbCrypt("3des", new DESedeEngine(), key);

            byte[] cipher = new byte[len];
            crypt.encrypt(plain, 0, cipher, 0, len);
            assertArrayEquals(ReferenceCiphers.bcCfb(new DESedeEngine(), key, plain), cipher, () -> "encrypt, len " + len);
            byte[] previousCipher = new byte[len];
            previous.encrypt(plain, 0, previousCipher, 0, len);
            assertArrayEquals(previousCipher, cipher, () -> "encrypt vs previous, len " + len);

            byte[] back = new byte[len];
            crypt.decrypt(cipher, 0, back, 0, len);
            assertArrayEquals(plain, back, () -> "decrypt, len " + len);
            // Decrypting arbitrary bytes must agree too (not only our own ciphertext).
            byte[] ours = new byte[len];
            byte[] theirs = new byte[len];
            crypt.decrypt(plain, 0, ours, 0, len);
            previous.decrypt(plain, 0, theirs, 0, len);
            assertArrayEquals(theirs, ours, () -> "decrypt vs previous, len " + len);
        });
    }

    @Test
    void everyLengthUpTo1500InPlaceAgainstBouncyCastle() {
        byte[] key = bytes(42, 24);
        TripleDesCrypt crypt = new TripleDesCrypt(key);
        byte[] all = bytes(43, 1500);
        for (int len = 0; len <= 1500; len++) {
            byte[] plain = Arrays.copyOf(all, len);
            byte[] packet = plain.clone();
            crypt.encrypt(packet, 0, packet, 0, len);
            assertArrayEquals(ReferenceCiphers.bcCfb(new DESedeEngine(), key, plain), packet, "len " + len);
            crypt.decrypt(packet, 0, packet, 0, len);
            assertArrayEquals(plain, packet, "len " + len);
        }
    }

    @Test
    void lockStepBatchEqualsOneByOne() {
        qt().withExamples(EXAMPLES / 4).forAll(integers().between(0, 9), longs().all()).checkAssert((count, seed) -> {
            SplittableRandom random = new SplittableRandom(seed);
            TripleDesCrypt crypt = new TripleDesCrypt(bytes(seed, 24));
            byte[][] packets = new byte[count][];
            int[] offsets = new int[count];
            int[] lengths = new int[count];
            byte[][] expected = new byte[count][];
            for (int p = 0; p < count; p++) {
                // Mostly lengths around one another (long common prefixes), sometimes anything.
                lengths[p] = random.nextInt(4) == 0 ? random.nextInt(1501) : 1400 + random.nextInt(101);
                offsets[p] = random.nextInt(30);
                packets[p] = bytes(random.nextLong(), offsets[p] + lengths[p] + random.nextInt(30));
                expected[p] = packets[p].clone();
                crypt.encrypt(expected[p], offsets[p], expected[p], offsets[p], lengths[p]);
            }
            crypt.encryptBatch(packets, offsets, lengths, count);
            for (int p = 0; p < count; p++) {
                assertArrayEquals(expected[p], packets[p], "packet " + p + " of " + count);
            }
        });
    }

    @Test
    void batchOfOverlappingViewsOfOneArrayEqualsOneByOne() {
        TripleDesCrypt crypt = new TripleDesCrypt(bytes(3, 24));
        byte[] shared = bytes(4, 300);
        byte[] expected = shared.clone();
        crypt.encrypt(expected, 0, expected, 0, 200);
        crypt.encrypt(expected, 50, expected, 50, 200);
        crypt.encryptBatch(new byte[][] {shared, shared}, new int[] {0, 50}, new int[] {200, 200}, 2);
        assertArrayEquals(expected, shared);
    }

    @Test
    void offsetsAndOverlappingBuffersAgreeWithOutOfPlace() {
        qt().withExamples(EXAMPLES / 4).forAll(integers().between(0, 1500), integers().between(0, 40),
                integers().between(-40, 40), longs().all()).checkAssert((len, off, shift, seed) -> {
                    TripleDesCrypt crypt = new TripleDesCrypt(bytes(seed, 24));
                    byte[] plain = bytes(~seed, len);
                    byte[] expected = new byte[len];
                    crypt.encrypt(plain, 0, expected, 0, len);

                    byte[] buf = new byte[len + 100];
                    Arrays.fill(buf, (byte) 0x5A);
                    int srcOff = 40 + shift;
                    int dstOff = 40;
                    System.arraycopy(plain, 0, buf, srcOff, len);
                    crypt.encrypt(buf, srcOff, buf, dstOff, len);
                    assertArrayEquals(expected, Arrays.copyOfRange(buf, dstOff, dstOff + len), "overlapping encrypt");

                    byte[] dst = new byte[len + 100];
                    Arrays.fill(dst, (byte) 0x5A);
                    System.arraycopy(expected, 0, buf, off, len);
                    crypt.decrypt(buf, off, dst, off + 7, len);
                    assertArrayEquals(plain, Arrays.copyOfRange(dst, off + 7, off + 7 + len), "offset decrypt");
                    for (int i = 0; i < dst.length; i++) {
                        if (i < off + 7 || i >= off + 7 + len) {
                            assertEquals((byte) 0x5A, dst[i], "guard byte " + i + " overwritten");
                        }
                    }
                });
    }
}
