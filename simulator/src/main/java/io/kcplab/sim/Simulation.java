package io.kcplab.sim;

import io.kcplab.sim.trace.Tracer;

import java.util.function.BooleanSupplier;

/**
 * A discrete-event simulation: one virtual clock in microseconds and one {@link EventQueue} ordered by
 * (time, insertion sequence). Nothing here reads wall time or an unseeded random source; a run is a pure function of
 * what was scheduled and of the scenario seed behind {@link #random()}, and {@link #runHash()} fingerprints it.
 *
 * <p>Single-threaded by design: handlers run one after another and may schedule further events (never in the past).
 */
public final class Simulation {

    private final EventQueue queue;
    private final boolean skipIdleWork;
    private final RandomStreams random;
    private final RunHash runHash = new RunHash();
    private final Tracer tracer = new Tracer();
    private long now;
    private long eventsRun;
    private boolean stopRequested;

    public Simulation(long seed) {
        this(seed, true);
    }

    private Simulation(long seed, boolean fast) {
        this.queue = new EventQueue(1024, fast);
        this.skipIdleWork = fast;
        this.random = new RandomStreams(seed);
        tracer.add(runHash);
    }

    /**
     * A simulation on the reference schedule: every event in one heap and every idle KCP tick run in full, as
     * before issue 13. Same events in the same order, same run hash: tests run it beside the default to prove it.
     */
    public static Simulation reference(long seed) {
        return new Simulation(seed, false);
    }

    /**
     * True (the default) when hosts may skip work that provably changes nothing: an idle KCP flush, and the
     * application's look at a connection that an idle tick left as it was. The wakeups themselves still run.
     */
    public boolean skipsIdleWork() {
        return skipIdleWork;
    }

    /** The virtual clock, microseconds since the start of the run. */
    public long now() {
        return now;
    }

    public long seed() {
        return random.seed();
    }

    public RandomStreams random() {
        return random;
    }

    public RunHash runHash() {
        return runHash;
    }

    /** Every link event goes through here; add a TraceLog or PcapWriter to record them. */
    public Tracer tracer() {
        return tracer;
    }

    /** Events run so far. */
    public long eventsRun() {
        return eventsRun;
    }

    public int pendingEvents() {
        return queue.size();
    }

    /** Time of the next pending event, Long.MAX_VALUE if none. */
    public long nextEventTime() {
        return queue.peekTime();
    }

    /** Schedules {@code handler.onEvent(atMicros, arg)}; returns a handle for {@link #cancel}. */
    public long schedule(long atMicros, EventHandler handler, long arg) {
        if (atMicros < now) {
            throw new IllegalArgumentException("cannot schedule an event at " + atMicros + " µs: the clock is at "
                    + now + " µs (events may not be in the past)");
        }
        if (handler == null) {
            throw new IllegalArgumentException("handler must not be null");
        }
        return queue.push(atMicros, handler, arg);
    }

    public long schedule(long atMicros, EventHandler handler) {
        return schedule(atMicros, handler, 0);
    }

    /** Schedules {@code delayMicros} after now. */
    public long scheduleAfter(long delayMicros, EventHandler handler, long arg) {
        if (delayMicros < 0) {
            throw new IllegalArgumentException("delayMicros must be >= 0, got " + delayMicros);
        }
        return schedule(now + delayMicros, handler, arg);
    }

    /** Cancels a pending event; false if it already ran or was cancelled. */
    public boolean cancel(long handle) {
        return queue.cancel(handle);
    }

    public boolean isPending(long handle) {
        return queue.isPending(handle);
    }

    /** Asks the running loop to return after the current event. */
    public void stop() {
        stopRequested = true;
    }

    /**
     * Runs every event with time {@code <= untilMicros}, then sets the clock to {@code untilMicros} (if it is
     * later). Returns the number of events run.
     */
    public long runUntil(long untilMicros) {
        long n = run(untilMicros, Long.MAX_VALUE, null);
        if (!stopRequested && untilMicros > now) {
            now = untilMicros;
        }
        stopRequested = false;
        return n;
    }

    /** Runs for {@code durationMicros} of virtual time from now. */
    public long runFor(long durationMicros) {
        return runUntil(Math.addExact(now, durationMicros));
    }

    /** Runs at most {@code maxEvents} events (or until none is left). */
    public long runEvents(long maxEvents) {
        long n = run(Long.MAX_VALUE, maxEvents, null);
        stopRequested = false;
        return n;
    }

    /**
     * Runs until {@code done} is true (checked before the first and after every event), no event is left, or the
     * next event is later than {@code limitMicros}. Returns true if {@code done} became true.
     */
    public boolean runUntil(BooleanSupplier done, long limitMicros) {
        if (done.getAsBoolean()) {
            return true;
        }
        run(limitMicros, Long.MAX_VALUE, done);
        stopRequested = false;
        return done.getAsBoolean();
    }

    private long run(long untilMicros, long maxEvents, BooleanSupplier done) {
        long n = 0;
        EventQueue q = queue;
        while (n < maxEvents && !stopRequested && q.peekTime() <= untilMicros) {
            int slot = q.pollSlot();
            long t = q.timeOf(slot);
            EventHandler h = q.handlerOf(slot);
            long a = q.argOf(slot);
            q.releaseSlot(slot);
            now = t;
            h.onEvent(t, a);
            n++;
            if (done != null && done.getAsBoolean()) {
                break;
            }
        }
        eventsRun += n;
        return n;
    }

    /** One line for the end of a run: seed, virtual time, events and the run hash. */
    public String summary() {
        return "seed=" + seed() + " time=" + now + "us events=" + eventsRun + " traced=" + runHash.events()
                + " runHash=" + runHash.hex();
    }
}
