package io.kcplab.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kcplab.protocol.checksum.HighwayHash;
import io.kcplab.protocol.fec.ErasureCodec;
import io.kcplab.protocol.fec.GaloisCodec;
import io.kcplab.protocol.wire.NonceSource;
import io.kcplab.protocol.wire.PacketCodec;
import io.kcplab.protocol.wire.WireProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Kernel settings come from the caller, and every choice gives the same bytes. */
class SimdSettingsTest {

    @Test
    void propertiesOverrideOnlyWhatTheyName() {
        Map<String, String> props = Map.of("kcplab.fec.kernel", " Scalar ", "kcplab.highway.kernel", "vector");
        SimdSettings s = SimdSettings.fromProperties(props::get, SimdSettings.defaults().withWideBytePermute(false));
        assertEquals("scalar", s.fecKernel());
        assertEquals("vector", s.highwayKernel());
        assertEquals(0, s.fecVectorBits());
        assertEquals(false, s.wideBytePermute());
        assertSame(SimdSettings.defaults(), SimdSettings.fromProperties(name -> null, SimdSettings.defaults()));
        assertEquals(256, SimdSettings.fromProperties(Map.of("kcplab.fec.vectorBits", "256")::get,
                SimdSettings.defaults()).fecVectorBits());
    }

    @Test
    void badValuesAreRefusedWithTheAcceptedOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SimdSettings.defaults().withFecKernel("gfni"));
        assertTrue(e.getMessage().contains("vector-per-input"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SimdSettings.defaults().withHighwayKernel("avx"));
        assertThrows(IllegalArgumentException.class, () -> SimdSettings.defaults().withFecVectorBits(64));
        assertThrows(IllegalArgumentException.class,
                () -> SimdSettings.fromProperties(Map.of("kcplab.fec.vectorBits", "0")::get, SimdSettings.defaults()));
    }

    @Test
    void theConfigCarriesTheSettingsToTheCodec() {
        SimdSettings scalar = SimdSettings.defaults().withFecKernel("scalar").withHighwayKernel("scalar");
        ConnectionConfig config = ConnectionConfig.builder().simd(scalar).build();
        assertSame(scalar, config.simd());
        assertSame(scalar, config.toBuilder().build().simd());
        assertEquals("scalar", ((GaloisCodec) ErasureCodec.fast(10, 3, scalar)).kernelName());
        assertEquals("scalar", HighwayHash.ofKey(new byte[32], scalar).kernel());
    }

    @Test
    void scalarAndDefaultKernelsWriteTheSameDatagrams() {
        SimdSettings scalar = SimdSettings.defaults().withFecKernel("scalar").withHighwayKernel("scalar");
        for (WireProfile profile : WireProfile.values()) {
            List<byte[]> a = run(profile, SimdSettings.defaults());
            List<byte[]> b = run(profile, scalar);
            assertEquals(a.size(), b.size());
            for (int i = 0; i < a.size(); i++) {
                assertArrayEquals(a.get(i), b.get(i), profile + " datagram " + i);
            }
        }
    }

    private static List<byte[]> run(WireProfile profile, SimdSettings simd) {
        PacketCodec codec = PacketCodec.builder().profile(profile).simd(simd).fec(10, 3)
                .cipher("salsa20", new byte[32]).nonceSource(NonceSource.seeded(7)).build();
        List<byte[]> out = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(5);
        byte[] buf = new byte[1400];
        for (int i = 0; i < 30; i++) {
            int len = codec.headerSize() + 24 + random.nextInt(1200);
            random.nextBytes(buf);
            codec.encode(buf, len, (d, off, n) -> out.add(java.util.Arrays.copyOfRange(d, off, off + n)));
        }
        return out;
    }
}
