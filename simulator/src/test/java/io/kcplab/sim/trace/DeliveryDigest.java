package io.kcplab.sim.trace;

import io.kcplab.sim.net.Link;
import io.kcplab.sim.net.Packet;
import net.openhft.hashing.LongHashFunction;

/**
 * Test sink: a fingerprint of what the links did that a receiver can observe or a counter shows — every delivery
 * (time, link, packet id, copy, length, bytes), in order, and every drop (time, link, packet id, copy, length,
 * kind), as a set. Replays must
 * match the recorded run on it; impairment-only events (REORDER) are left out on purpose.
 */
final class DeliveryDigest implements TraceSink {

    private static final LongHashFunction XX3 = LongHashFunction.xx3();
    private long hash = 17;
    private long dropSum;
    private long deliveries;
    private long drops;

    @Override
    public void onLinkEvent(long timeMicros, TraceKind kind, Link link, Packet packet) {
        if (packet == null) {
            return;
        }
        boolean deliver = kind == TraceKind.DELIVER;
        boolean drop = kind.name().startsWith("DROP_");
        if (!deliver && !drop) {
            return;
        }
        if (deliver) {
            deliveries++;
        } else {
            drops++;
        }
        if (deliver) {
            long content = XX3.hashBytes(packet.data(), 0, packet.length());
            hash = XX3.hashLongs(new long[] {hash, timeMicros, link.id(), packet.id(), packet.isDuplicate() ? 1 : 0,
                    packet.length(), content});
        } else {
            // a sum: the order of two drops of one datagram's copies in one call is not observable
            dropSum += XX3.hashLongs(new long[] {timeMicros, link.id(), packet.id(), packet.isDuplicate() ? 1 : 0,
                    packet.length(), kind.code()});
        }
    }

    long deliveries() {
        return deliveries;
    }

    long drops() {
        return drops;
    }

    String hex() {
        return String.format("%016x/%016x/%d/%d", hash, dropSum, deliveries, drops);
    }
}
