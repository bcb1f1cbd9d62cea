package io.kcplab.sim.net;

import io.kcplab.sim.EventHandler;
import io.kcplab.sim.RandomStream;
import io.kcplab.sim.RandomStreams;
import io.kcplab.sim.Simulation;
import io.kcplab.sim.trace.Fate;
import io.kcplab.sim.trace.FateOracle;
import io.kcplab.sim.trace.TraceKind;
import io.kcplab.sim.trace.Tracer;

/**
 * One direction of a path, emulating Linux netem (sch_netem.c, netem_enqueue/netem_dequeue) on a virtual clock.
 *
 * <p>Per datagram handed to {@link #send}, in netem's order:
 * <ol>
 *   <li>link down (schedule: outage, partition) → drop OUTAGE; larger than the MTU → drop MTU (both happen before
 *       netem in a real stack and consume no randomness);</li>
 *   <li>duplication draw, then loss draw; lost and not duplicated → drop LOSS (a lost duplicate leaves one
 *       copy);</li>
 *   <li>corruption of the original (one bit flipped at a uniform payload offset), then truncation (KcpLab
 *       extension);</li>
 *   <li>limit check (packets held, and bytes held) → drop QUEUE for the original and its copy;</li>
 *   <li>the copy goes through loss, corruption, truncation, limit, reorder and delay itself, before the original
 *       (netem re-enqueues it at the root qdisc with duplication off);</li>
 *   <li>reorder decision (gap counter, probability): a reordered packet is sent now; otherwise
 *       {@code delay = latency ± jitter} from the distribution, and with a rate the packet is serialized after the
 *       last packet held: {@code sendTime = max(now + delay, lastSendTime) + size/rate};</li>
 *   <li>on an in-order link (KcpLab extension, {@link LinkProfile#inOrder()}) the send time is at least the
 *       latest one held, so nothing overtakes: a FIFO tunnel whose jitter delays the packets behind a slow
 *       one;</li>
 *   <li>held in send-time order; released when its send time has come and (with slots) a slot is open.</li>
 * </ol>
 * Every random decision draws from its own stream named {@code "link:<name>/<impairment>"}, so links and impairments
 * never disturb each other's draws (netem uses one generator for everything).
 *
 * <p>Deliberate differences from netem, all documented: corruption touches only the UDP payload (the simulated
 * network has no UDP checksum, so the receiver's own integrity checks see the damage); uniform jitter scales the
 * random number ({@code latency - jitter + u * 2 * jitter}) instead of netem's {@code rnd % (2 * jitter)} (no
 * modulo bias, no 4.29 s cap); negative delays are clamped to 0; the limit check also counts the duplicate that
 * was admitted just before its original, so the limit is never exceeded (netem can exceed it by one).
 *
 * <p>Internal times are nanoseconds (serialization of a 1500-byte packet at 10 Gbit/s is 1.2 µs); a packet is
 * delivered at the first microsecond tick at or after its send time.
 */
public final class Link implements EventHandler {

    private final Simulation sim;
    private final Tracer tracer;
    private final int id;
    private final String name;
    private final PacketPool pool;
    private final PacketSink sink;
    private final LinkCounters counters = new LinkCounters();
    private final PacketQueue held = new PacketQueue();

    private final RandomStream lossStream;
    private final RandomStream duplicateStream;
    private final RandomStream corruptStream;
    private final RandomStream truncateStream;
    private final RandomStream reorderStream;
    private final RandomStream delayStream;
    private final RandomStream slotStream;

    private LinkProfile profile;
    private boolean up = true;

