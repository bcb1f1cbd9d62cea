package io.kcplab.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kcplab.protocol.kcp.KcpProfile;
import io.kcplab.protocol.wire.NonceSource;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Write delay: a write waits for the tick (kcp-go's SetWriteDelay, and ikcp's own rule: ikcp_send only queues) or
 * flushes at once (kcp-go's default). A delayed kcp-go write still flushes when the send side is full.
 */
class ConnectionWriteDelayTest {

    private static Connection connection(KcpProfile engine, boolean writeDelay, int sndWnd, AtomicInteger sent) {
        ConnectionConfig config = ConnectionConfig.builder().engine(engine).cipher(null).fec(0, 0)
                .windows(sndWnd, 128).writeDelay(writeDelay).build();
        return new Connection(1, config, (b, o, l) -> sent.incrementAndGet(), NonceSource.seeded(1), 0);
    }

    @ParameterizedTest
    @EnumSource(KcpProfile.class)
    void aDelayedWriteLeavesAtTheNextTick(KcpProfile engine) {
        AtomicInteger sent = new AtomicInteger();
        Connection c = connection(engine, true, 32, sent);
        c.tick(c.nextWakeup(0));
        int before = sent.get();
        assertEquals(100, c.write(new byte[100], 0, 100, 1));
        assertEquals(before, sent.get(), "nothing leaves at write time");
        assertTrue(c.config().describe().contains("write-delay"));
        long now = 1;
        for (int i = 0; i < 5 && sent.get() == before; i++) { // the next ticks the engine asks for
            now = c.nextWakeup(now);
            c.tick(now);
        }
        assertTrue(sent.get() > before, "a tick flushed the queued data");
        assertTrue(now <= 2L * c.config().interval(), "by the next scheduled flush: " + now);
    }

    @ParameterizedTest
    @EnumSource(KcpProfile.class)
    void withoutWriteDelayAWriteFlushesAtOnce(KcpProfile engine) {
        AtomicInteger sent = new AtomicInteger();
        Connection c = connection(engine, false, 32, sent);
        int before = sent.get();
        c.write(new byte[100], 0, 100, 1);
        assertEquals(before + 1, sent.get());
    }

    @Test
    void aKcpGoDelayedWriteThatFillsTheSendWindowFlushes() {
        AtomicInteger sent = new AtomicInteger();
        Connection c = connection(KcpProfile.KCP_GO, true, 4, sent);
        int before = sent.get();
        c.write(new byte[4 * 1200], 0, 4 * 1200, 1); // four segments: waitsnd reaches snd_wnd
        assertTrue(sent.get() > before, "a full send side flushes without waiting, as kcp-go");
    }

    @Test
    void anIkcpWriteQueuesEvenWhenItFillsTheSendWindow() {
        AtomicInteger sent = new AtomicInteger();
        Connection c = connection(KcpProfile.IKCP, true, 4, sent);
        int before = sent.get();
        assertEquals(4 * 1200, c.write(new byte[4 * 1200], 0, 4 * 1200, 1));
        assertEquals(before, sent.get(), "ikcp_send only queues, however full the send side is");
        assertEquals(4, c.waitSnd());
    }

    @Test
    void theDefaultFollowsTheEngine() {
        ConnectionConfig ikcp = ConnectionConfig.builder().engine(KcpProfile.IKCP).build();
        ConnectionConfig kcpGo = ConnectionConfig.builder().engine(KcpProfile.KCP_GO).build();
        assertTrue(ikcp.writeDelay(), "ikcp queues until the next update");
        assertFalse(kcpGo.writeDelay(), "kcp-go's session flushes on write");
        assertNull(ikcp.writeDelaySetting());
        assertFalse(ikcp.toBuilder().writeDelay(false).build().writeDelay(), "an explicit setting wins");
        assertTrue(kcpGo.toBuilder().writeDelay(true).build().writeDelay(), "an explicit setting wins");
        assertTrue(ikcp.toBuilder().writeDelay(false).build().toBuilder().writeDelayPerEngine().build().writeDelay());
        assertTrue(ikcp.toBuilder().writeDelay(false).build().describe().endsWith(" flush-on-write"));
        assertFalse(ikcp.describe().contains("write"), "the profile's own rule is not spelled out");
    }

    @ParameterizedTest
    @EnumSource(KcpProfile.class)
    void byDefaultIkcpWaitsForTheTickAndKcpGoDoesNot(KcpProfile engine) {
        AtomicInteger sent = new AtomicInteger();
        ConnectionConfig config = ConnectionConfig.builder().engine(engine).cipher(null).fec(0, 0).build();
        Connection c = new Connection(1, config, (b, o, l) -> sent.incrementAndGet(), NonceSource.seeded(1), 0);
        int before = sent.get();
        c.write(new byte[100], 0, 100, 1);
        assertEquals(engine == KcpProfile.IKCP ? before : before + 1, sent.get());
    }

    @ParameterizedTest
    @EnumSource(KcpProfile.class)
    void anExplicitFlushSendsWhatAWriteQueued(KcpProfile engine) {
        AtomicInteger sent = new AtomicInteger();
        Connection c = connection(engine, true, 32, sent);
        int before = sent.get();
        c.write(new byte[100], 0, 100, 1);
        assertEquals(before, sent.get());
        c.flush(2);
        assertEquals(before + 1, sent.get(), "ikcp_flush: the queued segment leaves now");
        assertEquals(1, c.waitSnd(), "in flight until acknowledged");
    }
}
