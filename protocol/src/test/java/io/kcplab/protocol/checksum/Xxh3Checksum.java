package io.kcplab.protocol.checksum;

import net.openhft.hashing.LongHashFunction;

/**
 * XXH3-64 (zero-allocation-hashing) as an 8-byte unkeyed checksum: a yardstick the checksum benchmark measures
 * the wire checksums against. Not a wire profile of kcp-go, so test code only (protocol's test-jar). Stateless and
 * thread-safe.
 */
public final class Xxh3Checksum implements PacketChecksum {

    public static final int SIZE = 8;

    private final LongHashFunction function;

    /** XXH3-64 with seed 0. */
    public Xxh3Checksum() {
        this(0);
    }

    /** XXH3-64 with a seed (for example one per run hash stream). */
    public Xxh3Checksum(long seed) {
        this.function = seed == 0 ? LongHashFunction.xx3() : LongHashFunction.xx3(seed);
    }

    @Override
    public int size() {
        return SIZE;
    }

    @Override
    public String name() {
        return "xxh3";
    }

    @Override
    public long compute(byte[] buf, int off, int len) {
        return function.hashBytes(buf, off, len);
    }
}
