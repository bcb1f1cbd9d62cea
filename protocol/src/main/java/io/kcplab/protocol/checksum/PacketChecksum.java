package io.kcplab.protocol.checksum;

/**
 * The integrity field of a KCP datagram's crypto header: {@link #size()} bytes, little-endian, at some position
 * {@code at}, covering every byte after itself up to the end of the packet — kcp-go's CRC32 at offset 16 covers
 * {@code [20, end)}. Implementations compute over caller-supplied ranges without allocating; they may keep
 * reusable state, so an instance belongs to one thread (one codec).
 */
public interface PacketChecksum {

    /** Bytes the field occupies on the wire (4 for CRC32, 8 for the 64-bit hashes). */
    int size();

    /** A short name for configuration and reports ("crc32", "highway64", "xxh3"). */
    String name();

    /**
     * The checksum of {@code buf[off, off + len)}; only the low {@code 8 * size()} bits are meaningful and
     * the rest are zero.
     */
    long compute(byte[] buf, int off, int len);

    /** Computes the checksum of {@code packet[at + size(), end)} and stores it little-endian at {@code at}. */
    default void write(byte[] packet, int at, int end) {
        long value = compute(packet, at + size(), end - at - size());
        LittleEndian.put(packet, at, value, size());
    }

    /** True when the field at {@code at} matches the checksum of {@code packet[at + size(), end)}. */
    default boolean verify(byte[] packet, int at, int end) {
        if (at < 0 || end - at < size() || end > packet.length) {
            return false;
        }
        return compute(packet, at + size(), end - at - size()) == LittleEndian.get(packet, at, size());
    }
}
