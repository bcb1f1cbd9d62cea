package io.kcplab.sim.metrics;

import io.kcplab.protocol.Connection;
import io.kcplab.sim.RandomStream;
import java.util.Arrays;

/**
 * One direction of application bytes over a KCP conversation, checked end to end. The writer side holds a backlog
 * of offered bytes and writes them into the sending {@link Connection} as its window allows; every byte's value
 * is a pure function of (stream seed, offset), so the reader side verifies each delivered byte in place — in
 * order, exactly once, intact — without keeping a copy. A ledger of (end offset, write time) turns deliveries
 * into one-way latencies from write to read.
 *
 * <p>Message mode: each write is one message of at most {@code chunkSize} bytes; stream mode: writes of up to
 * {@code chunkSize} bytes, and reads of whatever is ready.
 */
public final class ByteStream {

    private final long seed;
    private final int chunkSize;
    private final FlowMetrics metrics;
    private final byte[] writeBuf;
    private final byte[] readBuf;
    private final byte[] expected;
    private final int rotation;
    private long backlog;
    private long writeOffset;
    private long readOffset;
    // ledger ring: end offsets and write times of chunks not yet fully read
    private long[] ledgerEnd = new long[64];
    private long[] ledgerTime = new long[64];
    private int ledgerHead;
    private int ledgerSize;

    public ByteStream(long seed, int chunkSize, FlowMetrics metrics) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunk size must be >= 1 byte, got " + chunkSize);
        }
        this.seed = seed;
        this.chunkSize = chunkSize;
        this.metrics = metrics;
        this.writeBuf = new byte[chunkSize];
        this.readBuf = new byte[Math.max(chunkSize, 2048)];
        this.expected = new byte[readBuf.length];
        this.rotation = (int) RandomStream.splitMix64Mix(seed) & (WINDOW - 1);
    }

    /** The application has {@code bytes} more to send. */
    public void offer(long bytes) {
        backlog += bytes;
        metrics.offered(bytes);
    }

    public long backlog() {
        return backlog;
    }

    public long written() {
        return writeOffset;
    }

    public long delivered() {
        return readOffset;
    }

    public FlowMetrics metrics() {
        return metrics;
    }

    /** Writes as much of the backlog as {@code sender} accepts. */
    public void pump(Connection sender, long nowMicros) {
        while (backlog > 0) {
            int n = (int) Math.min(backlog, chunkSize);
            fill(writeBuf, writeOffset, n);
            int accepted = sender.write(writeBuf, 0, n, nowMicros / 1000);
            if (accepted <= 0) {
                return;
            }
            writeOffset += accepted;
            backlog -= accepted;
            metrics.written(accepted, nowMicros);
            ledgerAdd(writeOffset, nowMicros);
        }
    }

    /** Reads everything {@code receiver} has ready, verifying every byte. Returns the bytes read. */
    public long drain(Connection receiver, long nowMicros) {
        long total = 0;
        int n;
        while ((n = receiver.read(readBuf, 0, readBuf.length)) > 0) {
            verify(readBuf, readOffset, n);
            readOffset += n;
            total += n;
            while (ledgerSize > 0 && ledgerEnd[ledgerHead] <= readOffset) {
                metrics.recordLatency(nowMicros - ledgerTime[ledgerHead]);
                ledgerHead = (ledgerHead + 1) & (ledgerEnd.length - 1);
                ledgerSize--;
            }
        }
        metrics.delivered(total, nowMicros);
        return total;
    }

    /*
     * The stream's content: byte i = PATTERN[(i + rotation) mod 64 KiB] XOR tag(i / 64 KiB), where the rotation
     * and the per-64-KiB tags derive from the stream's seed. Every byte depends on its offset within a 64 KiB
     * window (so a misplaced, duplicated or reordered segment — at most 1500 bytes — shows) and the tag changes
     * from window to window; runs of it are produced with arraycopy + a vectorisable XOR and checked with
     * Arrays.equals, instead of one hash per byte or word (the simulator's top hot spot in bulk runs).
     */
    private static final int WINDOW = 1 << 16;
    private static final byte[] PATTERN = new byte[WINDOW];

    static {
        long x = 0x5EED_0F_B17E5L;
        for (int i = 0; i < WINDOW; i += 8) {
            long w = RandomStream.splitMix64Mix(x += 0x9E3779B97F4A7C15L);
            for (int k = 0; k < 8; k++) {
                PATTERN[i + k] = (byte) (w >>> (k << 3));
            }
        }
    }

    private void fill(byte[] buf, int pos, long offset, int len) {
        int end = pos + len;
        while (pos < end) {
            int index = (int) ((offset + rotation) & (WINDOW - 1));
            int n = Math.min(end - pos, Math.min(WINDOW - index, WINDOW - (int) (offset & (WINDOW - 1))));
            System.arraycopy(PATTERN, index, buf, pos, n);
            byte tag = tag(offset >>> 16);
            for (int k = pos; k < pos + n; k++) {
                buf[k] ^= tag;
            }
            pos += n;
            offset += n;
        }
    }

    private void fill(byte[] buf, long offset, int len) {
        fill(buf, 0, offset, len);
    }

    private void verify(byte[] buf, long offset, int len) {
        fill(expected, 0, offset, len);
        if (Arrays.equals(buf, 0, len, expected, 0, len)) {
            return;
        }
        long bad = 0;
        for (int i = 0; i < len; i++) {
            if (buf[i] != expected[i]) {
                bad++;
            }
        }
        metrics.integrityError(bad);
    }

    private byte tag(long window) {
        return (byte) RandomStream.splitMix64Mix(seed ^ (window * 0xD1B54A32D192ED03L));
    }

    private void ledgerAdd(long endOffset, long timeMicros) {
        if (ledgerSize == ledgerEnd.length) {
            long[] e = new long[ledgerEnd.length * 2];
            long[] t = new long[ledgerEnd.length * 2];
            for (int i = 0; i < ledgerSize; i++) {
                e[i] = ledgerEnd[(ledgerHead + i) & (ledgerEnd.length - 1)];
                t[i] = ledgerTime[(ledgerHead + i) & (ledgerEnd.length - 1)];
            }
            ledgerEnd = e;
            ledgerTime = t;
            ledgerHead = 0;
        }
        int tail = (ledgerHead + ledgerSize) & (ledgerEnd.length - 1);
        ledgerEnd[tail] = endOffset;
        ledgerTime[tail] = timeMicros;
        ledgerSize++;
    }
}
