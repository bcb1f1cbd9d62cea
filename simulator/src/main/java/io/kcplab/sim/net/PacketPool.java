package io.kcplab.sim.net;

/**
 * Free lists of packets by power-of-two capacity (64 B .. 64 KiB), so that a steady-state simulation reuses
 * buffers instead of allocating one per datagram. Single-threaded, like the simulation that owns it.
 */
public final class PacketPool {

    public static final int MAX_PAYLOAD = 65_507; // largest UDP payload over IPv4
    private static final int MIN_SHIFT = 6;
    private static final int MAX_SHIFT = 16;

    private final Packet[] free = new Packet[MAX_SHIFT + 1];
    private long allocated;

    /** A packet whose buffer holds at least {@code length} bytes; its length is set, other fields are stale. */
    public Packet acquire(int length) {
        if (length < 0 || length > MAX_PAYLOAD) {
            throw new IllegalArgumentException("datagram length must be in [0, " + MAX_PAYLOAD + "] bytes, got "
                    + length);
        }
        int shift = Math.max(MIN_SHIFT, 32 - Integer.numberOfLeadingZeros(Math.max(1, length) - 1));
        Packet p = free[shift];
        if (p != null) {
            free[shift] = p.nextFree;
            p.nextFree = null;
        } else {
            p = new Packet(1 << shift);
            allocated++;
        }
        p.length = length;
        return p;
    }

    public void release(Packet p) {
        int shift = 31 - Integer.numberOfLeadingZeros(p.data.length);
        p.nextFree = free[shift];
        free[shift] = p;
    }

    /** Packets created so far (a steady state stops growing this). */
    public long allocated() {
        return allocated;
    }
}
