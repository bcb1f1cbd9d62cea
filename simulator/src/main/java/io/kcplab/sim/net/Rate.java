package io.kcplab.sim.net;

/**
 * netem {@code rate RATE [PACKETOVERHEAD [CELLSIZE [CELLOVERHEAD]]]}: serialization at a bottleneck. A packet of
 * {@code len} bytes (its IPv4 packet: UDP payload + 28) occupies the link for
 * {@code (len + packetOverhead) * 8 / bitsPerSecond} seconds; with a cell size the length is first rounded up to
 * whole cells of {@code cellSize + cellOverhead} bytes (ATM-like links).
 *
 * @param bitsPerSecond 0 = unlimited
 * @param packetOverhead bytes added per packet, may be negative (e.g. 14 to count an Ethernet header)
 */
public record Rate(long bitsPerSecond, int packetOverhead, int cellSize, int cellOverhead) {

    public static final Rate UNLIMITED = new Rate(0, 0, 0, 0);
    public static final long MAX_BITS_PER_SECOND = 1_000_000_000_000L;

    public Rate {
        Check.range("rate.bitsPerSecond", bitsPerSecond, 0, MAX_BITS_PER_SECOND, " bit/s (0 = unlimited)");
        Check.range("rate.packetOverhead", packetOverhead, -1500, 65_535, " bytes");
        Check.range("rate.cellSize", cellSize, 0, 65_535, " bytes (0 = no cells)");
        Check.range("rate.cellOverhead", cellOverhead, -1500, 65_535, " bytes");
    }

    public static Rate bitsPerSecond(long bitsPerSecond) {
        return new Rate(bitsPerSecond, 0, 0, 0);
    }

    public boolean limited() {
        return bitsPerSecond > 0;
    }

    /** Serialization time in nanoseconds of an IPv4 packet of {@code ipLength} bytes (netem's packet_time_ns). */
    public long transmitNanos(int ipLength) {
        long len = ipLength + (long) packetOverhead;
        if (cellSize > 0) {
            long cells = len / cellSize;
            if (len > cells * cellSize) {
                cells++;
            }
            len = cells * (cellSize + cellOverhead);
        }
        if (len <= 0) {
            return 0;
        }
        return len * 8_000_000_000L / bitsPerSecond;
    }
}
