package io.kcplab.sim.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.kcplab.protocol.ConnectionConfig;
import io.kcplab.protocol.ModePreset;
import io.kcplab.sim.EventHandler;
import io.kcplab.sim.Experiment;
import io.kcplab.sim.ExperimentResult;
import io.kcplab.sim.Simulation;
import io.kcplab.sim.net.DropCause;
import io.kcplab.sim.net.Link;
import io.kcplab.sim.net.LinkCounters;
import io.kcplab.sim.net.LinkProfile;
import io.kcplab.sim.node.BulkTransfer;
import io.kcplab.sim.node.Echo;
import io.kcplab.sim.node.Host;
import io.kcplab.sim.node.KcpEndpoint;
import io.kcplab.sim.node.Network;
import io.kcplab.sim.node.Path;
import io.kcplab.sim.node.Workload;
import io.kcplab.sim.trace.FaultEntry;
import io.kcplab.sim.trace.FaultSettings;
import io.kcplab.sim.trace.FateRecorder;
import io.kcplab.sim.trace.TraceKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Whole-stack properties of the simulator (issue 4): a generated case is a pure function of its seed; traffic on
 * another path never disturbs a path's fates; every link conserves datagrams at every instant of a KCP run, and
 * its counters agree with the events it traced.
 */
class ExperimentPropertiesTest {

    static final int EXAMPLES = Integer.getInteger("kcplab.sim.experiment.examples", 8);
    static final long CAP_MICROS = 5_000_000;

    static Experiment.Builder capped(DeliveryPropertyTest.Case c) {
        return Experiment.builder(c.seed()).links(c.up(), c.down()).schedules(c.upSchedule(), null)
                .config(c.config())
                .conversations(1, (i, s) -> new BulkTransfer(c.bytes(), DeliveryPropertyTest.chunk(c), s, "bulk"))
                .duration(CAP_MICROS).sampleInterval(100_000).stopWhenFinished(true);
    }

    static String outcome(ExperimentResult r) {
        return r.runHash() + " end=" + r.endMicros() + " events=" + r.simulation().eventsRun() + " delivered="
                + r.conversations().get(0).upstream().bytesDelivered() + " " + r.path().forward().counters() + " / "
                + r.path().reverse().counters();
    }

    @Test
    void theSameCaseTwiceGivesTheSameRunHash() {
        qt().withExamples(EXAMPLES).forAll(longs().all()).checkAssert(seed -> {
            DeliveryPropertyTest.Case c = DeliveryPropertyTest.generate(seed);
            String first = outcome(capped(c).build().run());
            assertEquals(first, outcome(capped(c).build().run()), "case " + c.describe());
        });
    }

    // ------------------------------------------------------------------------------------ isolation

    static final LinkProfile LOSSY = LinkProfile.builder().delayMillis(20).loss(0.05).duplicate(0.02)
            .rateBitsPerSecond(10_000_000).build();

    /** The fates of every datagram on the path client->server / server->client, and what conversation 0 read. */
    static String pathAFates(long seed, boolean otherPath, boolean sharedPath) {
        Simulation sim = new Simulation(seed);
        FateRecorder fates = new FateRecorder();
        sim.tracer().add(fates);
        Network net = new Network(sim);
        Host client = net.addHost("client");
        Host server = net.addHost("server");
        net.connect(client, server, LOSSY, LOSSY);
        ConnectionConfig config = ConnectionConfig.builder().mode(ModePreset.FAST3).build();
        Workload bulk = conversation(sim, client, server, 0, config, new BulkTransfer(300_000, 16_384, 1, "bulk"));
        if (otherPath) {
            Host c2 = net.addHost("client2");
            Host s2 = net.addHost("server2");
            net.connect(c2, s2, LOSSY, LOSSY);
            conversation(sim, c2, s2, 1, config, new Echo(500, 20_000, 3_000_000, 2, "other"));
        }
        if (sharedPath) {
            conversation(sim, client, server, 1, config, new Echo(500, 20_000, 3_000_000, 2, "other"));
        }
        sim.runUntil(4_000_000);
        FaultSettings names = FaultSettings.of(seed, config, config, List.of(io.kcplab.sim.trace.WorkloadSpec.of(
                "bulk")), 4_000_000, 100_000, false, 20_000, 20_000);
        StringBuilder b = new StringBuilder();
        for (FaultEntry e : fates.entries(names, sim.now())) {
            if (e.link().equals(FaultSettings.UP) || e.link().equals(FaultSettings.DOWN)) {
                b.append(e).append('\n');
            }
        }
        return b.append("read ").append(bulk.upstream().delivered()).toString();
    }

