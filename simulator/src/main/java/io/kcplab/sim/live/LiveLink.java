package io.kcplab.sim.live;

import io.kcplab.sim.Simulation;
import io.kcplab.sim.net.Link;
import io.kcplab.sim.net.LinkCounters;
import io.kcplab.sim.net.LinkProfile;
import io.kcplab.sim.net.LinkSchedule;
import io.kcplab.sim.net.Packet;
import io.kcplab.sim.net.PacketPool;
import io.kcplab.sim.trace.TraceKind;
import io.kcplab.sim.trace.TraceSink;

/**
 * One link direction of the simulator, driven by a clock the caller supplies: the simulator's {@link Link} bound to
 * a private {@link Simulation} whose virtual time follows "now" as given to {@link #offer} and {@link #advanceTo}
 * (microseconds since the start; the live relay passes elapsed wall-clock time). This class never reads a clock,
 * so feeding it the same datagrams at the same times gives the same deliveries at the same times as a simulated
 * link with the same name, profile and seed — which is what its tests check.
 *
 * <p>Each datagram carries a 64-bit {@code tag} chosen by the caller (the relay puts the client's slot and
 * generation there); it travels in the simulated packet's source address and port and comes back with the
 * delivery, duplicates included.
 *
 * <p>Time never goes backwards here: a {@code nowMicros} earlier than the link's clock is taken as the link's
 * clock. Deliveries happen inside {@link #offer} (packets due before the new datagram arrives) and
 * {@link #advanceTo}; the sink receives each packet with the virtual time it was due, which is at most the
 * {@code nowMicros} of the call (a live driver that calls late sees how late it was).
 *
 * <p>Single-threaded, like the simulation it owns; not re-entrant (a sink must not call back into this link).
 */
public final class LiveLink {

    /** Receives delivered datagrams; {@code buf} is valid only during the call. */
    @FunctionalInterface
    public interface Delivery {
        /**
         * @param tag        the tag given to {@link #offer}
         * @param sentMicros when the datagram was offered (virtual time)
         * @param dueMicros  when the link delivered it (virtual time, {@code <=} the call's now)
         */
        void deliver(long tag, byte[] buf, int off, int len, long sentMicros, long dueMicros);
    }

    private final Simulation sim;
    private final Link link;
    private final LossRuns lossRuns = new LossRuns();
    private Delivery current;
    private boolean busy;
    private long offered;

