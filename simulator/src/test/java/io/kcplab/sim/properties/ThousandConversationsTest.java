package io.kcplab.sim.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kcplab.protocol.ConnectionConfig;
import io.kcplab.sim.Experiment;
import io.kcplab.sim.ExperimentResult;
import io.kcplab.sim.metrics.ConversationMetrics;
import io.kcplab.sim.net.LinkProfile;
import io.kcplab.sim.node.Echo;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** 1,000 concurrent KCP conversations (kcptun defaults: fast, FEC 10/3, aes) in one simulation, all delivering. */
class ThousandConversationsTest {

    static final int CONVERSATIONS = Integer.getInteger("kcplab.sim.thousand.conversations", 1000);

    @Test
    void aThousandEchoConversationsAllDeliverEveryRequestIntact() {
        LinkProfile lossy = LinkProfile.builder().delayMillis(25).loss(0.01).rateBitsPerSecond(100_000_000)
                .build();
        long stop = 1_500_000;
        ExperimentResult r = Experiment.builder(4).links(lossy, lossy).config(ConnectionConfig.defaults())
                .conversations(CONVERSATIONS, (i, s) -> new Echo(100, 100_000, stop, s, "echo " + i))
                .duration(3_000_000).sampleInterval(500_000).build().run();
        assertEquals(CONVERSATIONS, r.conversations().size());
        Set<Integer> convs = new HashSet<>();
        for (int i = 0; i < CONVERSATIONS; i++) {
            ConversationMetrics c = r.conversations().get(i);
            Echo e = (Echo) r.workloads().get(i);
            assertEquals(0, c.integrityErrors(), "conversation " + i);
            assertTrue(e.requestsIssued() >= 14, "conversation " + i + " issued " + e.requestsIssued());
            // 1.5 s of quiet time after the last request: every request was answered, every byte read back
            assertEquals(e.requestsIssued(), e.requestsCompleted(), "conversation " + i + " answered all");
            assertEquals(e.requestsIssued() * 100, c.upstream().bytesDelivered(), "conversation " + i);
            assertEquals(e.requestsIssued() * 100, c.downstream().bytesDelivered(), "conversation " + i);
            convs.add(r.workloads().get(i).hashCode());
        }
        assertEquals(CONVERSATIONS, convs.size());
        assertTrue(r.path().forward().counters().dropped(io.kcplab.sim.net.DropCause.LOSS) > 0, "the link lost some");
        assertTrue(r.path().forward().counters().conserved() && r.path().reverse().counters().conserved());
        System.out.println("1000 echo conversations: " + r.simulation().summary());
    }
}
