package io.kcplab.sim.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kcplab.protocol.ConnectionConfig;
import io.kcplab.protocol.ModePreset;
import io.kcplab.sim.net.Chance;
import io.kcplab.sim.net.Delay;
import io.kcplab.sim.net.DelayDistribution;
import io.kcplab.sim.net.LinkProfile;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Failures that explain themselves: a deliberately broken setting fails the delivery check over a random lossy
 * network; the failing run is recorded as a fault script, shrunk to a handful of lines, and written to the build
 * folder (the committed copies under {@code src/test/resources/faults/} came from here and are replayed by
 * {@link CommittedFaultScriptsTest}).
 *
 * <ul>
 *   <li>{@code stalled-reader}: a planted application bug ({@link StallingReaderBulk}): the reader stops reading
 *       after a 150 ms stall, so the receive window closes to 0 and never opens (a liveness failure);</li>
 *   <li>{@code raw-kcp-corruption}: KCP without the crypto header has no integrity check, so a corrupting link
 *       delivers damaged bytes (a safety failure: the run's duration shrinks too).</li>
 * </ul>
 */
class FaultShrinkDemoTest {

    static final int MAX_RUNS = Integer.getInteger("kcplab.fault.shrinkRuns", 400);
    static final long PATIENCE = 150_000;

    static final LinkProfile LOSSY = LinkProfile.builder().delay(Delay.fixedMicros(40_000)).loss(0.06)
            .rateBitsPerSecond(20_000_000).build();

    static ConnectionConfig stallConfig() {
        return ConnectionConfig.builder().mode(ModePreset.FAST2).fec(0, 0).windows(64, 64).cipher(null).build();
    }

    static FaultSettings stallSettings(long seed) {
        return FaultSettings.of(seed, stallConfig(), stallConfig(),
                List.of(WorkloadSpec.of(StallingReaderBulk.KIND, "bytes", 300_000, "chunk", 16_384, "patience",
                        PATIENCE)), 20_000_000, 100_000, true, 40_000, 40_000);
    }

    static Path buildDir() {
        return Path.of(System.getProperty("kcplab.build.dir", "target"), "faults");
    }

    @Test
    void aStalledReaderShrinksToAFewDropsAndStaysFailingUnderReplay() throws Exception {
        FaultCheck check = FaultCheck.delivery(true);
        FaultRun.Recorded failing = null;
        for (long seed = 1; seed <= 40 && failing == null; seed++) {
            FaultSettings s = stallSettings(seed);
            FaultRun.Recorded r = FaultRun.record(s, StallingReaderBulk.WORKLOADS, b -> b.links(LOSSY, LOSSY),
                    List.of("planted bug: stalling-bulk gives up reading after a " + PATIENCE / 1000
                            + " ms stall; the receive window closes to 0 for good",
                            "recorded over: " + LOSSY));
            FaultCheck.Failure f = check.check(r.result());
            if (f != null) {
                assertEquals("unfinished", f.kind(), "the planted bug hangs the transfer: " + f);
                // the same network with a sound reader delivers everything: the bug, not the network, fails it
                FaultRun.Recorded healthy = FaultRun.record(s.withWorkloadKind("bulk"), StallingReaderBulk.WORKLOADS,
                        b -> b.links(LOSSY, LOSSY), List.of());
                assertNull(check.check(healthy.result()), "healthy reader over the same network, seed " + seed);
                failing = r;
            }
        }
        assertNotNull(failing, "some seed in 1..40 stalls the reader for > 150 ms");
        FaultScript recorded = failing.script();
        assertEquals("unfinished", FaultRun.test(recorded, StallingReaderBulk.WORKLOADS, check).kind(),
                "the recorded script replays the failure");

        Shrinker.Result small = Shrinker.of(StallingReaderBulk.WORKLOADS, check, MAX_RUNS).shrink(recorded);
        small.log().forEach(System.out::println);
        System.out.println(small.script());
        assertEquals("unfinished", small.failure().kind());
        assertTrue(small.script().entries().size() <= 5 && small.script().entries().size() >= 1,
                "shrunk to a handful of lines (the bug needs a stall, so at least one): "
                        + small.script().entries().size() + " from " + recorded.entries().size());
        assertTrue(recorded.entries().size() >= 5 * small.script().entries().size(), "much smaller");
        assertMinimal(small.script(), StallingReaderBulk.WORKLOADS, check, "unfinished");
        // a healthy reader passes under the very same minimal script
        assertNull(FaultRun.test(small.script().withSettings(small.script().settings().withWorkloadKind("bulk")),
                StallingReaderBulk.WORKLOADS, check));
        small.script().write(buildDir().resolve("stalled-reader.fault"));
        FaultScript reread = FaultScript.read(buildDir().resolve("stalled-reader.fault"));
        assertEquals("unfinished", FaultRun.test(reread, StallingReaderBulk.WORKLOADS, check).kind());
    }

    static ConnectionConfig rawConfig() {
        return ConnectionConfig.builder().mode(ModePreset.FAST3).fec(0, 0).cipher(null).build();
    }

    @Test
    void rawKcpOverACorruptingLinkShrinksToOneCorruption() throws Exception {
        LinkProfile corrupting = LinkProfile.builder().delay(Delay.of(30_000, 5_000, 0, DelayDistribution.UNIFORM))
                .loss(0.02).corrupt(Chance.of(0.05)).duplicate(Chance.of(0.01)).build();
        FaultCheck check = FaultCheck.delivery(false); // the echo runs for the whole duration
        FaultSettings s = FaultSettings.of(3, rawConfig(), rawConfig(),
                List.of(WorkloadSpec.of("bulk", "bytes", 200_000, "chunk", 16_384),
                        WorkloadSpec.of("echo", "size", 200, "interval", 50_000, "stop", 1_000_000)),
                10_000_000, 100_000, false, 30_000, 30_000);
        FaultRun.Recorded r = FaultRun.record(s, FaultWorkloads.standard(), b -> b.links(corrupting, corrupting),
                List.of("broken setting: raw KCP (no crypto header, so no checksum) over a corrupting link"));
        FaultCheck.Failure f = check.check(r.result());
        assertNotNull(f, "raw KCP delivers corrupted bytes: " + r.result().path().forward().counters());
        assertEquals("damaged", f.kind());

        Shrinker.Result small = Shrinker.of(FaultWorkloads.standard(), check, MAX_RUNS).shrink(r.script());
        small.log().forEach(System.out::println);
        System.out.println(small.script());
        FaultScript min = small.script();
        assertEquals("damaged", small.failure().kind());
        assertEquals(1, min.settings().conversations().size(), "the unrelated conversation was dropped");
        assertEquals(1, min.entries().size(), "one corrupted datagram is enough: " + min.entries());
        assertTrue(min.entries().get(0).fate().copy(0).corruptAt() >= 0, "and it is a corruption");
        assertTrue(min.settings().durationMicros() < s.durationMicros() / 4, "the run was shortened");
        assertMinimal(min, FaultWorkloads.standard(), check, "damaged");
        // with kcptun's crypto header ("none" still carries the CRC32), the same script is harmless
        ConnectionConfig checked = rawConfig().toBuilder().cipher("none").build();
        assertNull(FaultRun.test(min.withSettings(min.settings().withConfigs(checked, checked)),
                FaultWorkloads.standard(), check));
        min.write(buildDir().resolve("raw-kcp-corruption.fault"));
    }

    /** No single line can go and keep the failure. */
    static void assertMinimal(FaultScript s, FaultWorkloads w, FaultCheck check, String kind) {
        for (int i = 0; i < s.entries().size(); i++) {
            List<FaultEntry> fewer = new java.util.ArrayList<>(s.entries());
            fewer.remove(i);
            FaultCheck.Failure f = FaultRun.test(s.withEntries(fewer), w, check);
            assertFalse(f != null && f.kind().equals(kind), "line " + s.entries().get(i) + " is not needed");
        }
    }
}
