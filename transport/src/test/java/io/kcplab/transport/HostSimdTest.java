package io.kcplab.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.kcplab.protocol.ConnectionConfig;
import io.kcplab.protocol.SimdSettings;
import org.junit.jupiter.api.Test;

/** Sessions get the host's kernel settings unless the caller chose some. */
class HostSimdTest {

    @Test
    void sessionsGetTheHostsSettingsByDefault() {
        assertEquals(HostSimd.settings(), SessionOptions.builder().build().connection().simd());
        assertEquals(!HostSimd.lacksByteShuffle512(), HostSimd.settings().wideBytePermute());
    }

    @Test
    void onThisHostFillsInOnlyTheDefault() {
        ConnectionConfig plain = ConnectionConfig.defaults();
        assertEquals(HostSimd.settings(), HostSimd.onThisHost(plain).simd());
        assertEquals(plain.mtu(), HostSimd.onThisHost(plain).mtu(), "nothing else changes");
        SimdSettings chosen = SimdSettings.defaults().withHighwayKernel("scalar");
        ConnectionConfig config = ConnectionConfig.builder().simd(chosen).build();
        assertSame(config, HostSimd.onThisHost(config));
    }

    @Test
    void aCallersChoiceIsKept() {
        SimdSettings scalar = SimdSettings.defaults().withFecKernel("scalar");
        ConnectionConfig config = ConnectionConfig.builder().simd(scalar).build();
        assertSame(scalar, SessionOptions.builder().connection(config).build().connection().simd());
    }
}
