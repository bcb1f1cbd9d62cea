package io.kcplab.sim.metrics;

import io.kcplab.protocol.Connection;
import io.kcplab.sim.RandomStream;

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
            metrics.written(accepted);
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

    // fill/verify produce exactly valueAt(offset + i), one mix per 8-byte word instead of one per byte (the
    // per-byte mix was the simulator's top hot spot in SimulationSpeedBenchmark bulk runs)
    private void fill(byte[] buf, long offset, int len) {
        int i = 0;
        while (i < len) {
            long at = offset + i;
            int shift = (int) (at & 7);
            int n = Math.min(8 - shift, len - i);
            long word = RandomStream.splitMix64Mix(seed + (at >>> 3)) >>> (shift << 3);
            for (int k = 0; k < n; k++) {
                buf[i + k] = (byte) word;
                word >>>= 8;
            }
            i += n;
        }
    }

    private void verify(byte[] buf, long offset, int len) {
        long bad = 0;
        int i = 0;
        while (i < len) {
            long at = offset + i;
            int shift = (int) (at & 7);
            int n = Math.min(8 - shift, len - i);
            long word = RandomStream.splitMix64Mix(seed + (at >>> 3)) >>> (shift << 3);
            for (int k = 0; k < n; k++) {
                if (buf[i + k] != (byte) word) {
                    bad++;
                }
                word >>>= 8;
            }
            i += n;
        }
        if (bad > 0) {
            metrics.integrityError(bad);
        }
    }

    /** The definition of the stream: byte {@code offset} (fill and verify compute it a word at a time). */
    @SuppressWarnings("unused")
    private byte valueAt(long offset) {
        return (byte) (RandomStream.splitMix64Mix(seed + (offset >>> 3)) >>> ((offset & 7) << 3));
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