    // runtime state of the impairments (rebuilt only when their part of the profile changes)
    private LossProcess loss;
    private CorrelatedRandom duplicateRandom;
    private long duplicateThreshold;
    private CorrelatedRandom corruptRandom;
    private long corruptThreshold;
    private CorrelatedRandom truncateRandom;
    private long truncateThreshold;
    private CorrelatedRandom reorderRandom;
    private long reorderThreshold;
    private int reorderGap;
    private long reorderCounter;
    private CorrelatedRandom delayRandom;
    private long latencyNanos;
    private long jitterNanos;
    private DelayDistribution distribution;
    private Rate rate;
    private long limitPackets;
    private long limitBytes;
    private int mtu;
    private boolean inOrder;
    private boolean slotEnabled;
    private long slotNextNanos;
    private long slotPacketsLeft;
    private long slotBytesLeft;

    private long lastSendNanos = Long.MIN_VALUE;   // max send time among held packets (netem's "last")
    private long nextPacketId;
    private long nextOrder;
    private boolean wakePending;
    private long wakeHandle;
    private long wakeAtMicros = Long.MAX_VALUE;
    private FateOracle fateOracle;   // null: the impairments decide (default); else a fault script does

    /**
     * @param id   stable small number for traces and hashes (the Network numbers links in creation order)
     * @param name stable name such as "a->b"; it names the random streams, so keep it stable across runs
     */
    public Link(Simulation sim, int id, String name, LinkProfile profile, PacketPool pool, PacketSink sink) {
        this.sim = sim;
        this.tracer = sim.tracer();
        this.id = id;
        this.name = name;
        this.pool = pool;
        this.sink = sink;
        RandomStreams streams = sim.random();
        String prefix = "link:" + name + "/";
        lossStream = streams.stream(prefix + "loss");
        duplicateStream = streams.stream(prefix + "duplicate");
        corruptStream = streams.stream(prefix + "corrupt");
        truncateStream = streams.stream(prefix + "truncate");
        reorderStream = streams.stream(prefix + "reorder");
        delayStream = streams.stream(prefix + "delay");
        slotStream = streams.stream(prefix + "slot");
        apply(profile);
    }

    public int id() {
        return id;
    }

    public String name() {
        return name;
    }

    public LinkProfile profile() {
        return profile;
    }

    public LinkCounters counters() {
        return counters;
    }

    /**
     * Whether the loss model made its latest loss in its burst state: during a DROP_LOSS trace event, whether that
     * drop counts as a burst loss ({@link LinkCounters#burstLosses}).
     */
    public boolean lastLossInBurst() {
        return loss.lastLossInBurst();
    }

    public boolean isUp() {
        return up;
    }

    /**
     * Switches to another profile now (handover, rate change). Packets already held keep their send times. State
     * of an impairment whose settings did not change (a Gilbert-Elliott chain, correlation memory) carries on;
     * changed impairments restart, as netem's {@code tc qdisc change} does.
     */
    public void setProfile(LinkProfile next) {
        apply(Check.notNull("profile", next));
        armWake();
    }

    /** Takes the link down (every new datagram is dropped with cause OUTAGE) or brings it back up. */
    public void setUp(boolean isUp) {
        this.up = isUp;
    }

    /**
     * Lets {@code oracle} decide every datagram's fate from now on instead of the profile's impairments (fault
     * script replay): no random stream is drawn, and outage, MTU, rate and slots are whatever the script says.
     * Null restores the impairments.
     */
    public void setFateOracle(FateOracle oracle) {
        this.fateOracle = oracle;
    }

