package io.kcplab.protocol.checksum;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import net.openhft.hashing.LongHashFunction;
import org.junit.jupiter.api.Test;

class PacketChecksumTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void crc32KnownValues() {
        Crc32Checksum crc = new Crc32Checksum();
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0xCBF43926L, crc.compute(check, 0, check.length), "CRC-32/IEEE check value");
        assertEquals(0L, crc.compute(new byte[0], 0, 0));
        byte[] fox = "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0x414FA339L, crc.compute(fox, 0, fox.length));
        // the instance resets per packet: the same input twice gives the same value
        assertEquals(0xCBF43926L, crc.compute(check, 0, check.length));
    }

    /**
     * The whole-packet vector of docs/wire-format.md §6.2: the plaintext's CRC field (offset 16) is the CRC32 of bytes
     * [20, end), stored little-endian. This is the real kcp-go 5.6.1 output.
     */
    @Test
    void crc32MatchesKcpGoPlaintextHeader() {
        byte[] plain = HEX.parseHex("000102030405060708090a0b0c0d0e0f" + "532bacfa"
                + "44332211" + "52" + "00" + "8000" + "e8030000" + "07000000" + "08000000" + "00000000");
        Crc32Checksum crc = new Crc32Checksum();
        assertTrue(crc.verify(plain, 16, plain.length));
        byte[] copy = plain.clone();
        java.util.Arrays.fill(copy, 16, 20, (byte) 0);
        crc.write(copy, 16, copy.length);
        assertArrayEquals(plain, copy);
    }

    @Test
    void highwayChecksumWritesEightLittleEndianBytes() {
        HighwayChecksum hc = HighwayChecksum.withKey(key00to1f());
        byte[] pkt = new byte[16 + 8 + 64];
        for (int i = 0; i < 64; i++) {
            pkt[24 + i] = (byte) i;
        }
        hc.write(pkt, 16, pkt.length);
        // official vector: 64 bytes 00..3f under key 00..1f -> 0x75542c5d4cd2a6ff
        assertEquals("ffa6d24c5d2c5475", HEX.formatHex(pkt, 16, 24));
        assertTrue(hc.verify(pkt, 16, pkt.length));
    }

    @Test
    void highwayKeyDerivationIsHkdfSha256WithTheDocumentedSaltAndInfo() {
        // RFC 5869 test case 1 checks the HKDF itself
        byte[] okm = Hkdf.sha256(HEX.parseHex("000102030405060708090a0b0c"),
                HEX.parseHex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b"), HEX.parseHex("f0f1f2f3f4f5f6f7f8f9"), 42);
        assertEquals("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865",
                HEX.formatHex(okm));
        byte[] pass = HEX.parseHex("fc0327c66699e5622be3b108e336991375ba429750939d57003dc89d9fed8859");
        byte[] key = HighwayChecksum.deriveKey(pass);
        assertArrayEquals(Hkdf.sha256("kcplab-highway".getBytes(StandardCharsets.US_ASCII), pass,
                "highwayhash-64 packet checksum v1".getBytes(StandardCharsets.US_ASCII), 32), key);
        assertEquals(32, key.length);
        assertFalse(java.util.Arrays.equals(pass, key), "the checksum key must differ from the cipher key");
        assertTrue(HighwayChecksum.withSecret(pass).isKeyed());
        assertFalse(HighwayChecksum.publicKey().isKeyed());
        assertEquals(32, HighwayChecksum.PUBLIC_KEY.getBytes(StandardCharsets.US_ASCII).length);
    }

    @Test
    void secretKeyedAndPublicChecksumsDisagree() {
        byte[] pkt = new byte[200];
        new SplittableRandom(3).nextBytes(pkt);
        HighwayChecksum secret = HighwayChecksum.withSecret(new byte[32]);
        HighwayChecksum pub = HighwayChecksum.publicKey();
        secret.write(pkt, 16, pkt.length);
        assertTrue(secret.verify(pkt, 16, pkt.length));
        assertFalse(pub.verify(pkt, 16, pkt.length), "a forger with the public key cannot produce the MAC");
    }

    @Test
    void xxh3MatchesZeroAllocationHashing() {
        byte[] data = new byte[1400];
        new SplittableRandom(11).nextBytes(data);
        assertEquals(LongHashFunction.xx3().hashBytes(data), new Xxh3Checksum().compute(data, 0, data.length));
        assertEquals(LongHashFunction.xx3(42).hashBytes(data, 5, 100), new Xxh3Checksum(42).compute(data, 5, 100));
    }

    @Test
    void everyChecksumDetectsAnySingleBitFlipAndTruncation() {
        checkTamper(Crc32Checksum::new);
        checkTamper(HighwayChecksum::publicKey);
        checkTamper(() -> HighwayChecksum.withSecret(new byte[32]));
        checkTamper(Xxh3Checksum::new);
    }

    private static void checkTamper(Supplier<PacketChecksum> factory) {
        PacketChecksum cs = factory.get();
        qt().withExamples(Integer.getInteger("kcplab.qt.examples", 2000))
                .forAll(integers().between(0, 1400), longs().all(), integers().allPositive())
                .checkAssert((payload, seed, flip) -> {
                    int at = 16;
                    int end = at + cs.size() + payload;
                    byte[] pkt = new byte[end];
                    new SplittableRandom(seed).nextBytes(pkt);
                    cs.write(pkt, at, end);
                    assertTrue(cs.verify(pkt, at, end), cs.name());
                    int bit = flip % ((end - at) * 8); // covered bytes and the field itself
                    pkt[at + (bit >>> 3)] ^= (byte) (1 << (bit & 7));
                    assertFalse(cs.verify(pkt, at, end), cs.name() + " missed flip of bit " + bit);
                    pkt[at + (bit >>> 3)] ^= (byte) (1 << (bit & 7));
                    if (payload > 0) {
                        // dropping the last byte changes the covered range
                        assertNotEquals(cs.compute(pkt, at + cs.size(), payload),
                                cs.compute(pkt, at + cs.size(), payload - 1), cs.name());
                    }
                });
        // a packet too short to hold the field never verifies, and does not throw
        assertFalse(cs.verify(new byte[10], 16, 10));
        assertFalse(cs.verify(new byte[20], 16, 18));
    }

    @Test
    void badSecretsAreRejectedWithAClearMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HighwayChecksum.withSecret(new byte[8]));
        assertTrue(e.getMessage().contains("at least 16 bytes"), e.getMessage());
    }

    private static byte[] key00to1f() {
        byte[] k = new byte[32];
        for (int i = 0; i < 32; i++) {
            k[i] = (byte) i;
        }
        return k;
    }
}
