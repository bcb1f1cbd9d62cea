package io.kcplab.protocol.kcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kcplab.protocol.kcp.Wire.Seg;
import org.junit.jupiter.api.Test;

/** kcp-go's RepeatSegs: PUSH segments that were duplicates or outside the receive window, regular input only. */
class KcpRepeatSegmentsTest {

    @Test
    void duplicatesAndOutOfWindowPushesAreRepeatsButFecRebuiltOnesAreNot() {
        Kcp go = new Kcp(Wire.CONV, new Wire(), KcpProfile.KCP_GO);
        go.setCurrent(1);
        byte[] data = Wire.pattern(100, 1);
        Wire.input(go, Seg.push(0, 0, 1, 0, data));
        assertEquals(0, go.stats().repeatSegments(), "new data");
        Wire.input(go, Seg.push(0, 0, 1, 0, data));
        assertEquals(1, go.stats().repeatSegments(), "a duplicate of a delivered segment");
        Wire.input(go, Seg.push(5000, 0, 1, 0, data));
        assertEquals(2, go.stats().repeatSegments(), "beyond the receive window");
        Wire.input(go, Seg.push(2, 0, 1, 0, data));
        Wire.input(go, Seg.push(2, 0, 1, 0, data));
        assertEquals(3, go.stats().repeatSegments(), "a duplicate waiting in rcv_buf");
        byte[] rebuilt = Wire.encode(Seg.push(2, 0, 1, 0, data));
        go.input(rebuilt, 0, rebuilt.length, false);
        assertEquals(3, go.stats().repeatSegments(), "an FEC-rebuilt copy is not counted");

        Kcp ikcp = new Kcp(Wire.CONV, new Wire(), KcpProfile.IKCP);
        Wire.input(ikcp, Seg.push(0, 0, 1, 0, data));
        Wire.input(ikcp, Seg.push(0, 0, 1, 0, data));
        assertEquals(1, ikcp.stats().repeatSegments());
    }
}
