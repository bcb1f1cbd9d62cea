package io.kcplab.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kcplab.protocol.kcp.KcpProfile;
import io.kcplab.protocol.wire.WireProfile;
import org.junit.jupiter.api.Test;

class ConfigTextTest {

    @Test
    void everySettingSurvivesTheRoundTrip() {
        ConnectionConfig c = ConnectionConfig.builder().engine(KcpProfile.IKCP).noDelay(1, 10, 2, 1).windows(32, 256)
                .mtu(1200).streamMode(false).ackNoDelay(true).minRto(30).fec(4, 2).cipher("salsa20")
                .checksum(WireProfile.HIGHWAY).key("it's a secret = yes").writeDelay(false).build();
        String text = ConfigText.format(c);
        assertEquals("engine=ikcp nodelay=1 interval=10 resend=2 nc=1 sndwnd=32 rcvwnd=256 mtu=1200 stream=false "
                + "acknodelay=true minrto=30 fec=4/2 crypt=salsa20 checksum=highway key=it%27s+a+secret+%3D+yes "
                + "writedelay=false", text);
        ConnectionConfig back = ConfigText.parse(text);
        assertEquals(text, ConfigText.format(back));
        assertEquals(c.key(), back.key());
        assertEquals(Boolean.FALSE, back.writeDelaySetting());
    }

    @Test
    void writeDelayFollowingTheEngineStaysUnset() {
        ConnectionConfig c = ConnectionConfig.builder().engine(KcpProfile.IKCP).cipher(null).fec(0, 0).build();
        String text = ConfigText.format(c);
        assertTrue(text.endsWith(" writedelay=engine"), text);
        ConnectionConfig back = ConfigText.parse(text);
        assertNull(back.writeDelaySetting());
        assertTrue(back.writeDelay(), "ikcp queues writes");
        assertNull(back.cipher());
        assertFalse(back.fecEnabled());
    }

    @Test
    void aTextWrittenBeforeWriteDelayWasKeptStillParses() {
        ConnectionConfig c = ConfigText.parse("engine=kcp-go nodelay=1 interval=10 resend=2 nc=1 sndwnd=128 "
                + "rcvwnd=128 mtu=1350 stream=true acknodelay=false minrto=0 fec=0/0 crypt=off checksum=kcp-go "
                + "key=k");
        assertNull(c.writeDelaySetting());
        assertEquals(128, c.sndWnd());
    }

    @Test
    void aMissingOrUnknownKeyIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfigText.parse("engine=kcp-go nodelay=1"));
        assertTrue(e.getMessage().contains("missing 'interval'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ConfigText.parse("colour=blue"));
        assertTrue(e.getMessage().contains("unknown config key 'colour'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ConfigText.value(ConnectionConfig.defaults(), "x"));
        assertTrue(e.getMessage().contains("'x'"), e.getMessage());
    }
}
