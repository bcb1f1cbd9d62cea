package io.kcplab.sim.node;

import io.kcplab.sim.EventHandler;
import io.kcplab.sim.Simulation;

/**
 * A timer that fires every {@code periodMicros} from {@code startMicros} until {@code stopMicros} or until it has
 * fired {@code maxTicks} times, used by workloads that produce bytes on a clock (constant bit rate, on/off, echo
 * requests).
 */
final class PeriodicSource implements EventHandler {

    interface Tick {
        void fire(long nowMicros, long index);
    }

    private final long periodMicros;
    private final long stopMicros;
    private final long maxTicks;
    private final Tick tick;
    private Simulation sim;
    private long index;

    PeriodicSource(long periodMicros, long stopMicros, Tick tick) {
        this(periodMicros, stopMicros, Long.MAX_VALUE, tick);
    }

    PeriodicSource(long periodMicros, long stopMicros, long maxTicks, Tick tick) {
        if (periodMicros < 1) {
            throw new IllegalArgumentException("period must be >= 1 µs, got " + periodMicros);
        }
        if (maxTicks < 1) {
            throw new IllegalArgumentException("a periodic source needs at least 1 tick, got " + maxTicks);
        }
        this.periodMicros = periodMicros;
        this.stopMicros = stopMicros;
        this.maxTicks = maxTicks;
        this.tick = tick;
    }

    void start(Simulation sim, long startMicros) {
        this.sim = sim;
        if (startMicros < stopMicros) {
            sim.schedule(startMicros, this, 0);
        }
    }

    @Override
    public void onEvent(long nowMicros, long arg) {
        tick.fire(nowMicros, index++);
        long next = nowMicros + periodMicros;
        if (next < stopMicros && index < maxTicks) {
            sim.schedule(next, this, 0);
        }
    }
}