    static Workload conversation(Simulation sim, Host client, Host server, int i, ConnectionConfig config,
            Workload w) {
        w.attach(sim);
        server.bind(Experiment.serverPort(i), new KcpEndpoint(1000 + i, config, 11 + i, w.server(), client.address(),
                Experiment.clientPort(i)));
        client.bind(Experiment.clientPort(i), new KcpEndpoint(1000 + i, config, 21 + i, w.client(), server.address(),
                Experiment.serverPort(i)));
        return w;
    }

    /**
     * Each link draws from its own named streams, so a conversation on another path leaves this path's losses,
     * duplicates and delays — and so its conversation — exactly as they were. (On a shared path the netem-style
     * per-link streams are shared by all its traffic, so extra traffic there does reshuffle which datagram draws
     * which loss: the property is per path, and the second half of this test pins that down.)
     */
    @Test
    void trafficOnAnotherPathLeavesThisPathsFatesUnchanged() {
        for (long seed : new long[] {1, 2, 3}) {
            String alone = pathAFates(seed, false, false);
            assertTrue(alone.contains("drop loss"), "the path has losses to compare");
            assertEquals(alone, pathAFates(seed, true, false), "seed " + seed);
            assertNotEquals(alone, pathAFates(seed, false, true), "shared path: the loss stream is shared");
        }
    }

    // ------------------------------------------------------------------------------------ conservation

    /** Counts a link's traced events by kind, to check its counters against. */
    static final class EventCounts {
        final Map<Link, long[]> byLink = new HashMap<>();

        void add(Link link, TraceKind kind) {
            byLink.computeIfAbsent(link, l -> new long[TraceKind.values().length])[kind.ordinal()]++;
        }

        long of(Link link, TraceKind kind) {
            long[] a = byLink.get(link);
            return a == null ? 0 : a[kind.ordinal()];
        }
    }

    static void checkLink(Link l, EventCounts ev, long now) {
        LinkCounters c = l.counters();
        String where = l.name() + " at " + now + " µs: " + c;
        assertTrue(c.conserved(), "sent + duplicated = delivered + dropped + in flight, " + where);
        assertEquals(ev.of(l, TraceKind.SEND), c.sent(), where);
        assertEquals(ev.of(l, TraceKind.DUPLICATE), c.duplicated(), where);
        assertEquals(ev.of(l, TraceKind.DELIVER), c.delivered(), where);
        for (DropCause cause : DropCause.values()) {
            assertEquals(ev.of(l, cause.traceKind()), c.dropped(cause), cause + " drops, " + where);
        }
        assertEquals(c.sent() + c.duplicated() - c.delivered() - c.droppedTotal(), c.inFlight(), where);
        assertTrue(c.inFlight() >= 0 && c.inFlightBytes() >= 0, where);
    }

    /**
     * Between any two events of a KCP run over a random network (every impairment and an outage), each link
     * satisfies sent + duplicated = delivered + dropped by cause + in flight, and each counter equals the number of
     * events of its kind the link traced.
     */
    @Test
    void everyLinkConservesDatagramsThroughoutAKcpRun() {
        qt().withExamples(EXAMPLES).forAll(longs().all()).checkAssert(seed -> {
            DeliveryPropertyTest.Case c = DeliveryPropertyTest.generate(seed);
            Simulation sim = new Simulation(seed);
            EventCounts ev = new EventCounts();
            sim.tracer().add((t, kind, link, p) -> {
                if (link != null) {
                    ev.add(link, kind);
                }
            });
            long[] checks = new long[1];
            ExperimentResult r = capped(c).onPath(path -> sim.schedule(0, new EventHandler() {
                @Override
                public void onEvent(long now, long arg) {
                    checkLink(path.forward(), ev, now);
                    checkLink(path.reverse(), ev, now);
                    checks[0]++;
                    sim.schedule(now + 2_000, this, 0);
                }
            }, 0)).build().run(sim);
            checkLink(r.path().forward(), ev, r.endMicros());
            checkLink(r.path().reverse(), ev, r.endMicros());
            assertTrue(checks[0] > 0, "checked during the run");
            assertTrue(r.path().forward().counters().sent() > 0);
        });
    }
}
