package io.kcplab.sim.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kcplab.protocol.ConnectionConfig;
import io.kcplab.protocol.ModePreset;
import io.kcplab.sim.net.Chance;
import io.kcplab.sim.net.Delay;
import io.kcplab.sim.net.LinkProfile;
import io.kcplab.sim.trace.FaultCheck;
import io.kcplab.sim.trace.FaultRun;
import io.kcplab.sim.trace.FaultScript;
import io.kcplab.sim.trace.FaultWorkloads;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The delivery property's failure path: a case the generator never makes (raw KCP, no checksum, over a corrupting
 * link) fails the check, and the failure message carries a shrunk fault script that replays the failure.
 */
class DeliveryFaultCaptureTest {

    @Test
    void aFailingCaseComesWithASmallReplayableFaultScript() throws Exception {
        LinkProfile corrupting = LinkProfile.builder().delay(Delay.fixedMicros(20_000)).loss(0.03)
                .corrupt(Chance.of(0.05)).build();
        ConnectionConfig raw = ConnectionConfig.builder().mode(ModePreset.FAST3).fec(0, 0).cipher(null).build();
        DeliveryPropertyTest.Case c = new DeliveryPropertyTest.Case(77, corrupting, LinkProfile.PERFECT, null, raw,
                100_000);
        AssertionError e = assertThrows(AssertionError.class, () -> DeliveryPropertyTest.check(c));
        String msg = e.getMessage();
        assertTrue(msg.contains("arrived damaged"), msg);
        assertTrue(msg.contains("replay with DeliveryPropertyTest.replay(77L)"), "the seed is still printed");
        assertTrue(msg.contains("kcplab-fault-script 1"), msg);
        Path file = Path.of(System.getProperty("kcplab.build.dir", "target"), "faults", "delivery-77.fault");
        FaultScript s = FaultScript.read(file);
        assertEquals(1, s.entries().size(), "one corruption: " + s.entries());
        assertTrue(msg.contains(s.entries().get(0).toString()), "the message shows the script");
        FaultCheck.Failure f = FaultCheck.delivery(true).check(FaultRun.replay(s, FaultWorkloads.standard()));
        assertEquals("damaged", f.kind());
    }
}
