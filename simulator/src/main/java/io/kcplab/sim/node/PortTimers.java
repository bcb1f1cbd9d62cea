package io.kcplab.sim.node;

import io.kcplab.protocol.QuietTimer;
import io.kcplab.sim.EventHandler;
import io.kcplab.sim.RunHash;
import io.kcplab.sim.Simulation;
import java.util.Arrays;

/**
 * Every port's single wakeup timer, as columns of primitives indexed by port id, and the handler of all their
 * events. At server scale nearly every event is the tick of an idle KCP session; a {@link KcpEndpoint} whose
 * connection is known quiet hands its flush timer here ({@link #quiet}), and those ticks then run on these arrays
 * alone, with {@link QuietTimer}'s functions, the ones {@code Connection.tick} runs: no port, endpoint or
 * connection object is touched, which is what an idle tick used to cost (cache misses on three objects).
 *
 * <p>Nothing about the run changes: the same events are pushed at the same times in the same order, each mixes
 * the same (time, port) into the run hash, and the endpoint hands the advanced timer back to its connection
 * ({@link #resume}) before anything else touches it.
 */
final class PortTimers implements EventHandler {

    private static final long NONE = Long.MAX_VALUE;

    private final Simulation sim;
    private final RunHash runHash;
    private Port[] ports = new Port[16];
    private long[] hashId = new long[16];
    private long[] wakeAt = new long[16];
    private long[] handle = new long[16];
    private long[] wakeups = new long[16];
    private boolean[] quiet = new boolean[16];
    private int[] flushAt = new int[16];
    private int[] quietUntil = new int[16];
    private boolean[] forever = new boolean[16];
    private int[] interval = new int[16];
    private int count;
    private long quietTicks;

    PortTimers(Simulation sim) {
        this.sim = sim;
        this.runHash = sim.runHash();
    }

    /** A new port's id. */
    int register(Port port, long portHashId) {
        if (count == ports.length) {
            grow(count * 2);
        }
        int id = count++;
        ports[id] = port;
        hashId[id] = portHashId;
        wakeAt[id] = NONE;
        return id;
    }

    private void grow(int n) {
        ports = Arrays.copyOf(ports, n);
        hashId = Arrays.copyOf(hashId, n);
        wakeAt = Arrays.copyOf(wakeAt, n);
        handle = Arrays.copyOf(handle, n);
        wakeups = Arrays.copyOf(wakeups, n);
        quiet = Arrays.copyOf(quiet, n);
        flushAt = Arrays.copyOf(flushAt, n);
        quietUntil = Arrays.copyOf(quietUntil, n);
        forever = Arrays.copyOf(forever, n);
        interval = Arrays.copyOf(interval, n);
    }

    /** See {@link Port#wakeAt}. */
    void wakeAt(int id, long atMicros) {
        long at = Math.max(atMicros, sim.now());
        if (wakeAt[id] != NONE) {
            if (wakeAt[id] == at) {
                return;
            }
            sim.cancel(handle[id]);
        }
        wakeAt[id] = at;
        handle[id] = sim.schedule(at, this, id);
    }

    void cancel(int id) {
        if (wakeAt[id] != NONE) {
            sim.cancel(handle[id]);
            wakeAt[id] = NONE;
        }
    }

    long wakeupTime(int id) {
        return wakeAt[id];
    }

    long wakeups(int id) {
        return wakeups[id];
    }

    /** Ticks run here on a quiet timer, without the port's handler. */
    long quietTicks() {
        return quietTicks;
    }

    /** From now on, port {@code id}'s ticks run here on {@code timer} until {@link #resume}. */
    void quiet(int id, QuietTimer timer) {
        quiet[id] = true;
        flushAt[id] = timer.flushAt();
        quietUntil[id] = timer.quietUntil();
        forever[id] = timer.forever();
        interval[id] = timer.interval();
    }

    /**
     * Ends port {@code id}'s quiet ticks; returns the flush timer they left, for the connection to resume, or
     * {@link QuietTimer#NOT_QUIET} if the port had none.
     */
    long resume(int id) {
        if (!quiet[id]) {
            return QuietTimer.NOT_QUIET;
        }
        quiet[id] = false;
        return flushAt[id];
    }

    @Override
    public void onEvent(long nowMicros, long arg) {
        int id = (int) arg;
        wakeAt[id] = NONE;
        wakeups[id]++;
        runHash.mix(nowMicros, hashId[id]);
        if (quiet[id]) {
            long nowMs = nowMicros / 1000;
            long next = QuietTimer.flushAfterTick((int) nowMs, flushAt[id], quietUntil[id], forever[id],
                    interval[id]);
            if (next != QuietTimer.NOT_QUIET) {
                // as KcpEndpoint does after a tick that changed nothing: the application is not called (it
                // ignores idle ticks), and the next wakeup is the connection's
                flushAt[id] = (int) next;
                quietTicks++;
                wakeAt(id, Math.max(QuietTimer.wakeupMs(nowMs, flushAt[id]) * 1000, nowMicros));
                return;
            }
        }
        ports[id].fire(nowMicros);
    }
}
