package io.kcplab.protocol.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Vectors produced by the real kcp-go 5.6.1 code (docs/wire-format.md §6.1; keys cut as in §2.3). */
class CipherVectorsTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] PASS_TEST = HEX.parseHex(
            "fc0327c66699e5622be3b108e336991375ba429750939d57003dc89d9fed8859");

    private static final Map<String, String> APPENDIX_A = new TreeMap<>(Map.ofEntries(
            Map.entry("aes", "4936578a5b57f293dd9e4982067aeb73e122d36f18f89ff1440e71df1b8b5ccbe2555ca92a09f7cf8b6670a20a"),
            Map.entry("aes-128", "573a75fd3176d2e468e29805b13037ca0d8c963646eb446e5a93eba3bdf60e7e577fbd05d8a909b90b6f8e9c2f"),
            Map.entry("aes-192", "8c4eaec66243a240a0adb776d704fa35a6faf424b71fcbce98f90a1d3b07401f97dcdf0a255765bd988c45bbfd"),
            Map.entry("salsa20", "0001020304050607b027a56a8d9e75c163b7b053fd104f7abbf940ff93100e32c2585c416d76d94997b0581feb"),
            Map.entry("blowfish", "266d3ab45562075dc2cc7864d79e7443e9a3b084f667ba1441b697194e80c34909e2410f38c65184a15dfbb441"),
            Map.entry("twofish", "6312a73a33329888cd4b10cdeb5b0c436a942bdd3a8df8b2d64b00b7fbaecea6dc32b98cd2b4fd4e7c49b5b7a6"),
            Map.entry("cast5", "512e6e3082cc7fa52c3644292cafbe60433ff192d905cd0b8619e0fddc812ebbdb59f6cdf0f5ca374ac61a9159"),
            Map.entry("3des", "45a4e51865006540fde7b49cc130a389eb6aa4248071ca82a64e416e9a9f9b732882b4a885fc2d3878f32e31f9"),
            Map.entry("tea", "dc63233b4eab085fb04d5c59f96694b8438724fd2a854d621aa3ae36078e2d2fd2b9f6aba4e62e85bf7e00932e"),
            Map.entry("xtea", "59802cf2a7662294830eb3fbc22d933b214543a7945f2de604c8dc8ac48b3386487e9d68bad26e7d5f314c593e"),
            Map.entry("xor", "ab87cf98ee0e70fbdd663c3b4cc8a4badcfb09a970e97f0a1e944c15bf922b66aefedcdd757f57e133e24ff186"),
            Map.entry("sm4", "ff5e7788cd8a758d3f017ae62c384caffc4d12b0b358f2c423a0677c6c76b44e56f82e0aaf25bc81241b8be9a4"),
            Map.entry("none", "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c")));

    static Stream<String> names() {
        return Ciphers.names().stream();
    }

    private static byte[] plaintext45() {
        byte[] p = new byte[45];
        for (int i = 0; i < p.length; i++) {
            p[i] = (byte) i;
        }
        return p;
    }

    @Test
    void kcptunKeyDerivationMatchesKcptun() {
        assertArrayEquals(PASS_TEST, KeyDerivation.kcptun("test"));
        assertEquals("25d7d7bd51050742d8d791f2b653c6c8b2366b7e25a124cf7a2e12eaf4ffa444",
                HEX.formatHex(KeyDerivation.kcptun("it's a secrect")));
    }

    @Test
    void xorTableMatchesKcpGo() {
        byte[] table = KeyDerivation.xorTable(PASS_TEST);
        assertEquals(1500, table.length);
        assertEquals("ab86cd9bea0b76fcd56f363040c5aab5", HEX.formatHex(table, 0, 16));
    }

    @Test
    void everyAcceptedNameHasAVector() {
        assertEquals(APPENDIX_A.keySet(), new java.util.TreeSet<>(Ciphers.names()));
    }

    @ParameterizedTest
    @MethodSource("names")
    void encryptsAppendixAPacket(String name) {
        BlockCrypt crypt = Ciphers.create(name, PASS_TEST);
        assertEquals(name, crypt.name());
        byte[] out = new byte[45];
        crypt.encrypt(plaintext45(), 0, out, 0, 45);
        assertEquals(APPENDIX_A.get(name), HEX.formatHex(out), name);
    }

    @ParameterizedTest
    @MethodSource("names")
    void decryptsAppendixAPacket(String name) {
        BlockCrypt crypt = Ciphers.create(name, PASS_TEST);
        byte[] wire = HEX.parseHex(APPENDIX_A.get(name));
        crypt.decrypt(wire, 0, wire, 0, wire.length);
        assertArrayEquals(plaintext45(), wire, name);
    }

    @Test
    void wholePacketVector() {
        byte[] plain = HEX.parseHex("000102030405060708090a0b0c0d0e0f" + "532bacfa" + "44332211" + "52" + "00"
                + "8000" + "e8030000" + "07000000" + "08000000" + "00000000");
        String wire = "4936578a5b57f293dd9e4982067aeb73a2186d8648deabf70e17ebc4ef9542d4aebf23f1442fbab448484830";
        BlockCrypt aes = Ciphers.create("aes", KeyDerivation.kcptun("test"));
        byte[] packet = plain.clone();
        aes.encrypt(packet, 0, packet, 0, packet.length);
        assertEquals(wire, HEX.formatHex(packet));
        aes.decrypt(packet, 0, packet, 0, packet.length);
        assertArrayEquals(plain, packet);
        // the CRC in the vector covers bytes [20, end) of the plaintext, little-endian at 16
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(plain, 20, plain.length - 20);
        assertEquals(crc.getValue(), (plain[16] & 0xFFL) | (plain[17] & 0xFFL) << 8 | (plain[18] & 0xFFL) << 16
                | (plain[19] & 0xFFL) << 24);
    }
}
