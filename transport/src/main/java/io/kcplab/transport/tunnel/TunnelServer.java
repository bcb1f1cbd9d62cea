package io.kcplab.transport.tunnel;

import io.kcplab.transport.KcpListener;
import io.kcplab.transport.KcpSession;
import io.kcplab.transport.KcpTransport;
import io.kcplab.transport.smux.SmuxCounters;
import io.kcplab.transport.smux.SmuxSession;
import io.kcplab.transport.smux.SmuxStream;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

/**
 * The server end of a tunnel (kcptun-server): a KCP listener; every KCP session becomes an smux server session,
 * and every stream the client opens is connected to the TCP target and pumped both ways.
 *
 * <p>Threads: per smux session its reader, writer and one accept thread; per stream two (a copy each way, from a
 * pool); the KCP sessions themselves run on the transport's event loops.
 */
public final class TunnelServer implements Closeable {

    private static final int CONNECT_TIMEOUT_MS = 10_000;

    private final KcpListener listener;
    private final InetSocketAddress target;
    private final TunnelConfig config;
    private final Consumer<String> log;
    private final ExecutorService pool = Threads.pool("tunnel-server");
    private final TunnelStats stats = new TunnelStats();
    private final List<SmuxSession> sessions = new ArrayList<>();
    private final SmuxCounters retiredSmux = new SmuxCounters();
    private volatile boolean closed;

    private TunnelServer(KcpListener listener, InetSocketAddress target, TunnelConfig config, Consumer<String> log) {
        this.listener = listener;
        this.target = target;
        this.config = config;
        this.log = log;
    }

    /** Binds the KCP listener on {@code listen} and serves streams towards the TCP {@code target}. */
    public static TunnelServer start(KcpTransport transport, InetSocketAddress listen, InetSocketAddress target,
            TunnelConfig config, Consumer<String> log) throws IOException {
        KcpListener l = KcpListener.bind(transport, listen, config.kcp());
        TunnelServer s = new TunnelServer(l, target, config, log);
        l.onAccept(s::accepted);
        return s;
    }

    public InetSocketAddress localAddress() {
        return listener.localAddress();
    }

    public TunnelStats stats() {
        return stats;
    }

    /** Runs on the transport's event loop: must not block. */
    private void accepted(KcpSession kcp) {
        if (closed) {
            kcp.close();
            return;
        }
        SmuxSession mux = SmuxSession.server(kcp, config.smux());
        synchronized (sessions) {
            sessions.add(mux);
        }
        stats.sessionsOpened.incrementAndGet();
        log.accept("smux session from " + kcp.remoteAddress() + " (conv " + Integer.toUnsignedString(kcp.conv())
                + ", " + config.smux() + ")");
        pool.execute(() -> serve(mux, kcp));
    }

    private void serve(SmuxSession mux, KcpSession kcp) {
        while (!closed) {
            SmuxStream p1;
            try {
                p1 = mux.acceptStream();
            } catch (IOException e) {
                log.accept("smux session from " + kcp.remoteAddress() + " ended: " + mux.closeReason() + " ("
                        + mux.closeDetail() + ")");
                break;
            }
            pool.execute(() -> handle(p1, kcp));
        }
        synchronized (sessions) {
            if (sessions.remove(mux)) {
                retiredSmux.addAll(mux.counters());
            }
        }
    }

    private void handle(SmuxStream p1, KcpSession kcp) {
        Socket p2 = new Socket();
        try {
            p2.setTcpNoDelay(true);
            p2.connect(target, CONNECT_TIMEOUT_MS);
        } catch (IOException e) {
            stats.targetFailures.incrementAndGet();
            log.accept("target " + target + ": " + e.getMessage());
            p1.close();
            TunnelClient.closeQuietly(p2);
            return;
        }
        stats.streamsOpened.incrementAndGet();
        String label = "in: " + kcp.remoteAddress() + " (" + p1.idUnsigned() + ") out: " + target;
        if (!config.quiet()) {
            log.accept("stream opened " + label);
        }
        StreamPump.run(p2, p1, pool, stats, label, config.quiet() ? null : log);
    }

    /** kcp-go's SNMP counters over the listener's sessions. */
    public Map<String, Long> snmp() {
        return listener.counters().asMap();
    }

    /** smux counters summed over every session served. */
    public SmuxCounters smuxCounters() {
        SmuxCounters total = new SmuxCounters();
        synchronized (sessions) {
            total.addAll(retiredSmux);
            for (SmuxSession s : sessions) {
                total.addAll(s.counters());
            }
        }
        return total;
    }

    public List<SmuxSession> sessions() {
        synchronized (sessions) {
            return List.copyOf(sessions);
        }
    }

    @Override
    public void close() {
        closed = true;
        listener.close();
        synchronized (sessions) {
            for (SmuxSession s : sessions) {
                s.close();
            }
        }
        pool.shutdownNow();
    }
}
