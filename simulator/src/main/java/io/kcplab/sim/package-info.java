/**
 * KcpLab's deterministic discrete-event network simulator: {@link io.kcplab.sim.Simulation} (virtual clock in
 * microseconds, one event queue ordered by time then insertion), {@link io.kcplab.sim.RandomStreams} (named,
 * independent random streams from one seed) and {@link io.kcplab.sim.RunHash} (a fingerprint of a run). Links and
 * their netem-style impairments live in {@code net}, hosts and workloads in {@code node}, traces and pcap export in
 * {@code trace}.
 */
package io.kcplab.sim;
