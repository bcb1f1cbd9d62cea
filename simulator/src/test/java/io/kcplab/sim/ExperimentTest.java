package io.kcplab.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kcplab.protocol.ConnectionConfig;
import io.kcplab.protocol.ModePreset;
import io.kcplab.sim.metrics.ConversationMetrics;
import io.kcplab.sim.net.Delay;
import io.kcplab.sim.net.LinkProfile;
import io.kcplab.sim.node.BulkTransfer;
import io.kcplab.sim.node.ConstantBitRate;
import io.kcplab.sim.node.Echo;
import org.junit.jupiter.api.Test;

class ExperimentTest {

    static LinkProfile lossy(double loss) {
        return LinkProfile.builder().rateBitsPerSecond(20_000_000).delayMillis(25).loss(loss).build();
    }

    static Experiment bulk(long seed, double loss, ModePreset mode) {
        return Experiment.builder(seed).links(lossy(loss), lossy(loss))
                .config(ConnectionConfig.builder().mode(mode).build())
                .conversations(1, (i, s) -> new BulkTransfer(2_000_000, BulkTransfer.DEFAULT_CHUNK, s, "bulk"))
                .duration(60_000_000).stopWhenFinished(true).build();
    }

    @Test
    void bulkTransferOverALossyLinkDeliversEveryByteIntact() {
        ExperimentResult r = bulk(1, 0.02, ModePreset.FAST3).run();
        assertTrue(r.finished(), "bulk transfer finished within the time limit");
        ConversationMetrics c = r.conversations().get(0);
        assertEquals(2_000_000, c.upstream().bytesDelivered());
        assertEquals(0, c.integrityErrors());
        assertTrue(c.upstream().latency().getTotalCount() > 0);
        assertTrue(c.goodputUp().size() > 0);
        assertTrue(r.path().forward().counters().dropped(io.kcplab.sim.net.DropCause.LOSS) > 0);
        assertTrue(r.path().forward().counters().conserved());
    }

    @Test
    void everyConversationARunMayHaveGetsPortsOfItsOwn() {
        // ports were index % 30,000: runs of more than 30,000 conversations failed with "port already bound"
        java.util.Set<Integer> server = new java.util.HashSet<>();
        java.util.Set<Integer> client = new java.util.HashSet<>();
        for (int i = 0; i < Experiment.MAX_CONVERSATIONS; i++) {
            assertTrue(server.add(Experiment.serverPort(i)), "server port of conversation " + i);
            assertTrue(client.add(Experiment.clientPort(i)), "client port of conversation " + i);
            assertTrue(Experiment.clientPort(i) <= 65_535 && Experiment.serverPort(i) <= 65_535);
        }
        assertEquals(10_000, Experiment.serverPort(0));
        assertEquals(20_000, Experiment.clientPort(0));
    }

    @Test
    void sameSeedSameHashDifferentSeedDifferentHash() {
        String h1 = bulk(7, 0.05, ModePreset.FAST).run().runHash();
        String h2 = bulk(7, 0.05, ModePreset.FAST).run().runHash();
        String h3 = bulk(8, 0.05, ModePreset.FAST).run().runHash();
        assertEquals(h1, h2);
        assertNotEquals(h1, h3);
    }

    @Test
    void echoAndConstantBitRateMeasureLatency() {
        ExperimentResult echo = Experiment.builder(3).links(lossy(0.01), lossy(0.01))
                .conversations(20, (i, s) -> new Echo(200, 50_000, 5_000_000, s, "echo " + i))
                .duration(6_000_000).build().run();
        for (ConversationMetrics c : echo.conversations()) {
            assertTrue(c.downstream().roundTrip().getTotalCount() > 50, "round trips measured");
            assertTrue(c.downstream().roundTrip().getValueAtPercentile(50) >= 50_000, "RTT >= 2 x 25 ms");
            assertEquals(0, c.integrityErrors());
        }
        ExperimentResult cbr = Experiment.builder(4).links(lossy(0), lossy(0))
                .conversations(1, (i, s) -> new ConstantBitRate(2, 100, 20_000, 2_000_000, s, "cbr"))
                .duration(3_000_000).build().run();
        ConversationMetrics c = cbr.conversations().get(0);
        assertEquals(100L * 200, c.upstream().bytesDelivered());
        assertTrue(c.upstream().latency().getValueAtPercentile(50) >= 25_000);
    }
}
