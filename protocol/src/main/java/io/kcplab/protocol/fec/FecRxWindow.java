package io.kcplab.protocol.fec;

import java.util.Arrays;

/**
 * {@link FecDecoder}'s receive window: packets sorted by seqid (signed 32-bit difference), each in a pooled
 * buffer ({@value #SMALL} or 1500 bytes) holding the packet from its FEC header on, in parallel arrays so a lookup
 * touches no object. The pools are bounded by the window's capacity plus one group of scratch buffers.
 */
final class FecRxWindow {

    private static final int MTU = FecEncoder.MTU_LIMIT;

    byte[][] buf = new byte[0][];
    int[] len = new int[0];
    int[] seq = new int[0];
    int[] ts = new int[0];
    boolean[] data = new boolean[0];
    int count;

    /**
     * Buffers come in two sizes: {@value #SMALL} bytes, which hold the shards of small datagrams (ACKs, short
     * messages: what thousands of mostly idle sessions receive), and {@link #MTU}. An idle session's window fills
     * with parity shards that wait for their expiry; at MTU size each, 10,000 sessions held over a gigabyte.
     */
    static final int SMALL = 256;

    private final BufferPool small = new BufferPool(SMALL);
    private final BufferPool large = new BufferPool(MTU);

    /** Where {@code seqid} goes, scanning from the newest; -1 if that seqid is already present. */
    int insertionPoint(int seqid) {
        for (int i = count - 1; i >= 0; i--) {
            if (seqid == seq[i]) {
                return -1;
            }
            if (seqid - seq[i] > 0) {
                return i + 1;
            }
        }
        return 0;
    }

    /** Copies {@code pkt[off, off + n)} into a pooled buffer at window index {@code at}. */
    void insert(int at, byte[] pkt, int off, int n, int seqid, int nowMs, boolean isData) {
        ensureCapacity(count + 1);
        byte[] copy = takeBuffer(n);
        System.arraycopy(pkt, off, copy, 0, n);
        int tail = count - at;
        if (tail > 0) {
            System.arraycopy(buf, at, buf, at + 1, tail);
            System.arraycopy(len, at, len, at + 1, tail);
            System.arraycopy(seq, at, seq, at + 1, tail);
            System.arraycopy(ts, at, ts, at + 1, tail);
            System.arraycopy(data, at, data, at + 1, tail);
        }
        buf[at] = copy;
        len[at] = n;
        seq[at] = seqid;
        ts[at] = nowMs;
        data[at] = isData;
        count++;
    }

    void ensureCapacity(int needed) {
        if (buf.length >= needed) {
            return;
        }
        int cap = Math.max(needed, buf.length);
        buf = Arrays.copyOf(buf, cap);
        len = Arrays.copyOf(len, cap);
        seq = Arrays.copyOf(seq, cap);
        ts = Arrays.copyOf(ts, cap);
        data = Arrays.copyOf(data, cap);
        small.ensureCapacity(cap + ShardCounts.MAX_TOTAL_SHARDS);
        large.ensureCapacity(cap + ShardCounts.MAX_TOTAL_SHARDS);
    }

    /** Frees the entries at indices {@code [first, first + n)}. */
    void freeRange(int first, int n) {
        for (int i = first; i < first + n; i++) {
            giveBuffer(buf[i]);
        }
        int tail = count - (first + n);
        System.arraycopy(buf, first + n, buf, first, tail);
        System.arraycopy(len, first + n, len, first, tail);
        System.arraycopy(seq, first + n, seq, first, tail);
        System.arraycopy(ts, first + n, ts, first, tail);
        System.arraycopy(data, first + n, data, first, tail);
        count -= n;
        Arrays.fill(buf, count, count + n, null);
    }

    /** Frees the entries at the ascending window indices {@code idx[0 .. n)}, keeping every other entry's order. */
    void freeMembers(int[] idx, int n) {
        int write = idx[0];
        int m = 0;
        for (int read = idx[0]; read < count; read++) {
            if (m < n && read == idx[m]) {
                giveBuffer(buf[read]);
                m++;
                continue;
            }
            moveEntry(read, write++);
        }
        Arrays.fill(buf, write, count, null);
        count = write;
    }

    /** Entries at the head older than {@code expireMs}: kcp-go's expiry, which looks no further. */
    int expiredAtHead(int nowMs, int expireMs) {
        int n = 0;
        while (n < count && nowMs - ts[n] > expireMs) {
            n++;
        }
        return n;
    }

    /** Drops every entry older than {@code expireMs}, wherever it sits; returns how many. */
    int sweepExpired(int nowMs, int expireMs) {
        int write = 0;
        int dropped = 0;
        for (int read = 0; read < count; read++) {
            if (nowMs - ts[read] > expireMs) {
                giveBuffer(buf[read]);
                dropped++;
                continue;
            }
            moveEntry(read, write++);
        }
        Arrays.fill(buf, write, count, null);
        count = write;
        return dropped;
    }

    private void moveEntry(int from, int to) {
        if (from != to) {
            buf[to] = buf[from];
            len[to] = len[from];
            seq[to] = seq[from];
            ts[to] = ts[from];
            data[to] = data[from];
        }
    }

    /** A pooled buffer of at least {@code n} bytes (at most {@link #MTU}); its content is undefined. */
    byte[] takeBuffer(int n) {
        return n <= SMALL ? small.take() : large.take();
    }

    void giveBuffer(byte[] b) {
        (b.length == SMALL ? small : large).give(b);
    }

    /** Makes entry {@code i}'s buffer hold at least {@code n} bytes, keeping its packet; returns the buffer. */
    byte[] widen(int i, int n) {
        byte[] b = buf[i];
        if (b.length < n) {
            byte[] wider = takeBuffer(n);
            System.arraycopy(b, 0, wider, 0, len[i]);
            giveBuffer(b);
            buf[i] = wider;
            b = wider;
        }
        return b;
    }

    /** Free buffers of one size, bounded by the window's capacity plus one group of scratch buffers. */
    private static final class BufferPool {
        private final int size;
        private byte[][] free = new byte[0][];
        private int count;

        BufferPool(int size) {
            this.size = size;
        }

        void ensureCapacity(int n) {
            if (free.length < n) {
                free = Arrays.copyOf(free, n);
            }
        }

        byte[] take() {
            if (count == 0) {
                return new byte[size];
            }
            byte[] b = free[--count];
            free[count] = null;
            return b;
        }

        void give(byte[] b) {
            if (count < free.length) {
                free[count++] = b;
            }
        }
    }
}
