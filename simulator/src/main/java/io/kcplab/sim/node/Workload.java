package io.kcplab.sim.node;

import io.kcplab.sim.Simulation;
import io.kcplab.sim.metrics.ByteStream;

/**
 * Traffic over one KCP conversation: the application at the client end and the one at the server end, and the
 * byte streams they check. Implementations: {@link BulkTransfer}, {@link Echo}, {@link ConstantBitRate},
 * {@link OnOff}. Created per conversation (they hold its state).
 */
public interface Workload {

    /** The application for the end that opens the conversation. */
    Application client();

    /** The application for the other end. */
    Application server();

    /** Client-to-server bytes (null if this workload sends none that way). */
    ByteStream upstream();

    /** Server-to-client bytes (null if this workload sends none that way). */
    ByteStream downstream();

    /** True when the workload has nothing more to do (a bulk transfer delivered everything). */
    boolean finished();

    /** Called once before the run, with the simulation the workload's timers live in. */
    default void attach(Simulation sim) {
    }
}