    /**
     * @param name     the link's name; it names the random streams ({@code "link:<name>/loss"} ...), so a live link
     *                 called {@code "a->b"} draws exactly what the simulator's link a→b draws under the same seed
     * @param profile  the impairments at time 0
     * @param schedule timed changes (handover, outage) relative to time 0, or null
     * @param seed     the run seed
     */
    public LiveLink(String name, LinkProfile profile, LinkSchedule schedule, long seed) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("link name must be non-empty");
        }
        if (profile == null) {
            throw new IllegalArgumentException("profile must not be null");
        }
        this.sim = new Simulation(seed);
        this.link = new Link(sim, 0, name, profile, new PacketPool(), this::receive);
        sim.tracer().add(lossRuns);
        if (schedule != null) {
            schedule.applyTo(sim, link);
        }
    }

    /**
     * Advances the link to {@code nowMicros} (delivering what fell due, to {@code sink}), then hands it one
     * datagram; the bytes are copied, the caller keeps its buffer.
     */
    public void offer(long tag, byte[] buf, int off, int len, long nowMicros, Delivery sink) {
        if (buf == null || off < 0 || len < 0 || off > buf.length - len) {
            throw new IllegalArgumentException("bad datagram slice: off=" + off + " len=" + len + " buffer="
                    + (buf == null ? "null" : buf.length + " bytes"));
        }
        if (len > PacketPool.MAX_PAYLOAD) {
            throw new IllegalArgumentException("datagram of " + len + " bytes is larger than a UDP payload ("
                    + PacketPool.MAX_PAYLOAD + ")");
        }
        enter(sink);
        try {
            sim.runUntil(Math.max(nowMicros, sim.now()));
            offered++;
            link.send((int) (tag >>> 32), (int) tag, 0, 0, buf, off, len);
        } finally {
            leave();
        }
    }

    /** Delivers, to {@code sink}, every datagram due at or before {@code nowMicros}; returns how many. */
    public int advanceTo(long nowMicros, Delivery sink) {
        enter(sink);
        try {
            long before = link.counters().delivered();
            sim.runUntil(Math.max(nowMicros, sim.now()));
            return (int) (link.counters().delivered() - before);
        } finally {
            leave();
        }
    }

    /**
     * When something is next due (a delivery, a slot opening, a scheduled profile change), in virtual µs;
     * {@link Long#MAX_VALUE} when nothing is pending. A driver sleeps until then (or until a datagram arrives).
     */
    public long nextDueMicros() {
        return sim.nextEventTime();
    }

    /** The link's virtual clock: the latest now it was given. */
    public long nowMicros() {
        return sim.now();
    }

    /** Datagrams handed to {@link #offer} (equals {@code counters().sent()}). */
    public long offered() {
        return offered;
    }

    /** The simulator's counters of this direction (sent, delivered, dropped by cause, corrupted, ...). */
    public LinkCounters counters() {
        return link.counters();
    }

    /** Losses (cause LOSS) that came in runs of two or more consecutive offered datagrams. */
    public long burstLosses() {
        return lossRuns.inBursts + (lossRuns.run >= 2 ? lossRuns.run : 0);
    }

    /** Runs of two or more consecutive losses. */
    public long lossBursts() {
        return lossRuns.bursts + (lossRuns.run >= 2 ? 1 : 0);
    }

    /** The longest run of consecutive losses so far. */
    public long longestLossRun() {
        return Math.max(lossRuns.longest, lossRuns.run);
    }

    /** The profile in force now (a schedule may have switched it). */
    public LinkProfile profile() {
        return link.profile();
    }

    /** False during a scheduled outage. */
    public boolean isUp() {
        return link.isUp();
    }

    public String name() {
        return link.name();
    }

    /** Fingerprint of every link event so far (the simulator's run hash): equal inputs give equal hashes. */
    public String runHash() {
        return sim.runHash().hex();
    }

    private void enter(Delivery sink) {
        if (busy) {
            throw new IllegalStateException("LiveLink " + link.name() + " is not re-entrant: a delivery sink called "
                    + "back into its own link");
        }
        if (sink == null) {
            throw new IllegalArgumentException("sink must not be null");
        }
        busy = true;
        current = sink;
    }

    private void leave() {
        busy = false;
        current = null;
    }

    private void receive(long nowMicros, Link from, Packet p) {
        long tag = ((long) p.srcAddress() << 32) | (p.srcPort() & 0xFFFFFFFFL);
        current.deliver(tag, p.data(), 0, p.length(), p.sendTimeMicros(), nowMicros);
    }

    /**
     * Runs of consecutive losses among offered datagrams (a lost duplicate copy does not count). A run closes when
     * a datagram is offered after one that was not lost; the getters add the run still open.
     */
    private static final class LossRuns implements TraceSink {
        long run;
        long bursts;
        long inBursts;
        long longest;
        boolean lostSinceSend = true; // no datagram yet: nothing to close

        @Override
        public void onLinkEvent(long timeMicros, TraceKind kind, Link link, Packet packet) {
            if (kind == TraceKind.SEND) {
                if (!lostSinceSend) {
                    close();
                }
                lostSinceSend = false;
            } else if (kind == TraceKind.DROP_LOSS && !packet.isDuplicate()) {
                run++;
                lostSinceSend = true;
            }
        }

        private void close() {
            if (run >= 2) {
                bursts++;
                inBursts += run;
            }
            longest = Math.max(longest, run);
            run = 0;
        }
    }
}
