package io.kcplab.sim.trace;

/** What happened to a datagram on a link. Codes are stable: they go into run hashes and binary traces. */
public enum TraceKind {
    SEND(1, "send"),
    DELIVER(2, "deliver"),
    DROP_LOSS(3, "drop-loss"),
    DROP_QUEUE(4, "drop-queue"),
    DROP_MTU(5, "drop-mtu"),
    DROP_OUTAGE(6, "drop-outage"),
    DUPLICATE(7, "duplicate"),
    CORRUPT(8, "corrupt"),
    TRUNCATE(9, "truncate"),
    REORDER(10, "reorder"),
    /** A host received a datagram for a port nothing is bound to (counted, dropped). */
    UNREACHABLE(11, "unreachable");

    private final int code;
    private final String label;

    TraceKind(int code, String label) {
        this.code = code;
        this.label = label;
    }

    public int code() {
        return code;
    }

    public String label() {
        return label;
    }
}
