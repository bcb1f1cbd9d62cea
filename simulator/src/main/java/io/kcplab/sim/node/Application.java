package io.kcplab.sim.node;

/** What runs on top of a {@link KcpEndpoint}: writes and reads the conversation's bytes. */
public interface Application {

    /** The endpoint's connection exists; schedule timers or write first bytes here. */
    default void onStart(KcpEndpoint endpoint, long nowMicros) {
    }

    /** A datagram or a tick was processed: read what arrived, write into any window space. */
    void onProgress(KcpEndpoint endpoint, long nowMicros);

    /**
     * True if {@link #onProgress} has nothing to do after an idle tick (one that sent nothing and changed nothing
     * in the connection), so the endpoint need not call it then. An application that only reads what arrived and
     * writes what the window admits qualifies; one that acts on the clock in onProgress does not (the default).
     */
    default boolean ignoresIdleTicks() {
        return false;
    }
}
