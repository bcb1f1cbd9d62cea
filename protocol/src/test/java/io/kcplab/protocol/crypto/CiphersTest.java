package io.kcplab.protocol.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The factory's names and its error messages for bad names, pass material and raw keys. */
class CiphersTest {

    private static final byte[] PASS = KeyDerivation.kcptun("test");

    @Test
    void namesAreExactlyKcptunsCryptValues() {
        assertEquals(List.of("aes", "aes-128", "aes-192", "salsa20", "blowfish", "twofish", "cast5", "3des", "tea",
                "xtea", "xor", "sm4", "none"), Ciphers.names());
        for (String name : Ciphers.names()) {
            assertEquals(name, Ciphers.create(name, PASS).name());
        }
    }

    @Test
    void createReturnsFreshInstances() {
        assertNotSame(Ciphers.create("aes", PASS), Ciphers.create("aes", PASS));
    }

    @Test
    void unknownNameIsRejectedNamingTheAcceptedOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Ciphers.create("aes-256", PASS));
        assertTrue(e.getMessage().contains("\"aes-256\""), e.getMessage());
        for (String name : Ciphers.names()) {
            assertTrue(e.getMessage().contains(name), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Ciphers.create("AES", PASS));
        NullPointerException npe = assertThrows(NullPointerException.class, () -> Ciphers.create(null, PASS));
        assertTrue(npe.getMessage().contains("accepted"), npe.getMessage());
    }

    @Test
    void passMustBeKcptunKeyMaterial() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Ciphers.create("aes", new byte[16]));
        assertTrue(e.getMessage().contains("32-byte") && e.getMessage().contains("got 16"), e.getMessage());
        assertThrows(NullPointerException.class, () -> Ciphers.create("aes", null));
    }

    @Test
    void rawKeysOfWrongLengthAreRejectedWithTheAcceptedLengths() {
        assertKeyError(Ciphers::aes, 20, "aes: key must be one of 16, 24, 32 bytes long, got 20");
        assertKeyError(Ciphers::tea, 32, "tea: key must be 16 bytes long, got 32");
        assertKeyError(Ciphers::xtea, 15, "xtea: key must be 16 bytes long, got 15");
        assertKeyError(Ciphers::sm4, 24, "sm4: key must be 16 bytes long, got 24");
        assertKeyError(Ciphers::cast5, 10, "cast5: key must be 16 bytes long, got 10");
        assertKeyError(Ciphers::tripleDes, 16, "3des: key must be 24 bytes long, got 16");
        assertKeyError(Ciphers::twofish, 8, "twofish: key must be one of 16, 24, 32 bytes long, got 8");
        assertKeyError(Ciphers::salsa20, 16, "salsa20: key must be 32 bytes long, got 16");
        assertKeyError(Ciphers::blowfish, 57, "blowfish: key must be 1 to 56 bytes long, got 57");
        NullPointerException npe = assertThrows(NullPointerException.class, () -> Ciphers.tea(null));
        assertEquals("tea: key must not be null", npe.getMessage());
    }

    @Test
    void rawKeyFactoriesNameAesByKeyLength() {
        assertEquals("aes-128", Ciphers.aes(new byte[16]).name());
        assertEquals("aes-192", Ciphers.aes(new byte[24]).name());
        assertEquals("aes", Ciphers.aes(new byte[32]).name());
    }

    @Test
    void outOfRangeBuffersAreRejectedBeforeAnyWrite() {
        for (String name : Ciphers.names()) {
            BlockCrypt crypt = Ciphers.create(name, PASS);
            byte[] small = new byte[10];
            assertThrows(IndexOutOfBoundsException.class, () -> crypt.encrypt(new byte[40], 0, small, 0, 40), name);
            assertThrows(IndexOutOfBoundsException.class, () -> crypt.decrypt(small, 5, new byte[40], 0, 6), name);
            assertThrows(IndexOutOfBoundsException.class, () -> crypt.decrypt(small, 0, small, 0, -1), name);
            assertTrue(java.util.Arrays.equals(new byte[10], small), name + " wrote before failing");
        }
    }

    private static void assertKeyError(Function<byte[], BlockCrypt> factory, int length, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> factory.apply(new byte[length]));
        assertEquals(message, e.getMessage());
    }
}
