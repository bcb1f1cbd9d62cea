package io.kcplab.transport;

/**
 * A circular byte buffer of a nominal capacity. The array is allocated on first use, small ({@value #INITIAL}
 * bytes), and doubles as data needs room, up to the capacity: a session that moves one small message a second
 * holds a few hundred bytes, not the whole capacity (at 10,000 such sessions, whole-capacity arrays freed and
 * allocated again every message kept the collector busy). Growing copies the used bytes to the front of the new
 * array in order, so a reader outside the lock that still holds the old array reads the same bytes, and the
 * relative {@link #skip} that follows stays right. In message mode it may grow, while empty, to hold one message
 * larger than the capacity (bounded by the engine's message size limit), and shrinks back once that message is
 * gone. Not thread-safe: its owner's lock guards it.
 */
final class ByteRing {

    /** First allocation: room for a few small messages. */
    static final int INITIAL = 512;

    private final int capacity;
    private byte[] buf;
    private int head;
    private int used;

    ByteRing(int capacity) {
        this.capacity = capacity;
    }

    int used() {
        return used;
    }

    /** The nominal capacity. */
    int capacity() {
        return capacity;
    }

    /** Bytes that may still be added: up to the capacity (or the oversized message's array), however small now. */
    int free() {
        return limit() - used;
    }

    private int limit() {
        return buf == null ? capacity : Math.max(capacity, buf.length);
    }

    /** Grows the array, keeping the used bytes in order at its front, so that {@code needed} bytes fit. */
    void ensureRoom(int needed) {
        int want = Math.min(limit(), Math.max(needed, INITIAL));
        if (buf != null && buf.length >= want) {
            return;
        }
        int size = buf == null ? want : Math.min(limit(), Math.max(want, buf.length * 2));
        byte[] next = new byte[size];
        if (buf != null && used > 0) {
            peek(0, next, 0, used);
        }
        buf = next;
        head = 0;
    }

    /** Makes room for {@code n} bytes when empty, growing past the nominal capacity if needed. */
    void reserveWhenEmpty(int n) {
        if (used != 0 || (buf != null && buf.length >= n)) {
            return;
        }
        if (n > capacity) {
            buf = new byte[n]; // one message larger than the capacity
            head = 0;
        } else {
            ensureRoom(n);
        }
    }

    /** Returns to the nominal capacity (or to no array at all) after a large message, once empty. */
    void trimWhenEmpty() {
        if (used == 0 && buf != null && buf.length > capacity) {
            buf = null;
            head = 0;
        }
    }

    /** Drops the array and whatever it holds (the session is gone, nobody will read it). */
    void discard() {
        buf = null;
        head = 0;
        used = 0;
    }

    /** Drops the array when empty, so an idle session holds no buffer (it is allocated again on use). */
    void releaseWhenEmpty() {
        if (used == 0) {
            buf = null;
            head = 0;
        }
    }

    private byte[] array() {
        if (buf == null) {
            ensureRoom(INITIAL);
        }
        return buf;
    }

    void put(byte[] src, int off, int n) {
        ensureRoom(used + n);
        byte[] b = buf;
        int tail = (head + used) % b.length;
        int first = Math.min(n, b.length - tail);
        System.arraycopy(src, off, b, tail, first);
        System.arraycopy(src, off + first, b, 0, n - first);
        used += n;
    }

    void putInt(int v) {
        ensureRoom(used + 4);
        byte[] b = buf;
        for (int i = 0; i < 4; i++) {
            b[(head + used) % b.length] = (byte) (v >>> (8 * i));
            used++;
        }
    }

    int peekInt() {
        byte[] b = buf;
        int v = 0;
        for (int i = 0; i < 4; i++) {
            v |= (b[(head + i) % b.length] & 0xff) << (8 * i);
        }
        return v;
    }

    /** Copies {@code n} bytes starting {@code skip} bytes after the head, without consuming them. */
    void peek(int skip, byte[] dst, int off, int n) {
        byte[] b = buf;
        int from = (head + skip) % b.length;
        int first = Math.min(n, b.length - from);
        System.arraycopy(b, from, dst, off, first);
        System.arraycopy(b, 0, dst, off + first, n - first);
    }

    int take(byte[] dst, int off, int n) {
        int k = Math.min(n, used);
        if (k > 0) {
            peek(0, dst, off, k);
            skip(k);
        }
        return k;
    }

    void skip(int n) {
        head = (head + n) % buf.length;
        used -= n; // head is not reset when empty: the loop may be filling the free region outside the lock
    }

    // ---- zero-copy access for the event loop (stream mode: the array never changes once allocated)

    byte[] backing() {
        return array();
    }

    int readIndex() {
        return head;
    }

    /** Used bytes readable at {@link #readIndex()} without wrapping. */
    int contiguousUsed() {
        return buf == null ? 0 : Math.min(used, buf.length - head);
    }

    int writeIndex() {
        byte[] b = array();
        return (head + used) % b.length;
    }

    /** Free bytes writable at {@link #writeIndex()} without wrapping. */
    int contiguousFree() {
        byte[] b = array();
        int tail = (head + used) % b.length;
        return used == b.length ? 0 : (tail >= head ? b.length - tail : head - tail);
    }

    /** Accounts {@code n} bytes written at {@link #writeIndex()}. */
    void commit(int n) {
        used += n;
    }

    /** Bytes the ring holds in memory (for the memory figures). */
    int footprint() {
        return buf == null ? 0 : buf.length;
    }
}
