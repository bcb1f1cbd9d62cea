package io.kcplab.sim.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kcplab.protocol.ConnectionConfig;
import io.kcplab.sim.ExperimentResult;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Replays the committed fault scripts under {@code src/test/resources/faults/} (made by {@link FaultShrinkDemoTest}):
 * the broken setting must keep failing the same way under replay, forever, whatever happens to the random
 * generators — and the healthy setting must pass under the very same script.
 */
class CommittedFaultScriptsTest {

    static FaultScript load(String name) throws Exception {
        try (InputStream in = CommittedFaultScriptsTest.class.getResourceAsStream("/faults/" + name)) {
            assertNotNull(in, "resource faults/" + name);
            return FaultScript.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void stalledReaderStillHangsAndASoundReaderStillFinishes() throws Exception {
        FaultScript s = load("stalled-reader.fault");
        assertTrue(s.entries().size() <= 5, "a small script");
        FaultCheck check = FaultCheck.delivery(true);
        ExperimentResult broken = FaultRun.replay(s, StallingReaderBulk.WORKLOADS);
        FaultCheck.Failure f = check.check(broken);
        assertNotNull(f, "the planted bug still fails under the committed script");
        assertEquals("unfinished", f.kind(), f.toString());
        assertTrue(((StallingReaderBulk) broken.workloads().get(0)).gaveUp(), "because the reader gave up");
        // deterministic: the same failure, byte for byte, every time
        assertEquals(f.detail(), check.check(FaultRun.replay(s, StallingReaderBulk.WORKLOADS)).detail());
        FaultScript healthy = s.withSettings(s.settings().withWorkloadKind("bulk"));
        ExperimentResult ok = FaultRun.replay(healthy, StallingReaderBulk.WORKLOADS);
        assertNull(check.check(ok));
        assertTrue(ok.finished());
    }

    @Test
    void rawKcpStillDeliversDamageAndTheChecksumStillCatchesIt() throws Exception {
        FaultScript s = load("raw-kcp-corruption.fault");
        assertEquals(1, s.entries().size());
        FaultCheck check = FaultCheck.delivery(false);
        FaultCheck.Failure f = check.check(FaultRun.replay(s, FaultWorkloads.standard()));
        assertNotNull(f, "raw KCP still delivers the corrupted byte");
        assertEquals("damaged", f.kind(), f.toString());
        ConnectionConfig checked = s.settings().clientConfig().toBuilder().cipher("none").build();
        ExperimentResult ok = FaultRun.replay(s.withSettings(s.settings().withConfigs(checked, checked)),
                FaultWorkloads.standard());
        assertNull(check.check(ok));
        assertEquals(1, ok.path().forward().counters().corrupted(), "the script still corrupted a datagram");
    }
}
