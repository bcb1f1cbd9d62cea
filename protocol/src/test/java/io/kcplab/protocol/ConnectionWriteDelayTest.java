package io.kcplab.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kcplab.protocol.kcp.KcpProfile;
import io.kcplab.protocol.wire.NonceSource;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** kcp-go's SetWriteDelay: a write waits for the tick unless the send side is full; without it, it flushes. */
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

    @ParameterizedTest
    @EnumSource(KcpProfile.class)
    void aDelayedWriteThatFillsTheSendWindowFlushes(KcpProfile engine) {
        AtomicInteger sent = new AtomicInteger();
        Connection c = connection(engine, true, 4, sent);
        int before = sent.get();
        c.write(new byte[4 * 1200], 0, 4 * 1200, 1); // four segments: waitsnd reaches snd_wnd
        assertTrue(sent.get() > before, "a full send side flushes without waiting, as kcp-go");
    }
}
