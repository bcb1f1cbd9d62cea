package io.kcplab.protocol.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of every cipher over packet lengths 0..1500 (all partial-final-block cases included): equality with an
 * independent reference (JCE AES/CFB, Bouncy Castle CFB/Salsa20), round trip, in-place == out-of-place == shifted
 * overlapping buffers, and encryptBatch == one-by-one encrypt. QuickTheories prints the seed of a failure; replay
 * with -DQT_SEED=...; -Dkcplab.crypto.examples=N sets the number of examples (default 150).
 */
class CipherPropertiesTest {

    private static final int EXAMPLES = Integer.getInteger("kcplab.crypto.examples", 150);
    private static final byte[] PASS = KeyDerivation.kcptun("properties");

    static Stream<String> names() {
        return Ciphers.names().stream();
    }

    private static byte[] bytes(long seed, int len) {
        byte[] b = new byte[len];
        new SplittableRandom(seed).nextBytes(b);
        return b;
    }

    @ParameterizedTest
    @MethodSource("names")
    void encryptMatchesReferenceAndDecryptInverts(String name) {
        BlockCrypt crypt = Ciphers.create(name, PASS);
        qt().withExamples(EXAMPLES).forAll(integers().between(0, 1500), longs().all()).checkAssert((len, seed) -> {
            byte[] plain = bytes(seed, len);
            byte[] expected = ReferenceCiphers.encrypt(name, PASS, plain);
            byte[] cipher = new byte[len];
            crypt.encrypt(plain, 0, cipher, 0, len);
            assertArrayEquals(expected, cipher, () -> name + " encrypt, len " + len);
            byte[] back = new byte[len];
            crypt.decrypt(cipher, 0, back, 0, len);
            assertArrayEquals(plain, back, () -> name + " decrypt, len " + len);
        });
    }

    @ParameterizedTest
    @MethodSource("names")
    void everyLengthUpTo1500RoundTripsInPlace(String name) {
        BlockCrypt crypt = Ciphers.create(name, PASS);
        for (int len = 0; len <= 1500; len++) {
            byte[] plain = bytes(len, len);
            byte[] packet = plain.clone();
            crypt.encrypt(packet, 0, packet, 0, len);
            if (len >= 24 && !name.equals("none")) {
                assertArrayEquals(ReferenceCiphers.encrypt(name, PASS, plain), packet, name + " len " + len);
            }
            crypt.decrypt(packet, 0, packet, 0, len);
            assertArrayEquals(plain, packet, name + " len " + len);
        }
    }

    @ParameterizedTest
    @MethodSource("names")
    void inPlaceOutOfPlaceAndOverlappingAgree(String name) {
        BlockCrypt crypt = Ciphers.create(name, PASS);
        qt().withExamples(EXAMPLES).forAll(integers().between(0, 1500), integers().between(0, 40),
                integers().between(-40, 40), longs().all()).checkAssert((len, off, shift, seed) -> {
                    byte[] plain = bytes(seed, len);
                    byte[] expected = new byte[len];
                    crypt.encrypt(plain, 0, expected, 0, len);
                    // out of place at offsets, with guard bytes that must stay untouched
                    byte[] src = new byte[len + 100];
                    byte[] dst = new byte[len + 100];
                    Arrays.fill(dst, (byte) 0x5A);
                    System.arraycopy(plain, 0, src, off, len);
                    crypt.encrypt(src, off, dst, off + 7, len);
                    assertArrayEquals(expected, Arrays.copyOfRange(dst, off + 7, off + 7 + len), "out of place");
                    assertGuard(dst, off + 7, len);
                    // in place
                    byte[] buf = src.clone();
                    crypt.encrypt(buf, off, buf, off, len);
                    assertArrayEquals(expected, Arrays.copyOfRange(buf, off, off + len), "in place");
                    crypt.decrypt(buf, off, buf, off, len);
                    assertArrayEquals(plain, Arrays.copyOfRange(buf, off, off + len), "in-place decrypt");
                    // overlapping, shifted by 'shift' bytes in the same array
                    int from = 45;
                    int to = from + shift;
                    byte[] shared = new byte[len + 100];
                    System.arraycopy(plain, 0, shared, from, len);
                    crypt.encrypt(shared, from, shared, to, len);
                    assertArrayEquals(expected, Arrays.copyOfRange(shared, to, to + len), "overlapping encrypt");
                    crypt.decrypt(shared, to, shared, from, len);
                    assertArrayEquals(plain, Arrays.copyOfRange(shared, from, from + len), "overlapping decrypt");
                });
    }

    @ParameterizedTest
    @MethodSource("names")
    void encryptBatchEqualsOneByOne(String name) {
        BlockCrypt batch = Ciphers.create(name, PASS);
        BlockCrypt single = Ciphers.create(name, PASS);
        qt().withExamples(Math.max(10, EXAMPLES / 3)).forAll(integers().between(0, 80), longs().all())
                .checkAssert((count, seed) -> {
                    SplittableRandom rnd = new SplittableRandom(seed);
                    byte[][] packets = new byte[count + 3][];
                    int[] offsets = new int[count + 3];
                    int[] lengths = new int[count + 3];
                    byte[][] expected = new byte[count][];
                    for (int i = 0; i < count; i++) {
                        // mostly full-size packets, some short and some with partial final blocks
                        int len = rnd.nextInt(4) == 0 ? rnd.nextInt(0, 100) : rnd.nextInt(1200, 1501);
                        offsets[i] = rnd.nextInt(0, 30);
                        packets[i] = new byte[offsets[i] + len + rnd.nextInt(0, 10)];
                        rnd.nextBytes(packets[i]);
                        lengths[i] = len;
                        expected[i] = packets[i].clone();
                        single.encrypt(expected[i], offsets[i], expected[i], offsets[i], len);
                    }
                    batch.encryptBatch(packets, offsets, lengths, count);
                    for (int i = 0; i < count; i++) {
                        assertArrayEquals(expected[i], packets[i], name + " packet " + i + " of " + count);
                    }
                });
    }

    private static void assertGuard(byte[] dst, int from, int len) {
        for (int i = 0; i < dst.length; i++) {
            if (i < from || i >= from + len) {
                if (dst[i] != 0x5A) {
                    throw new AssertionError("byte " + i + " outside [" + from + ", " + (from + len) + ") changed");
                }
            }
        }
    }
}
