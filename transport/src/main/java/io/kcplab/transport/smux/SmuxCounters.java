package io.kcplab.transport.smux;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/** An smux session's counters (thread-safe; {@link #asMap()} is a snapshot in {@link Field} order). */
public final class SmuxCounters {

    /** The counters. */
    public enum Field {
        /** Frames decoded / written. */
        FramesIn, FramesOut,
        /** PSH payload bytes received (for known streams) / sent. */
        BytesIn, BytesOut,
        SynIn, SynOut, FinIn, FinOut, PshIn, PshOut, NopIn, NopOut, UpdIn, UpdOut,
        StreamsOpened, StreamsAccepted, StreamsClosed,
        /** SYNs answered with FIN because the accept backlog was full. */
        BacklogFull,
        /** PSH/UPD/FIN frames for a stream that does not exist (closed here, or never opened); PSH bytes dropped. */
        UnknownStreamFrames, DiscardedBytes,
        /** Invalid frames (smux's ErrInvalidProtocol): the session ends. */
        ProtocolErrors,
        /** Sessions ended because no frame arrived for the keepalive timeout. */
        KeepaliveTimeouts,
        /** Times the reader stopped reading the connection because the receive token bucket was exhausted. */
        BucketStalls,
        /** Times a v2 writer waited for the peer's window. */
        WindowStalls,
        /** Snappy chunks read / written, raw (uncompressed) chunks written, bytes on the wire (compressed side). */
        ChunksIn, ChunksOut, RawChunksOut, WireBytesIn, WireBytesOut,
        /** Corrupt snappy chunks (bad checksum, bad block, unknown type): the session ends. */
        CorruptChunks
    }

    private static final Field[] FIELDS = Field.values();
    private final AtomicLongArray values = new AtomicLongArray(FIELDS.length);

    void add(Field f, long n) {
        values.addAndGet(f.ordinal(), n);
    }

    void inc(Field f) {
        values.incrementAndGet(f.ordinal());
    }

    void set(Field f, long n) {
        values.set(f.ordinal(), n);
    }

    public long get(Field f) {
        return values.get(f.ordinal());
    }

    /** Adds every counter of {@code other} to this one (for totals over sessions). */
    public void addAll(SmuxCounters other) {
        for (Field f : FIELDS) {
            values.addAndGet(f.ordinal(), other.get(f));
        }
    }

    public Map<String, Long> asMap() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (Field f : FIELDS) {
            m.put(f.name(), values.get(f.ordinal()));
        }
        return m;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Field f : FIELDS) {
            long v = values.get(f.ordinal());
            if (v != 0) {
                sb.append(sb.length() == 0 ? "" : " ").append(f.name()).append('=').append(v);
            }
        }
        return sb.toString();
    }
}