    private void apply(LinkProfile next) {
        LinkProfile old = this.profile;
        this.profile = next;
        if (old == null || !old.loss().equals(next.loss())) {
            loss = new LossProcess(next.loss(), lossStream);
        }
        if (old == null || !old.duplicate().equals(next.duplicate())) {
            duplicateRandom = new CorrelatedRandom(duplicateStream, next.duplicate().correlation());
            duplicateThreshold = Check.threshold(next.duplicate().probability());
        }
        if (old == null || !old.corrupt().equals(next.corrupt())) {
            corruptRandom = new CorrelatedRandom(corruptStream, next.corrupt().correlation());
            corruptThreshold = Check.threshold(next.corrupt().probability());
        }
        if (old == null || !old.truncate().equals(next.truncate())) {
            truncateRandom = new CorrelatedRandom(truncateStream, next.truncate().correlation());
            truncateThreshold = Check.threshold(next.truncate().probability());
        }
        if (old == null || !old.reorder().equals(next.reorder())) {
            reorderRandom = new CorrelatedRandom(reorderStream, next.reorder().correlation());
            reorderThreshold = Check.threshold(next.reorder().probability());
            reorderGap = next.reorder().enabled() ? next.reorder().gap() : 0;
            reorderCounter = 0;
        }
        if (old == null || !old.delay().equals(next.delay())) {
            delayRandom = new CorrelatedRandom(delayStream, next.delay().correlation());
            latencyNanos = next.delay().latencyMicros() * 1000;
            jitterNanos = next.delay().jitterMicros() * 1000;
            distribution = next.delay().distribution();
        }
        if (old == null || !old.slot().equals(next.slot())) {
            slotEnabled = next.slot().enabled();
            slotNextNanos = sim.now() * 1000; // netem: a new slot configuration opens a slot now
            slotPacketsLeft = slotPacketLimit(next.slot());
            slotBytesLeft = slotByteLimit(next.slot());
        }
        rate = next.rate();
        limitPackets = next.limitPackets();
        limitBytes = next.limitBytes();
        mtu = next.mtu();
        inOrder = next.inOrder();
    }

    private static long slotPacketLimit(Slot s) {
        return s.maxPackets() == 0 ? Long.MAX_VALUE : s.maxPackets();
    }

    private static long slotByteLimit(Slot s) {
        return s.maxBytes() == 0 ? Long.MAX_VALUE : s.maxBytes();
    }

    /**
     * Hands a datagram to this direction at the current virtual time. The bytes are copied; the caller keeps its
     * buffer.
     */
    public void send(int srcAddress, int srcPort, int dstAddress, int dstPort, byte[] buf, int off, int len) {
        if (buf == null || off < 0 || len < 0 || off > buf.length - len) {
            throw new IllegalArgumentException("bad datagram slice: off=" + off + " len=" + len + " buffer="
                    + (buf == null ? "null" : buf.length + " bytes"));
        }
        long now = sim.now();
        Packet p = pool.acquire(len);
        System.arraycopy(buf, off, p.data, 0, len);
        p.srcAddress = srcAddress;
        p.srcPort = srcPort;
        p.dstAddress = dstAddress;
        p.dstPort = dstPort;
        p.id = nextPacketId++;
        p.duplicate = false;
        p.sendTimeMicros = now;
        counters.sent++;
        counters.sentBytes += len;
        tracer.onLinkEvent(now, TraceKind.SEND, this, p);
        if (fateOracle != null) {
            sendScripted(now, p);
            return;
        }

        if (!up) {
            drop(now, p, DropCause.OUTAGE);
            return;
        }
        if (p.ipLength() > mtu) {
            drop(now, p, DropCause.MTU);
            return;
        }
        int count = 1;
        if (duplicateRandom.hit(duplicateThreshold)) {
            count++;
        }
        if (loss.lose()) {
            count--;
        }
        if (count == 0) {
            drop(now, p, DropCause.LOSS);
            return;
        }
        Packet copy = null;
        if (count > 1) {
            copy = duplicateOf(now, p);
        }
        damage(now, p);
        if (full(p)) {
            drop(now, p, DropCause.QUEUE);
            if (copy != null) {
                drop(now, copy, DropCause.QUEUE);
            }
            return;
        }
        if (copy != null) {
            if (loss.lose()) {
                drop(now, copy, DropCause.LOSS);
            } else {
                damage(now, copy);
                if (full(copy)) {
                    drop(now, copy, DropCause.QUEUE);
                } else {
                    admit(now, copy);
                }
            }
            if (full(p)) { // the copy took the last place
                drop(now, p, DropCause.QUEUE);
                return;
            }
        }
        admit(now, p);
    }

    private boolean full(Packet p) {
        return counters.inFlight >= limitPackets || counters.inFlightBytes + p.ipLength() > limitBytes;
    }

