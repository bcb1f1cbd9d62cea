package io.kcplab.sim.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kcplab.protocol.ConnectionConfig;
import io.kcplab.protocol.ModePreset;
import io.kcplab.sim.ExperimentResult;
import io.kcplab.sim.Simulation;
import io.kcplab.sim.net.Chance;
import io.kcplab.sim.net.Delay;
import io.kcplab.sim.net.DelayDistribution;
import io.kcplab.sim.net.DropCause;
import io.kcplab.sim.net.LinkCounters;
import io.kcplab.sim.net.LinkProfile;
import io.kcplab.sim.net.LinkSchedule;
import io.kcplab.sim.net.LossModel;
import io.kcplab.sim.net.Reorder;
import io.kcplab.sim.net.Slot;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A recorded fault script replays the recorded run exactly — same deliveries at the same microseconds with the
 * same bytes, same drops, same application outcome — with no random source (another simulation seed gives the
 * same replay), and survives a trip through its text form.
 */
class FaultScriptReplayTest {

    /** Every impairment that changes a datagram's fate, and an outage. */
    static final LinkProfile ROUGH = LinkProfile.builder()
            .delay(Delay.of(20_000, 6_000, 0.2, DelayDistribution.NORMAL))
            .rateBitsPerSecond(6_000_000).limitPackets(30)
            .loss(new LossModel.Random(0.03, 0.2)).duplicate(Chance.of(0.02)).corrupt(Chance.of(0.01))
            .truncate(Chance.of(0.005)).reorder(Reorder.of(0.05, 0, 2)).build();

    static FaultSettings settings(long seed, ConnectionConfig config, int conversations) {
        List<WorkloadSpec> ws = new java.util.ArrayList<>();
        for (int i = 0; i < conversations; i++) {
            ws.add(i % 2 == 0 ? WorkloadSpec.of("bulk", "bytes", 150_000, "chunk", 16_384)
                    : WorkloadSpec.of("echo", "size", 300, "interval", 40_000, "stop", 2_500_000));
        }
        return FaultSettings.of(seed, config, config, ws, 4_000_000, 100_000, false, 20_000, 20_000);
    }

    static FaultRun.Recorded record(FaultSettings s, LinkProfile up, LinkProfile down) {
        LinkSchedule outage = LinkSchedule.builder().outage(600_000, 900_000).build();
        return FaultRun.record(s, FaultWorkloads.standard(), b -> b.links(up, down).schedules(outage, null),
                List.of("test recording"));
    }

    static String digestOfRecording(FaultSettings s, LinkProfile up, LinkProfile down, FaultScript[] out) {
        Simulation sim = new Simulation(s.seed());
        DeliveryDigest d = new DeliveryDigest();
        sim.tracer().add(d);
        FateRecorder rec = new FateRecorder();
        sim.tracer().add(rec);
        LinkSchedule outage = LinkSchedule.builder().outage(600_000, 900_000).build();
        ExperimentResult r = s.experiment(FaultWorkloads.standard()).links(up, down).schedules(outage, null).build()
                .run(sim);
        out[0] = rec.script(s, List.of(), r.endMicros());
        return d.hex() + " " + outcome(r);
    }

    static String digestOfReplay(FaultScript script, long simSeed) {
        Simulation sim = new Simulation(simSeed);
        DeliveryDigest d = new DeliveryDigest();
        sim.tracer().add(d);
        ExperimentResult r = FaultRun.replay(script, FaultWorkloads.standard(), sim);
        return d.hex() + " " + outcome(r);
    }

    static String outcome(ExperimentResult r) {
        StringBuilder b = new StringBuilder("end=" + r.endMicros());
        r.conversations().forEach(c -> b.append(" [").append(c.index()).append(" up=")
                .append(c.upstream() == null ? "-" : c.upstream().bytesDelivered()).append(" down=")
                .append(c.downstream() == null ? "-" : c.downstream().bytesDelivered()).append(" bad=")
                .append(c.integrityErrors()).append(']'));
        b.append(" fwd=").append(counters(r.path().forward().counters())).append(" rev=")
                .append(counters(r.path().reverse().counters()));
        return b.toString();
    }

    /** Every counter but 'reordered': a replay's delays already carry the reordering, so it never counts one. */
    static String counters(LinkCounters c) {
        return c.toString().replaceAll(" reordered=\\d+", "");
    }

    @Test
    void replayReproducesTheRecordedRunExactlyWithoutRandomness() {
        ConnectionConfig config = ConnectionConfig.builder().mode(ModePreset.FAST3).windows(128, 128).build();
        for (long seed = 1; seed <= 3; seed++) {
            FaultSettings s = settings(seed, config, 3);
            FaultScript[] script = new FaultScript[1];
            String recorded = digestOfRecording(s, ROUGH, ROUGH.withLoss(0.02), script);
            assertTrue(script[0].faults() > 20, "the rough links produced faults: " + script[0].faults());
            for (DropCause c : new DropCause[] {DropCause.LOSS, DropCause.QUEUE, DropCause.OUTAGE}) {
                assertTrue(script[0].entries().stream().anyMatch(e -> e.fate().copies().stream()
                        .anyMatch(x -> x.cause() == c)), "script has a " + c + " drop");
            }
            assertTrue(script[0].entries().stream().anyMatch(e -> e.fate().count() == 2), "has a duplicate");
            assertTrue(script[0].entries().stream().anyMatch(e -> e.fate().copy(0).corruptAt() >= 0), "corrupt");
            assertEquals(recorded, digestOfReplay(script[0], seed), "replay of seed " + seed);
            assertEquals(recorded, digestOfReplay(script[0], seed * 1000 + 7), "replay ignores the seed");
            FaultScript reparsed = FaultScript.parse(script[0].toText());
            assertEquals(script[0].toText(), reparsed.toText(), "text round trip");
            assertEquals(recorded, digestOfReplay(reparsed, 99), "replay of the parsed text");
        }
    }

    /** Slots hold packets past their nominal time; the recorded delays include that, so replays still match. */
    @Test
    void replayMatchesWithSlotsAndFec() {
        LinkProfile slotted = ROUGH.withSlot(Slot.of(1_000, 4_000, 8, 0)).withRate(io.kcplab.sim.net.Rate.UNLIMITED);
        ConnectionConfig config = ConnectionConfig.defaults(); // kcptun: fast, FEC 10/3, aes
        FaultSettings s = settings(11, config, 2);
        FaultScript[] script = new FaultScript[1];
        String recorded = digestOfRecording(s, slotted, slotted, script);
        assertEquals(recorded, digestOfReplay(script[0], 0));
    }

    @Test
    void anEmptyScriptIsAPerfectLinkWithTheBaseDelay() {
        ConnectionConfig config = ConnectionConfig.builder().mode(ModePreset.FAST3).build();
        FaultSettings s = settings(5, config, 1).withDuration(2_000_000);
        FaultScript empty = new FaultScript(s, List.of(), List.of());
        ExperimentResult r = FaultRun.replay(empty, FaultWorkloads.standard());
        assertEquals(150_000, r.conversations().get(0).upstream().bytesDelivered());
        assertEquals(0, r.path().forward().counters().droppedTotal());
        assertEquals(r.path().forward().counters().sent(), r.path().forward().counters().delivered());
        assertTrue(r.conversations().get(0).upstream().latency().getValueAtPercentile(0) >= 20_000);
    }
}
