/**
 * {@code kcplab relay}'s socket side: {@link io.kcplab.transport.relay.UdpRelay} forwards UDP datagrams between
 * clients and a target through one {@link io.kcplab.transport.relay.RelayPath} per direction, on one thread, in
 * real time. A path is any time-driven model of a link; this module does not know the simulator (the scenarios
 * module adapts the simulator's live links to {@code RelayPath}).
 */
package io.kcplab.transport.relay;
