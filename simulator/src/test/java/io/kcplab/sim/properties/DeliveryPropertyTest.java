package io.kcplab.sim.properties;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.kcplab.protocol.ConnectionConfig;
import io.kcplab.protocol.ModePreset;
import io.kcplab.protocol.crypto.Ciphers;
import io.kcplab.protocol.kcp.KcpProfile;
import io.kcplab.protocol.wire.WireProfile;
import io.kcplab.sim.Experiment;
import io.kcplab.sim.ExperimentResult;
import io.kcplab.sim.metrics.ConversationMetrics;
import io.kcplab.sim.net.Chance;
import io.kcplab.sim.net.Delay;
import io.kcplab.sim.net.DelayDistribution;
import io.kcplab.sim.net.LinkProfile;
import io.kcplab.sim.net.LinkSchedule;
import io.kcplab.sim.net.LossModel;
import io.kcplab.sim.net.Reorder;
import io.kcplab.sim.node.BulkTransfer;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The transport's promise, over random networks and random settings: every byte written is read exactly once,
 * in order, intact, within a bound on simulated time (except for the IKCP engine with nodelay 0, whose uncapped
 * backoff can outlast any bound: IkcpBackoffStallTest), and every link conserves datagrams. A case is a pure
 * function of one seed; a failure prints the seed and the whole case, and {@link #replay(long)} re-runs it. A
 * failure also records the failing run as a fault script and shrinks it ({@link DeliveryFaultCapture}): the
 * minimal script is printed and written under the build folder, replayable after any generator change.
 *
 * <p>Corruption and truncation are only generated when the crypto header (and so a checksum) is on: raw KCP has
 * no integrity check of its own, so a flipped bit without one is delivered as is — that is KCP's contract, not a
 * bug.
 */
class DeliveryPropertyTest {

    static final int EXAMPLES = Integer.getInteger("kcplab.sim.delivery.examples", 500);
    /**
     * Liveness bound. Generous on purpose: ikcp's default mode backs a segment's RTO off by doubling with no cap,
     * and with congestion control on it falls back to one segment in flight after every timeout, so 30 %
     * correlated loss can stretch a 100 KB transfer past 20 simulated minutes (seen: 44 KB in 300 s). Slow runs
     * have few events, so the bound costs little wall time.
     */
    static final long TIME_BOUND_MICROS = 3_600_000_000L;

    record Case(long seed, LinkProfile up, LinkProfile down, LinkSchedule upSchedule, ConnectionConfig config,
            long bytes) {

        String describe() {
            return "seed=" + seed + "\n  config: " + config.describe() + "\n  up:   " + up + "\n  down: " + down
                    + "\n  outage: " + (upSchedule == null ? "none" : upSchedule.changes()) + "\n  bytes: " + bytes;
        }
    }

    static Case generate(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<String> ciphers = Ciphers.names();
        String cipher = r.nextInt(5) == 0 ? null : ciphers.get(r.nextInt(ciphers.size()));
        boolean checked = cipher != null;
        ModePreset mode = ModePreset.values()[r.nextInt(ModePreset.values().length)];
        int[][] fecShapes = {{0, 0}, {10, 3}, {3, 2}, {1, 1}, {4, 4}, {20, 5}};
        int[] fec = fecShapes[r.nextInt(fecShapes.length)];
        WireProfile checksum = r.nextBoolean() ? WireProfile.KCP_GO : WireProfile.HIGHWAY;
        int header = (checked ? 16 + checksum.checksumSize() : 0) + (fec[0] > 0 ? 8 : 0);
        int mtu = r.nextInt(Math.max(50, 24 + header + 200), 1501);
        int wnd = 16 << r.nextInt(6); // 16..512
        ConnectionConfig config = ConnectionConfig.builder()
                .engine(r.nextBoolean() ? KcpProfile.KCP_GO : KcpProfile.IKCP)
                .mode(mode).fec(fec[0], fec[1]).cipher(cipher).checksum(checksum).mtu(mtu)
                .windows(wnd, wnd).streamMode(r.nextInt(4) != 0).ackNoDelay(r.nextBoolean()).build();
        return new Case(seed, link(r, checked), link(r, checked), outage(r), config, r.nextLong(10_000, 120_000));
    }

    static LinkProfile link(SplittableRandom r, boolean checked) {
        LossModel loss = switch (r.nextInt(3)) {
            case 0 -> new LossModel.Random(r.nextDouble(0, 0.3), r.nextDouble(0, 0.5));
            case 1 -> LossModel.GilbertElliott.of(r.nextDouble(0.001, 0.1), r.nextDouble(0.3, 0.9));
            default -> new LossModel.None();
        };
        long latency = r.nextLong(1_000, 100_000);
        Delay delay = Delay.of(latency, r.nextLong(0, latency / 2 + 1), r.nextDouble(0, 0.5),
                DelayDistribution.values()[r.nextInt(DelayDistribution.values().length)]);
        LinkProfile.Builder b = LinkProfile.builder().loss(loss).delay(delay)
                .duplicate(Chance.of(r.nextDouble(0, 0.1)))
                .reorder(r.nextBoolean() ? Reorder.of(r.nextDouble(0, 0.2), 0, r.nextInt(0, 6)) : Reorder.NONE);
        if (checked) {
            b.corrupt(Chance.of(r.nextDouble(0, 0.05))).truncate(Chance.of(r.nextDouble(0, 0.02)));
        }
        if (r.nextBoolean()) {
            b.rateBitsPerSecond(r.nextLong(1_000_000, 50_000_000)).limitPackets(r.nextInt(50, 1001));
        }
        return b.build();
    }

    static LinkSchedule outage(SplittableRandom r) {
        if (r.nextBoolean()) {
            return null;
        }
        long from = r.nextLong(100_000, 1_000_000);
        return LinkSchedule.builder().outage(from, from + r.nextLong(100_000, 2_000_000)).build();
    }

    static int chunk(Case c) {
        return c.config.streamMode() ? BulkTransfer.DEFAULT_CHUNK : 4 * (c.config.mtu() - 80);
    }

    static ExperimentResult run(Case c) {
        return Experiment.builder(c.seed).links(c.up, c.down).schedules(c.upSchedule, null).config(c.config)
                .conversations(1, (i, s) -> new BulkTransfer(c.bytes, chunk(c), s, "bulk"))
                .duration(TIME_BOUND_MICROS).sampleInterval(1_000_000).stopWhenFinished(true).build().run();
    }

    static void check(Case c) {
        ExperimentResult r = run(c);
        ConversationMetrics m = r.conversations().get(0);
        String why = null;
        if (!r.finished() && uncappedBackoff(c.config)) {
            // ikcp with nodelay 0 doubles a segment's RTO on every timeout without a cap (rto += max(rto, rx_rto)):
            // a lone segment whose ACKs keep falling into loss bursts can wait longer than any bound, in C ikcp as
            // here (seed -2037045117829388506, pinned by IkcpBackoffStallTest). Such a run must still be intact.
            if (m.upstream().bytesDelivered() > c.bytes || m.integrityErrors() != 0) {
                why = "stalled in ikcp's backoff with " + m.integrityErrors() + " damaged bytes, "
                        + m.upstream().bytesDelivered() + " of " + c.bytes + " delivered";
            } else if (!r.path().forward().counters().conserved() || !r.path().reverse().counters().conserved()) {
                why = "a link did not conserve datagrams";
            }
        } else if (!r.finished()) {
            why = "not finished within " + TIME_BOUND_MICROS / 1_000_000 + " s simulated: delivered "
                    + m.upstream().bytesDelivered() + " of " + c.bytes;
        } else if (m.upstream().bytesDelivered() != c.bytes) {
            why = "delivered " + m.upstream().bytesDelivered() + " bytes, expected exactly " + c.bytes;
        } else if (m.integrityErrors() != 0) {
            why = m.integrityErrors() + " bytes arrived damaged or out of order";
        } else if (!r.path().forward().counters().conserved() || !r.path().reverse().counters().conserved()) {
            why = "a link did not conserve datagrams: " + r.path().forward().counters() + " / "
                    + r.path().reverse().counters();
        }
        if (why != null) {
            // only on failure: record the run as a fault script and shrink it (see DeliveryFaultCapture)
            throw new AssertionError(why + "\nreplay with DeliveryPropertyTest.replay(" + c.seed + "L):\n"
                    + c.describe() + "\n" + DeliveryFaultCapture.capture(c, why));
        }
    }

    /** The IKCP engine with nodelay 0: per-segment exponential backoff without a cap (ikcp.c's ikcp_flush). */
    static boolean uncappedBackoff(ConnectionConfig config) {
        return config.engine() == KcpProfile.IKCP && config.nodelay() == 0;
    }

    /** Re-runs one generated case by its seed (for debugging a failure). */
    static void replay(long seed) {
        check(generate(seed));
    }

    @Test
    void everyByteArrivesOnceInOrderIntact() {
        String replaySeed = System.getProperty("kcplab.sim.delivery.seed"); // one case printed by a failure
        if (replaySeed != null) {
            replay(Long.parseLong(replaySeed.trim()));
            return;
        }
        // No QuickTheories shrinking: neighbouring seeds are unrelated cases, each a whole simulation; a failure
        // shrinks its own fault script instead (DeliveryFaultCapture) and prints the seed that replays it.
        qt().withExamples(EXAMPLES).withShrinkCycles(0).forAll(longs().all())
                .checkAssert(seed -> check(generate(seed)));
    }
}
