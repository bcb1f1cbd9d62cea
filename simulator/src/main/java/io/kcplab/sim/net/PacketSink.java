package io.kcplab.sim.net;

/** Where a link hands the datagrams it delivers (a host). The packet is valid only during the call. */
@FunctionalInterface
public interface PacketSink {

    void receive(long nowMicros, Link link, Packet packet);
}
