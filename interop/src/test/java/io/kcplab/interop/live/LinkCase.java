package io.kcplab.interop.live;

import io.kcplab.sim.net.Delay;
import io.kcplab.sim.net.DelayDistribution;
import io.kcplab.sim.net.LinkProfile;
import io.kcplab.sim.net.Reorder;

/**
 * The links the live interop tests put between the two peers (the same profile in each direction, each direction
 * with its own state and random streams). Queue limits are raised far above netem's default of 1000 packets, so
 * that a window of 1024 segments in flight is never tail-dropped: the only drops are the loss model's.
 */
enum LinkCase {
    PERFECT("0% loss", LinkProfile.PERFECT),
    LOSS_10("10% loss", LinkProfile.builder().loss(0.10).limitPackets(100_000).build()),
    LOSS_30("30% loss", LinkProfile.builder().loss(0.30).limitPackets(100_000).build()),
    /**
     * 10 ms ± 5 ms of uniform jitter (netem semantics: packets leave in order of their own due time, so jitter alone
     * reorders them) and 10 % of packets sent ahead of the delayed ones (netem reorder 10% gap 5); no loss.
     */
    JITTER_REORDER("jitter+reorder", LinkProfile.builder()
            .delay(Delay.of(10_000, 5_000, 0, DelayDistribution.UNIFORM))
            .reorder(Reorder.of(0.10, 0, 5))
            .limitPackets(100_000)
            .build()),
    /** Light random loss for the FEC test: enough lost shards for FEC 10/3 to rebuild many of them. */
    LOSS_3("3% loss", LinkProfile.builder().loss(0.03).limitPackets(100_000).build()),
    /** kcptun ↔ KcpLab tunnel through the relay (KcptunRelayLiveTest). */
    LOSS_5("5% loss", LinkProfile.builder().loss(0.05).limitPackets(100_000).build());

    final String label;
    final LinkProfile profile;

    LinkCase(String label, LinkProfile profile) {
        this.label = label;
        this.profile = profile;
    }

    @Override
    public String toString() {
        return label;
    }
}
