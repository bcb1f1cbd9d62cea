package io.kcplab.sim.node;

import io.kcplab.protocol.QuietTimer;
import io.kcplab.sim.EventHandler;
import io.kcplab.sim.RunHash;
import io.kcplab.sim.Simulation;
import java.util.Arrays;

/**
 * Every port's single wakeup timer, as a row of primitives per port id, and the handler of all their
 * events. At server scale nearly every event is the tick of an idle KCP session; a {@link KcpEndpoint} whose
 * connection is known quiet hands its flush timer here ({@link #quiet}), and those ticks then run on this table
 * alone, with {@link QuietTimer}'s functions, the ones {@code Connection.tick} runs: no port, endpoint or
 * connection object is touched, which is what an idle tick used to cost (cache misses on three objects).
 *
 * <p>Nothing about the run changes: the same events are pushed at the same times in the same order, each mixes
 * the same (time, port) into the run hash, and the endpoint hands the advanced timer back to its connection
 * ({@link #resume}) before anything else touches it.
 */
final class PortTimers implements EventHandler {

    private static final long NONE = Long.MAX_VALUE;

    // One row of ROW longs per port, so that a tick reads one or two cache lines instead of one per column.
    private static final int ROW = 8;
    private static final int WAKE_AT = 0;     // pending wakeup (µs), NONE if none
    private static final int HANDLE = 1;      // its event handle
    private static final int WAKEUPS = 2;     // wakeups run
    private static final int HASH_ID = 3;     // what a wakeup mixes into the run hash: address and port
    private static final int FLUSH_AT = 4;    // quiet: the connection's flush timer (KCP's 32-bit clock)
    private static final int QUIET_UNTIL = 5; // quiet: until when (32-bit clock)
    private static final int INTERVAL = 6;    // quiet: the flush interval
    private static final int FLAGS = 7;       // QUIET | FOREVER
    private static final long QUIET = 1;
    private static final long FOREVER = 2;

    private final Simulation sim;
    private final RunHash runHash;
    private Port[] ports = new Port[16];
    private long[] rows = new long[16 * ROW];
    private int count;
    private long quietTicks;

    PortTimers(Simulation sim) {
        this.sim = sim;
        this.runHash = sim.runHash();
    }

    /** A new port's id. */
    int register(Port port, long portHashId) {
        if (count == ports.length) {
            ports = Arrays.copyOf(ports, count * 2);
            rows = Arrays.copyOf(rows, count * 2 * ROW);
        }
        int id = count++;
        ports[id] = port;
        int r = id * ROW;
        rows[r + HASH_ID] = portHashId;
        rows[r + WAKE_AT] = NONE;
        return id;
    }

    /** See {@link Port#wakeAt}. */
    void wakeAt(int id, long atMicros) {
        int r = id * ROW;
        long at = Math.max(atMicros, sim.now());
        long pending = rows[r + WAKE_AT];
        if (pending != NONE) {
            if (pending == at) {
                return;
            }
            sim.cancel(rows[r + HANDLE]);
        }
        rows[r + WAKE_AT] = at;
        rows[r + HANDLE] = sim.schedule(at, this, id);
    }

    void cancel(int id) {
        int r = id * ROW;
        if (rows[r + WAKE_AT] != NONE) {
            sim.cancel(rows[r + HANDLE]);
            rows[r + WAKE_AT] = NONE;
        }
    }

    long wakeupTime(int id) {
        return rows[id * ROW + WAKE_AT];
    }

    long wakeups(int id) {
        return rows[id * ROW + WAKEUPS];
    }

    /** Ticks run here on a quiet timer, without the port's handler. */
    long quietTicks() {
        return quietTicks;
    }

    /** From now on, port {@code id}'s ticks run here on {@code timer} until {@link #resume}. */
    void quiet(int id, QuietTimer timer) {
        int r = id * ROW;
        rows[r + FLUSH_AT] = timer.flushAt();
        rows[r + QUIET_UNTIL] = timer.quietUntil();
        rows[r + INTERVAL] = timer.interval();
        rows[r + FLAGS] = QUIET | (timer.forever() ? FOREVER : 0);
    }

    /**
     * Ends port {@code id}'s quiet ticks; returns the flush timer they left, for the connection to resume, or
     * {@link QuietTimer#NOT_QUIET} if the port had none.
     */
    long resume(int id) {
        int r = id * ROW;
        if ((rows[r + FLAGS] & QUIET) == 0) {
            return QuietTimer.NOT_QUIET;
        }
        rows[r + FLAGS] = 0;
        return (int) rows[r + FLUSH_AT];
    }

    @Override
    public void onEvent(long nowMicros, long arg) {
        int id = (int) arg;
        int r = id * ROW;
        rows[r + WAKE_AT] = NONE;
        rows[r + WAKEUPS]++;
        runHash.mix(nowMicros, rows[r + HASH_ID]);
        long flags = rows[r + FLAGS];
        if ((flags & QUIET) != 0) {
            long nowMs = nowMicros / 1000;
            long next = QuietTimer.flushAfterTick((int) nowMs, (int) rows[r + FLUSH_AT],
                    (int) rows[r + QUIET_UNTIL], (flags & FOREVER) != 0, (int) rows[r + INTERVAL]);
            if (next != QuietTimer.NOT_QUIET) {
                // as KcpEndpoint does after a tick that changed nothing: the application is not called (it
                // ignores idle ticks), and the next wakeup is the connection's
                int flushAt = (int) next;
                rows[r + FLUSH_AT] = flushAt;
                quietTicks++;
                wakeAt(id, Math.max(QuietTimer.wakeupMs(nowMs, flushAt) * 1000, nowMicros));
                return;
            }
        }
        ports[id].fire(nowMicros);
    }
}
