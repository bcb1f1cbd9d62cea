package io.kcplab.sim.trace;

import io.kcplab.sim.net.Link;
import io.kcplab.sim.net.Packet;

/**
 * Decides a datagram's fate in place of a link's random impairments (see {@link Link#setFateOracle}). Called once
 * per datagram handed to the link, in send order; the packet is valid only during the call.
 */
@FunctionalInterface
public interface FateOracle {

    Fate decide(Link link, Packet packet);
}
