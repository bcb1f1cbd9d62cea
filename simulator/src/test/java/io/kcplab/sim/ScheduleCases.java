package io.kcplab.sim;

import io.kcplab.protocol.ConnectionConfig;
import io.kcplab.protocol.ModePreset;
import io.kcplab.protocol.kcp.KcpProfile;
import io.kcplab.sim.metrics.ConversationMetrics;
import io.kcplab.sim.net.Delay;
import io.kcplab.sim.net.DelayDistribution;
import io.kcplab.sim.net.LinkProfile;
import io.kcplab.sim.node.BulkTransfer;
import io.kcplab.sim.node.ConstantBitRate;
import io.kcplab.sim.node.Echo;
import io.kcplab.sim.node.OnOff;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * Experiments chosen to stress the event order: many conversations sharing a link, whole-millisecond delays
 * without a rate (datagrams arrive on the very microsecond a KCP timer fires, so the tie-break decides), timers in
 * phase with the KCP interval, both engines, bursts and bulk. {@link #fingerprint} lists what a run produced.
 */
final class ScheduleCases {

    private ScheduleCases() {
    }

    static final LinkProfile SHARED = LinkProfile.builder().rateBitsPerSecond(100_000_000).delayMillis(25)
            .loss(0.01).build();
    /** Whole-millisecond delay, no rate, no jitter: every datagram sent on a tick arrives on a tick. */
    static final LinkProfile EXACT = LinkProfile.builder().delayMillis(30).loss(0.02).build();
    static final LinkProfile JITTERY = LinkProfile.builder().rateBitsPerSecond(20_000_000)
            .delay(Delay.of(30_000, 5_000, 0, DelayDistribution.NORMAL)).loss(0.03).build();

    static Map<String, LongFunction<Experiment>> all() {
        Map<String, LongFunction<Experiment>> cases = new LinkedHashMap<>();
        cases.put("echo-200-shared", seed -> Experiment.builder(seed).links(SHARED, SHARED)
                .conversations(200, (i, s) -> new Echo(100, 100_000, Long.MAX_VALUE, s, "echo-" + i))
                .duration(3_000_000).build());
        cases.put("echo-exact-ms-in-phase", seed -> Experiment.builder(seed).links(EXACT, EXACT)
                .config(ConnectionConfig.builder().mode(ModePreset.FAST).build())
                .conversations(20, (i, s) -> new Echo(64, 30_000, Long.MAX_VALUE, s, "echo-" + i))
                .duration(3_000_000).build());
        cases.put("cbr-exact-ms-fast2", seed -> Experiment.builder(seed).links(EXACT, EXACT)
                .config(ConnectionConfig.builder().mode(ModePreset.FAST2).build())
                .conversations(10, (i, s) -> new ConstantBitRate(1, 100, 20_000, Long.MAX_VALUE, s, "cbr-" + i))
                .duration(3_000_000).build());
        cases.put("bulk-lossy", seed -> Experiment.builder(seed).links(SHARED, SHARED)
                .conversations(2, (i, s) -> new BulkTransfer(3_000_000, BulkTransfer.DEFAULT_CHUNK, s, "bulk-" + i))
                .duration(4_000_000).stopWhenFinished(true).build());
        cases.put("ikcp-echo-jittery", seed -> Experiment.builder(seed).links(JITTERY, JITTERY)
                .config(ConnectionConfig.builder().engine(KcpProfile.IKCP).mode(ModePreset.FAST3).build())
                .conversations(20, (i, s) -> new Echo(200, 50_000, Long.MAX_VALUE, s, "echo-" + i))
                .duration(2_000_000).build());
        cases.put("onoff-default-mode", seed -> Experiment.builder(seed).links(JITTERY, EXACT)
                .config(ConnectionConfig.builder().mode(ModePreset.DEFAULT).build())
                .conversations(5, (i, s) -> new OnOff(2_000_000, 300_000, 500_000, Long.MAX_VALUE, 1400, s,
                        "onoff-" + i))
                .duration(3_000_000).build());
        return cases;
    }

    /** Run hash, end time and, per conversation, bytes delivered and the latency histograms' shape. */
    static String fingerprint(ExperimentResult r) {
        StringBuilder sb = new StringBuilder("hash=").append(r.runHash()).append(" end=").append(r.endMicros())
                .append(" drops=").append(r.path().forward().counters().droppedTotal()).append('/')
                .append(r.path().reverse().counters().droppedTotal());
        for (ConversationMetrics m : r.conversations()) {
            sb.append(" | ").append(m.bytesDelivered()).append(' ').append(m.retransmissionsTotal());
            if (m.upstream() != null) {
                sb.append(" up ").append(m.upstream().latency().getTotalCount()).append('/')
                        .append(m.upstream().latency().getMaxValue()).append('/')
                        .append(m.upstream().latency().getValueAtPercentile(50));
            }
            if (m.downstream() != null) {
                sb.append(" rtt ").append(m.downstream().roundTrip().getTotalCount()).append('/')
                        .append(m.downstream().roundTrip().getMaxValue());
            }
        }
        return sb.toString();
    }
}
