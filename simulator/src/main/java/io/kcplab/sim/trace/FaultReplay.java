package io.kcplab.sim.trace;

import io.kcplab.sim.net.Link;
import io.kcplab.sim.net.Packet;
import io.kcplab.sim.node.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Decides fates from a {@link FaultScript}: the k-th datagram of a flow on a link gets the script's entry for it,
 * or, without one, delivery after the link's base delay. No random source is involved; install it on a path's
 * links with {@link #install} (e.g. from {@code Experiment.Builder.onPath}).
 */
public final class FaultReplay implements FateOracle {

    private final Map<String, Fate> fates;
    private final FaultSettings settings;
    private final Map<String, long[]> flowCounts = new HashMap<>();
    private long scripted;
    private long defaulted;

    public FaultReplay(FaultScript script) {
        this.fates = script.fatesByKey();
        this.settings = script.settings();
    }

    public void install(Path path) {
        path.forward().setFateOracle(this);
        path.reverse().setFateOracle(this);
    }

    @Override
    public Fate decide(Link link, Packet packet) {
        String flow = link.name() + ' ' + packet.srcPort() + '>' + packet.dstPort();
        long index = flowCounts.computeIfAbsent(flow, f -> new long[1])[0]++;
        Fate f = fates.get(flow + ' ' + index);
        if (f != null) {
            scripted++;
            return f;
        }
        defaulted++;
        return Fate.deliver(settings.baseDelay(link.name()));
    }

    /** Datagrams whose fate came from a script line. */
    public long scripted() {
        return scripted;
    }

    /** Datagrams that got the default fate. */
    public long defaulted() {
        return defaulted;
    }
}
