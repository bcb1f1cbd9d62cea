package io.kcplab.sim.node;

/**
 * The application side of a simulated UDP port: what a host runs (a KCP {@code Connection} adapter, a workload).
 * All calls come from the simulation thread at virtual time {@code nowMicros}; a received buffer is only valid
 * during the call (copy what you keep). Transmit and ask for wakeups through the {@link Port}.
 */
public interface DatagramHandler {

    /** Called once by {@link Host#bind}, before anything else. */
    default void onBind(Port port) {
    }

    /** A datagram arrived from {@code srcAddress:srcPort}; bytes are {@code buf[off, off+len)}. */
    void onDatagram(Port port, long nowMicros, byte[] buf, int off, int len, int srcAddress, int srcPort);

    /** The wakeup requested with {@link Port#wakeAt} is due. */
    default void onWakeup(Port port, long nowMicros) {
    }
}
