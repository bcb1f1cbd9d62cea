package io.kcplab.sim;

import io.kcplab.sim.net.Link;
import io.kcplab.sim.net.Packet;
import io.kcplab.sim.trace.TraceKind;
import io.kcplab.sim.trace.TraceSink;
import net.openhft.hashing.LongHashFunction;

/**
 * A fingerprint of a whole run: XXH3-64 over every link event (time, kind, link id, packet id, length, and the
 * payload's own XXH3 where the bytes are new: at a send, and after a corruption; a delivery's bytes follow from
 * those), plus anything components {@link #mix} in (hosts mix their wakeups). Same scenario and seed
 * give the same hash on every run and machine; any divergence, however small, changes it.
 *
 * <p>Records are collected in a long[] block and each full block is hashed with the previous block's hash as its
 * first word (a chain), so hashing costs a few nanoseconds per event and allocates nothing.
 */
public final class RunHash implements TraceSink {

    private static final LongHashFunction XX3 = LongHashFunction.xx3();
    private static final int BLOCK = 512;

    private final long[] block = new long[BLOCK];
    private int used = 1;
    private long events;

    @Override
    public void onLinkEvent(long timeMicros, TraceKind kind, Link link, Packet packet) {
        long content = 0;
        int length = -1;
        long id = -1;
        if (packet != null) {
            length = packet.length();
            id = packet.id();
            if (kind == TraceKind.SEND || kind == TraceKind.CORRUPT) {
                content = XX3.hashBytes(packet.data(), 0, length);
            }
        }
        append(timeMicros, ((long) kind.code() << 32) | (link == null ? 0xFFFFFFFFL : link.id() & 0xFFFFFFFFL),
                id, ((long) length << 1) | (packet != null && packet.isDuplicate() ? 1 : 0), content);
    }

    /** Adds a component's own observation (e.g. application bytes delivered) to the fingerprint. */
    public void mix(long timeMicros, long value) {
        append(timeMicros, -2L, value, 0, 0);
    }

    private void append(long a, long b, long c, long d, long e) {
        if (used + 5 > BLOCK) {
            flush();
        }
        block[used++] = a;
        block[used++] = b;
        block[used++] = c;
        block[used++] = d;
        block[used++] = e;
        events++;
    }

    private void flush() {
        block[0] = XX3.hashLongs(block, 0, used);
        used = 1;
    }

    /** Events hashed so far. */
    public long events() {
        return events;
    }

    /** The hash of everything so far (does not disturb further hashing). */
    public long value() {
        return XX3.hashLongs(block, 0, used) ^ events;
    }

    /** {@link #value()} as 16 hex digits. */
    public String hex() {
        return String.format("%016x", value());
    }
}
