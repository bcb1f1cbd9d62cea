package io.kcplab.transport.tunnel;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** A tunnel end's own counters (thread-safe). {@link #asMap()} is a snapshot. */
public final class TunnelStats {

    final AtomicLong tcpAccepted = new AtomicLong();
    final AtomicLong sessionsOpened = new AtomicLong();
    final AtomicLong sessionFailures = new AtomicLong();
    final AtomicLong streamsOpened = new AtomicLong();
    final AtomicLong streamsClosed = new AtomicLong();
    final AtomicLong streamFailures = new AtomicLong();
    final AtomicLong targetFailures = new AtomicLong();
    final AtomicLong bytesToKcp = new AtomicLong();
    final AtomicLong bytesFromKcp = new AtomicLong();

    /** TCP connections accepted (client end). */
    public long tcpAccepted() {
        return tcpAccepted.get();
    }

    /** KCP+smux sessions dialled (client) or accepted (server). */
    public long sessionsOpened() {
        return sessionsOpened.get();
    }

    public long streamsOpened() {
        return streamsOpened.get();
    }

    public long streamsClosed() {
        return streamsClosed.get();
    }

    /** Bytes read from TCP and written into smux streams. */
    public long bytesToKcp() {
        return bytesToKcp.get();
    }

    /** Bytes read from smux streams and written to TCP. */
    public long bytesFromKcp() {
        return bytesFromKcp.get();
    }

    /** Connections to the target that failed (server end). */
    public long targetFailures() {
        return targetFailures.get();
    }

    public Map<String, Long> asMap() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("TcpAccepted", tcpAccepted.get());
        m.put("SessionsOpened", sessionsOpened.get());
        m.put("SessionFailures", sessionFailures.get());
        m.put("StreamsOpened", streamsOpened.get());
        m.put("StreamsClosed", streamsClosed.get());
        m.put("StreamsActive", streamsOpened.get() - streamsClosed.get());
        m.put("StreamFailures", streamFailures.get());
        m.put("TargetFailures", targetFailures.get());
        m.put("BytesToKcp", bytesToKcp.get());
        m.put("BytesFromKcp", bytesFromKcp.get());
        return m;
    }

    @Override
    public String toString() {
        return asMap().toString();
    }
}
