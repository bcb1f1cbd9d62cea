package io.kcplab.sim.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kcplab.protocol.ConnectionConfig;
import io.kcplab.protocol.ModePreset;
import io.kcplab.sim.Experiment;
import io.kcplab.sim.ExperimentResult;
import io.kcplab.sim.net.LinkProfile;
import io.kcplab.sim.node.BulkTransfer;
import org.junit.jupiter.api.Test;

class EndpointCountersTest {

    @Test
    void theEndOfRunSnapshotHoldsTheConnectionsTotals() {
        LinkProfile lossy = LinkProfile.builder().rateBitsPerSecond(20_000_000).delayMillis(25).loss(0.03).build();
        ExperimentResult r = Experiment.builder(3).links(lossy, lossy)
                .config(ConnectionConfig.builder().mode(ModePreset.FAST3).build())
                .conversations(1, (i, s) -> new BulkTransfer(500_000, BulkTransfer.DEFAULT_CHUNK, s, "bulk"))
                .duration(30_000_000).stopWhenFinished(true).build().run();
        ConversationMetrics m = r.conversations().get(0);
        EndpointCounters client = m.clientCounters();
        EndpointCounters server = m.serverCounters();
        assertEquals(EndpointCounters.of(m.client()), client);
        assertEquals(EndpointCounters.of(m.server()), server);
        assertTrue(client.retransmissions() > 0, "3 % loss makes the sender resend");
        assertEquals(m.retransmissionsTotal(), client.retransmissions() + server.retransmissions());
        assertEquals(m.wireBytes(), client.wireBytesSent() + server.wireBytesSent());
        assertTrue(client.wireBytesSent() > 500_000, "the bulk data crossed the wire");
    }

    @Test
    void totalsAreOnlyReadAfterTheRun() {
        ConversationMetrics m = new ConversationMetrics(0, "c", null, null);
        assertThrows(IllegalStateException.class, m::clientCounters);
    }
}
