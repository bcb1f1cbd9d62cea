package io.kcplab.sim.net;

import io.kcplab.sim.trace.TraceKind;

/** Why a link dropped a datagram. */
public enum DropCause {
    /** The loss model chose it. */
    LOSS(TraceKind.DROP_LOSS),
    /** The direction already held limitPackets packets or limitBytes bytes (tail drop). */
    QUEUE(TraceKind.DROP_QUEUE),
    /** Its IPv4 packet was larger than the MTU. */
    MTU(TraceKind.DROP_MTU),
    /** The link was down (outage, partition). */
    OUTAGE(TraceKind.DROP_OUTAGE);

    private final TraceKind traceKind;

    DropCause(TraceKind traceKind) {
        this.traceKind = traceKind;
    }

    public TraceKind traceKind() {
        return traceKind;
    }
}
