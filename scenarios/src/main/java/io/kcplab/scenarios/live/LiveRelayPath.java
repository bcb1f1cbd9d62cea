package io.kcplab.scenarios.live;

import io.kcplab.sim.live.LiveLink;
import io.kcplab.sim.net.DropCause;
import io.kcplab.sim.net.LinkCounters;
import io.kcplab.transport.relay.PathStats;
import io.kcplab.transport.relay.RelayPath;

/**
 * The simulator's live link seen through the transport's path interface: how {@code kcplab relay} (and the live
 * interop tests) put a scenario link between real sockets. Lives here because the transport must not depend on the
 * simulator, nor the simulator on sockets.
 */
public final class LiveRelayPath implements RelayPath {
    private final LiveLink link;
    private final String description;
    private Delivery sink;
    private final LiveLink.Delivery bridge = this::bridge;

    public LiveRelayPath(LiveLink link, String description) {
        this.link = link;
        this.description = description;
    }

    public LiveLink link() {
        return link;
    }

    @Override
    public void offer(long tag, byte[] buf, int off, int len, long nowMicros, Delivery to) {
        sink = to;
        link.offer(tag, buf, off, len, nowMicros, bridge);
    }

    @Override
    public void advanceTo(long nowMicros, Delivery to) {
        sink = to;
        link.advanceTo(nowMicros, bridge);
    }

    @Override
    public long nextDueMicros() {
        return link.nextDueMicros();
    }

    @Override
    public PathStats stats() {
        LinkCounters c = link.counters();
        return new PathStats(c.sent(), c.delivered(), c.dropped(DropCause.LOSS), link.burstLosses(),
                link.longestLossRun(), c.dropped(DropCause.QUEUE), c.dropped(DropCause.MTU),
                c.dropped(DropCause.OUTAGE), c.corrupted(), c.duplicated(), c.truncated(), c.reordered(),
                c.inFlight(), description);
    }

    private void bridge(long tag, byte[] buf, int off, int len, long sentMicros, long dueMicros) {
        sink.deliver(tag, buf, off, len, sentMicros, dueMicros);
    }
}
