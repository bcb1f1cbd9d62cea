/**
 * Observing a run: every link event goes through the simulation's {@link io.kcplab.sim.trace.Tracer} to the run
 * hash and to any {@link io.kcplab.sim.trace.TraceSink} added, such as a text {@link io.kcplab.sim.trace.TraceLog}
 * or a {@link io.kcplab.sim.trace.PcapWriter} that Wireshark and tshark open.
 */
package io.kcplab.sim.trace;
