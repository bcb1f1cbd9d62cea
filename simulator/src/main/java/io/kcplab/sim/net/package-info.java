/**
 * Links: one {@link io.kcplab.sim.net.Link} per direction of a path, emulating Linux netem on the virtual clock
 * (rate with a bounded queue, loss models, corruption, truncation, duplication, reordering, delay with jitter
 * distributions and correlation, slots, MTU), configured by an immutable {@link io.kcplab.sim.net.LinkProfile}
 * and changed over time by a {@link io.kcplab.sim.net.LinkSchedule}. Every impairment draws from its own named
 * random stream; {@link io.kcplab.sim.net.LinkCounters} account for every datagram by cause.
 */
package io.kcplab.sim.net;