    private void damage(long now, Packet p) {
        if (corruptRandom.hit(corruptThreshold) && p.length > 0) {
            int at = corruptStream.nextInt(p.length);
            p.data[at] ^= (byte) (1 << corruptStream.nextInt(8));
            counters.corrupted++;
            tracer.onLinkEvent(now, TraceKind.CORRUPT, this, p);
        }
        if (truncateRandom.hit(truncateThreshold) && p.length > 0) {
            p.length = truncateStream.nextInt(p.length);
            counters.truncated++;
            tracer.onLinkEvent(now, TraceKind.TRUNCATE, this, p);
        }
    }

    private void admit(long nowMicros, Packet p) {
        long nowNanos = nowMicros * 1000;
        if (reorderGap == 0 || reorderCounter < reorderGap - 1 || reorderThreshold < reorderRandom.next()) {
            long delay = sampleDelayNanos();
            long start = nowNanos;
            if (rate.limited()) {
                if (!held.isEmpty()) {
                    // netem: the last queued packet is the reference point; time it still waits counts as delay
                    delay = Math.max(0, delay - (lastSendNanos - nowNanos));
                    start = lastSendNanos;
                }
                delay += rate.transmitNanos(p.ipLength());
            }
            p.deliverNanos = start + delay;
            if (inOrder && !held.isEmpty() && p.deliverNanos < lastSendNanos) {
                // a FIFO tunnel: ties leave in admission order (the queue breaks them by insertion order)
                p.deliverNanos = lastSendNanos;
            }
            reorderCounter++;
        } else {
            p.deliverNanos = nowNanos; // overtakes everything still delayed
            reorderCounter = 0;
            counters.reordered++;
            tracer.onLinkEvent(nowMicros, TraceKind.REORDER, this, p);
        }
        hold(p);
    }

    /** A counted, traced copy of {@code p} (a duplicate the link delivers on its own). */
    private Packet duplicateOf(long now, Packet p) {
        Packet copy = pool.acquire(p.length);
        System.arraycopy(p.data, 0, copy.data, 0, p.length);
        copy.srcAddress = p.srcAddress;
        copy.srcPort = p.srcPort;
        copy.dstAddress = p.dstAddress;
        copy.dstPort = p.dstPort;
        copy.id = p.id;
        copy.duplicate = true;
        copy.sendTimeMicros = now;
        counters.duplicated++;
        tracer.onLinkEvent(now, TraceKind.DUPLICATE, this, copy);
        return copy;
    }

    /** Queues {@code p}, whose delivery time is set, behind the datagrams in flight. */
    private void hold(Packet p) {
        p.order = nextOrder++;
        if (held.isEmpty() || p.deliverNanos > lastSendNanos) {
            lastSendNanos = p.deliverNanos;
        }
        held.add(p);
        counters.inFlight++;
        counters.inFlightBytes += p.ipLength();
        if (held.peek() == p) {
            armWake();
        }
    }

    /** Replay: the oracle's fate, applied in the order the impairments would (the duplicate goes first). */
    private void sendScripted(long now, Packet p) {
        Fate fate = fateOracle.decide(this, p);
        if (fate.count() > 1) {
            applyScripted(now, duplicateOf(now, p), fate.copy(1));
        }
        applyScripted(now, p, fate.copy(0));
    }

    private void applyScripted(long now, Packet p, Fate.Copy c) {
        if (c.corruptAt() >= 0 && c.corruptAt() < p.length) {
            p.data[c.corruptAt()] ^= (byte) c.corruptMask();
            counters.corrupted++;
            tracer.onLinkEvent(now, TraceKind.CORRUPT, this, p);
        }
        if (c.truncateTo() >= 0 && c.truncateTo() < p.length) {
            p.length = c.truncateTo();
            counters.truncated++;
            tracer.onLinkEvent(now, TraceKind.TRUNCATE, this, p);
        }
        if (c.dropped()) {
            drop(now, p, c.cause());
            return;
        }
        p.deliverNanos = c.deliverNanos(now);
        hold(p);
    }

