package io.kcplab.sim.trace;

import io.kcplab.sim.net.Link;
import io.kcplab.sim.net.Packet;

/** Receives every link event of a simulation. The packet is only valid during the call. */
@FunctionalInterface
public interface TraceSink {

    void onLinkEvent(long timeMicros, TraceKind kind, Link link, Packet packet);
}
