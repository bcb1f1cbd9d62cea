/**
 * The simulator's links driven by the wall clock: {@link io.kcplab.sim.live.LiveLink} owns a one-link
 * {@link io.kcplab.sim.Simulation} whose virtual time is whatever the caller says "now" is (microseconds since
 * the relay started). The impairment code is the simulator's own {@link io.kcplab.sim.net.Link}, so a link profile
 * means the same thing in a simulated run and on a real socket. No sockets, no clock and no threads here: the I/O
 * driver ({@code kcplab relay}, in the transport module) reads the clock and passes the time in.
 */
package io.kcplab.sim.live;