    /** netem's tabledist: latency + jitter * distribution(correlated uniform), clamped at 0. */
    private long sampleDelayNanos() {
        if (jitterNanos == 0) {
            return latencyNanos;
        }
        long rnd = delayRandom.next();
        double u = (rnd + 0.5) * 0x1.0p-32;
        long delay;
        if (distribution == DelayDistribution.UNIFORM) {
            delay = latencyNanos - jitterNanos + (long) (u * (2 * jitterNanos));
        } else {
            delay = latencyNanos + Math.round(jitterNanos * distribution.quantile(u));
        }
        return Math.max(0, delay);
    }

    private void drop(long now, Packet p, DropCause cause) {
        counters.dropped[cause.ordinal()]++;
        if (cause == DropCause.LOSS && loss.lastLossInBurst()) {
            counters.burstLosses++;
        }
        tracer.onLinkEvent(now, cause.traceKind(), this, p);
        pool.release(p);
    }

    /** The link's release event: delivers every packet whose send time has come (netem_dequeue). */
    @Override
    public void onEvent(long nowMicros, long arg) {
        wakePending = false;
        wakeAtMicros = Long.MAX_VALUE;
        long nowNanos = nowMicros * 1000;
        while (!held.isEmpty()) {
            Packet head = held.peek();
            if (head.deliverNanos > nowNanos) {
                break;
            }
            if (slotted()) {
                // netem: a packet due after the current slot opened waits for the next slot
                if (slotNextNanos < head.deliverNanos) {
                    nextSlot(nowNanos);
                }
                if (slotNextNanos > nowNanos) {
                    break;
                }
            }
            held.poll();
            counters.inFlight--;
            counters.inFlightBytes -= head.ipLength();
            if (slotted()) {
                slotPacketsLeft--;
                slotBytesLeft -= head.ipLength();
                if (slotPacketsLeft <= 0 || slotBytesLeft <= 0) {
                    nextSlot(nowNanos);
                }
            }
            counters.delivered++;
            counters.deliveredBytes += head.length;
            tracer.onLinkEvent(nowMicros, TraceKind.DELIVER, this, head);
            sink.receive(nowMicros, this, head);
            pool.release(head);
        }
        armWake();
    }

    /** netem's get_slot_next: the next slot opens a uniform time in [min, max] from now. */
    private void nextSlot(long nowNanos) {
        Slot s = profile.slot();
        long min = s.minDelayMicros() * 1000;
        long span = s.maxDelayMicros() * 1000 - min;
        long next = min + (long) (slotStream.nextU32() * 0x1.0p-32 * span);
        slotNextNanos = nowNanos + next;
        slotPacketsLeft = slotPacketLimit(s);
        slotBytesLeft = slotByteLimit(s);
    }

    /** Makes sure a release event is pending no later than the head packet can leave. */
    private void armWake() {
        if (held.isEmpty()) {
            return; // a pending early wake, if any, finds nothing and goes away
        }
        long dueNanos = held.peek().deliverNanos;
        if (slotted()) {
            dueNanos = Math.max(dueNanos, slotNextNanos);
        }
        long due = Math.max(sim.now(), ceilMicros(dueNanos));
        if (wakePending) {
            if (wakeAtMicros <= due) {
                return;
            }
            sim.cancel(wakeHandle);
        }
        wakePending = true;
        wakeAtMicros = due;
        wakeHandle = sim.schedule(due, this, 0);
    }

    /** Slots shape the impairments' timing only; a fault script's delays already include their effect. */
    private boolean slotted() {
        return slotEnabled && fateOracle == null;
    }

    private static long ceilMicros(long nanos) {
        return Math.floorDiv(nanos + 999, 1000);
    }

    @Override
    public String toString() {
        return "Link[" + id + " " + name + (up ? "" : " DOWN") + "]";
    }
}
