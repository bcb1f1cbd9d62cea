package io.kcplab.sim.node;

/**
 * A workload without KCP: sends {@code count} datagrams of {@code size} bytes, one every {@code intervalMicros},
 * to a fixed destination. Each payload starts with its sequence number (8 bytes, big-endian) and its send time
 * (8 bytes); the rest is a fixed pattern ({@code byte i = i * 31 + 7}), so a receiver can detect damage. Used to
 * test link properties and to benchmark the simulator itself.
 */
public final class ConstantRateSender implements DatagramHandler {

    public static final int HEADER = 16;

    private final int dstAddress;
    private final int dstPort;
    private final int size;
    private final long intervalMicros;
    private final long count;
    private final long startMicros;
    private final byte[] buffer;
    private long sent;

    /**
     * @param size at least 16 bytes (the header)
     */
    public ConstantRateSender(int dstAddress, int dstPort, int size, long intervalMicros, long count,
                              long startMicros) {
        if (size < HEADER || size > 65_507) {
            throw new IllegalArgumentException("size must be in [" + HEADER + ", 65507] bytes, got " + size);
        }
        if (intervalMicros < 1) {
            throw new IllegalArgumentException("intervalMicros must be >= 1, got " + intervalMicros);
        }
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + count);
        }
        this.dstAddress = dstAddress;
        this.dstPort = dstPort;
        this.size = size;
        this.intervalMicros = intervalMicros;
        this.count = count;
        this.startMicros = startMicros;
        this.buffer = new byte[size];
        fill(buffer, 0, 0);
    }

    @Override
    public void onBind(Port port) {
        if (count > 0) {
            port.wakeAt(startMicros);
        }
    }

    @Override
    public void onDatagram(Port port, long nowMicros, byte[] buf, int off, int len, int srcAddress, int srcPort) {
        // a pure source ignores replies
    }

    @Override
    public void onWakeup(Port port, long nowMicros) {
        putLong(buffer, 0, sent);
        putLong(buffer, 8, nowMicros);
        port.sendTo(dstAddress, dstPort, buffer, 0, size);
        sent++;
        if (sent < count) {
            port.wakeAt(nowMicros + intervalMicros);
        }
    }

    public long sent() {
        return sent;
    }

    /** Writes the payload of datagram {@code seq} sent at {@code timeMicros} into {@code buf}. */
    public static void fill(byte[] buf, long seq, long timeMicros) {
        putLong(buf, 0, seq);
        putLong(buf, 8, timeMicros);
        for (int i = HEADER; i < buf.length; i++) {
            buf[i] = (byte) (i * 31 + 7);
        }
    }

    /** True if {@code buf[off, off+len)} is exactly a payload this class wrote of {@code len} bytes. */
    public static boolean intact(byte[] buf, int off, int len) {
        if (len < HEADER) {
            return false;
        }
        for (int i = HEADER; i < len; i++) {
            if (buf[off + i] != (byte) (i * 31 + 7)) {
                return false;
            }
        }
        return true;
    }

    static void putLong(byte[] b, int at, long v) {
        for (int i = 7; i >= 0; i--) {
            b[at + i] = (byte) v;
            v >>>= 8;
        }
    }

    public static long getLong(byte[] b, int at) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[at + i] & 0xFF);
        }
        return v;
    }
}
