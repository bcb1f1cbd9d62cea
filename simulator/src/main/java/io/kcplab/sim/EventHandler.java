package io.kcplab.sim;

/**
 * Something that happens at a virtual time. Handlers are long-lived objects (a link, a port, a workload); the
 * {@code arg} lets one handler serve several kinds of event without allocating an event object per event.
 */
@FunctionalInterface
public interface EventHandler {

    /** Runs the event; {@code nowMicros} is the simulation clock, {@code arg} the value given to schedule(). */
    void onEvent(long nowMicros, long arg);
}
