package io.kcplab.bench.kcp;

/**
 * One direction of an in-memory link for benchmarks: a bounded ring of reused datagram slots (tail drop when
 * full) and random loss from a seeded xorshift. Delivery takes the datagrams queued when it starts, so a datagram
 * sent during delivery waits for the next virtual tick.
 */
public final class VirtualLink {
    /** Receives one datagram; the array is the link's slot, valid only during the call. */
    @FunctionalInterface
    public interface Sink {
        void accept(byte[] datagram, int len);
    }

    private final byte[][] slots;
    private final int[] lengths;
    private final int lossPercent;
    private long rng;
    private int head;
    private int size;
    private long dropped;

    public VirtualLink(int capacity, int maxDatagram, int lossPercent, long seed) {
        slots = new byte[capacity][maxDatagram];
        lengths = new int[capacity];
        this.lossPercent = lossPercent;
        this.rng = seed == 0 ? 0x9E3779B97F4A7C15L : seed;
    }

    private boolean lose() {
        if (lossPercent <= 0) {
            return false;
        }
        rng ^= rng << 13;
        rng ^= rng >>> 7;
        rng ^= rng << 17;
        return Long.remainderUnsigned(rng, 100) < lossPercent;
    }

    /** Queues a copy of {@code buf[off, off+len)} unless it is lost or the ring is full. */
    public void offer(byte[] buf, int off, int len) {
        if (lose() || size == slots.length || len > slots[0].length) {
            dropped++;
            return;
        }
        int tail = (head + size) % slots.length;
        System.arraycopy(buf, off, slots[tail], 0, len);
        lengths[tail] = len;
        size++;
    }

    /** Slot to fill directly (for ByteBuf sources); call {@link #commit(int)} after writing, or nothing to drop it. */
    public byte[] claim() {
        if (lose() || size == slots.length) {
            dropped++;
            return null;
        }
        return slots[(head + size) % slots.length];
    }

    public void commit(int len) {
        lengths[(head + size) % slots.length] = len;
        size++;
    }

    public int maxDatagram() {
        return slots[0].length;
    }

    /** Delivers the datagrams queued now, oldest first. */
    public void drainTo(Sink sink) {
        for (int n = size; n > 0; n--) {
            byte[] slot = slots[head];
            int len = lengths[head];
            head = (head + 1) % slots.length;
            size--;
            sink.accept(slot, len);
        }
    }

    public long dropped() {
        return dropped;
    }
}
