package io.kcplab.sim.node;

/** What runs on top of a {@link KcpEndpoint}: writes and reads the conversation's bytes. */
public interface Application {

    /** The endpoint's connection exists; schedule timers or write first bytes here. */
    default void onStart(KcpEndpoint endpoint, long nowMicros) {
    }

    /** A datagram or a tick was processed: read what arrived, write into any window space. */
    void onProgress(KcpEndpoint endpoint, long nowMicros);
}
