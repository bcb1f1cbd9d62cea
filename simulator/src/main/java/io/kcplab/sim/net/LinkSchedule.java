package io.kcplab.sim.net;

import io.kcplab.sim.Simulation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Timed changes of one link direction: switch to another profile at t (handover, rate change, loss burst), or go
 * down / come back up (outage; on both directions of a path, a partition). Immutable; entries at equal times apply
 * in the order they were added. While down, every new datagram is dropped with cause OUTAGE; packets already in
 * flight are still delivered (they were already on the wire).
 */
public final class LinkSchedule {

    /** One change: a new profile (when {@code profile} is non-null) and/or a new up/down state (when non-null). */
    public record Change(long atMicros, LinkProfile profile, Boolean up) {
        public Change {
            Check.range("schedule.atMicros", atMicros, 0, Long.MAX_VALUE / 2, " µs");
            if (profile == null && up == null) {
                throw new IllegalArgumentException("a schedule change needs a profile or an up/down state");
            }
        }
    }

    private final List<Change> changes;

    private LinkSchedule(List<Change> changes) {
        this.changes = List.copyOf(changes);
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<Change> changes() {
        return changes;
    }

    /**
     * Schedules every change on {@code link}; changes at or after the current time only. Events at equal times run
     * in scheduling order, so apply schedules before starting traffic if a change at t must precede a send at t.
     */
    public void applyTo(Simulation sim, Link link) {
        for (Change c : changes) {
            if (c.atMicros() < sim.now()) {
                throw new IllegalArgumentException("schedule change at " + c.atMicros() + " µs is in the past "
                        + "(clock at " + sim.now() + " µs)");
            }
        }
        for (Change c : changes) {
            sim.schedule(c.atMicros(), (now, arg) -> {
                if (c.profile() != null) {
                    link.setProfile(c.profile());
                }
                if (c.up() != null) {
                    link.setUp(c.up());
                }
            }, 0);
        }
    }

    public static final class Builder {
        private final List<Change> changes = new ArrayList<>();

        /** Switches to {@code profile} at {@code atMicros}. */
        public Builder at(long atMicros, LinkProfile profile) {
            changes.add(new Change(atMicros, Check.notNull("profile", profile), null));
            return this;
        }

        public Builder down(long atMicros) {
            changes.add(new Change(atMicros, null, Boolean.FALSE));
            return this;
        }

        public Builder up(long atMicros) {
            changes.add(new Change(atMicros, null, Boolean.TRUE));
            return this;
        }

        /** Down during [fromMicros, untilMicros). */
        public Builder outage(long fromMicros, long untilMicros) {
            if (untilMicros <= fromMicros) {
                throw new IllegalArgumentException("outage must end after it starts: from " + fromMicros
                        + " µs until " + untilMicros + " µs");
            }
            down(fromMicros);
            return up(untilMicros);
        }

        public LinkSchedule build() {
            List<Change> sorted = new ArrayList<>(changes);
            sorted.sort(Comparator.comparingLong(Change::atMicros)); // stable: equal times keep insertion order
            return new LinkSchedule(sorted);
        }
    }
}
