package io.kcplab.sim.testing;

import io.kcplab.sim.Simulation;
import io.kcplab.sim.net.Link;
import io.kcplab.sim.net.LinkProfile;
import io.kcplab.sim.node.ConstantRateSender;
import io.kcplab.sim.node.Host;
import io.kcplab.sim.node.Network;
import io.kcplab.sim.node.Path;
import io.kcplab.sim.node.SequenceRecorder;

/** Test fixture: host a sends a constant-rate stream to host b over one link; b records what arrives. */
public final class LinkRun {

    public final Simulation sim;
    public final Network network;
    public final Host a;
    public final Host b;
    public final Path path;
    public final Link link;
    public final ConstantRateSender sender;
    public final SequenceRecorder recorder = new SequenceRecorder();

    public LinkRun(long seed, LinkProfile profile, int size, long intervalMicros, long count) {
        this(new Simulation(seed), profile, size, intervalMicros, count);
    }

    public LinkRun(Simulation sim, LinkProfile profile, int size, long intervalMicros, long count) {
        this.sim = sim;
        this.network = new Network(sim);
        this.a = network.addHost("a");
        this.b = network.addHost("b");
        this.path = network.connect(a, b, profile, LinkProfile.PERFECT);
        this.link = path.forward();
        b.bind(9000, recorder);
        this.sender = new ConstantRateSender(b.address(), 9000, size, intervalMicros, count, 0);
    }

    /**
     * Binds the sender (its first datagram goes at time 0). Schedules applied before this take effect before a
     * send at the same microsecond (equal times run in scheduling order).
     */
    public LinkRun start() {
        if (a.port(5000) == null) {
            a.bind(5000, sender);
        }
        return this;
    }

    /** Runs until every datagram was sent and the link is empty (bounded by {@code limitMicros}). */
    public LinkRun runToEnd(long limitMicros) {
        start();
        sim.runUntil(limitMicros);
        return this;
    }

    public static long examples(long fallback) {
        return Long.getLong("kcplab.qt.examples", fallback);
    }
}
