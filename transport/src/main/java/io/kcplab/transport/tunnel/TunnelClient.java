package io.kcplab.transport.tunnel;

import io.kcplab.transport.KcpSession;
import io.kcplab.transport.KcpTransport;
import io.kcplab.transport.smux.SmuxCounters;
import io.kcplab.transport.smux.SmuxSession;
import io.kcplab.transport.smux.SmuxStream;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

/**
 * The client end of a tunnel (kcptun-client): accepts TCP connections on a local address and carries each over one
 * smux stream of a KCP session to the server. As kcptun: it dials lazily, at the first TCP connection; it keeps
 * {@code conn} sessions used round-robin per connection and re-dials a slot (every second until it works) whose
 * session closed or, with {@code autoExpireSeconds}, expired; an expired session is closed {@code scavengeTtl}
 * seconds later.
 *
 * <p>Threads: one accept thread, two per tunnelled connection (a copy each way, from a pool), plus each smux
 * session's reader and writer, plus one scavenger/statistics thread when auto-expiry is on.
 */
public final class TunnelClient implements Closeable {

    private final KcpTransport transport;
    private final InetSocketAddress remote;
    private final TunnelConfig config;
    private final Consumer<String> log;
    private final ServerSocket server;
    private final ExecutorService pool;
    private final TunnelStats stats = new TunnelStats();
    private final Slot[] slots;
    private final List<Slot> dialled = new ArrayList<>();
    private final List<Slot> expired = new ArrayList<>();
    private final SnmpSum retiredSnmp = new SnmpSum();
    private final SmuxCounters retiredSmux = new SmuxCounters();
    private long peakEstab;
    private int rr;
    private volatile boolean closed;

    private static final class Slot {
        SmuxSession session;
        KcpSession kcp;
        long expiresAtMs;
        long scavengeAtMs;
    }

    private TunnelClient(KcpTransport transport, InetSocketAddress local, InetSocketAddress remote,
            TunnelConfig config, Consumer<String> log) throws IOException {
        this.transport = transport;
        this.remote = remote;
        this.config = config;
        this.log = log;
        this.slots = new Slot[config.conn()];
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(local, 128);
        this.pool = Threads.pool("tunnel-client");
    }

    /**
     * Listens on {@code local} (TCP) and starts accepting.
     *
     * @param log receives one line per event (session dialled, stream opened/closed unless quiet, errors)
     */
    public static TunnelClient start(KcpTransport transport, InetSocketAddress local, InetSocketAddress remote,
            TunnelConfig config, Consumer<String> log) throws IOException {
        TunnelClient c = new TunnelClient(transport, local, remote, config, log);
        Threads.daemon("tunnel-client-accept", c::acceptLoop);
        if (config.autoExpireSeconds() > 0) {
            Threads.daemon("tunnel-client-scavenger", c::scavenger);
        }
        return c;
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    public TunnelStats stats() {
        return stats;
    }

    private void acceptLoop() {
        while (!closed) {
            Socket p1;
            try {
                p1 = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    log.accept("accept: " + e.getMessage());
                }
                return;
            }
            stats.tcpAccepted.incrementAndGet();
            SmuxSession session = sessionFor(rr++ % slots.length);
            if (session == null) {
                closeQuietly(p1);
                return;
            }
            pool.execute(() -> handle(session, p1));
        }
    }

    /** The slot's session, re-dialled if closed or expired (retrying every second, as kcptun). */
    private SmuxSession sessionFor(int idx) {
        Slot s = slots[idx];
        long now = System.currentTimeMillis();
        if (s != null && !s.session.isClosed()
                && (config.autoExpireSeconds() == 0 || now < s.expiresAtMs)) {
            return s.session;
        }
        if (s != null && config.autoExpireSeconds() > 0 && !s.session.isClosed()) {
            synchronized (expired) {
                s.scavengeAtMs = s.expiresAtMs + config.scavengeTtlSeconds() * 1000L;
                expired.add(s);
            }
        }
        while (!closed) {
            try {
                Slot fresh = dial();
                fresh.expiresAtMs = System.currentTimeMillis() + config.autoExpireSeconds() * 1000L;
                slots[idx] = fresh;
                return fresh.session;
            } catch (IOException | RuntimeException e) {
                stats.sessionFailures.incrementAndGet();
                log.accept("re-connecting: " + e.getMessage());
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
        }
        return null;
    }

    private Slot dial() throws IOException {
        KcpSession kcp = KcpSession.dial(transport, remote, config.kcp());
        Slot s = new Slot();
        s.kcp = kcp;
        s.session = SmuxSession.client(kcp, config.smux());
        synchronized (dialled) {
            dialled.add(s);
        }
        stats.sessionsOpened.incrementAndGet();
        log.accept("smux session to " + remote + " (conv " + Integer.toUnsignedString(kcp.conv()) + ", "
                + config.smux() + ")");
        return s;
    }

    private void handle(SmuxSession session, Socket p1) {
        SmuxStream p2;
        try {
            p1.setTcpNoDelay(true);
            p2 = session.openStream();
        } catch (IOException e) {
            stats.streamFailures.incrementAndGet();
            log.accept("open stream: " + e.getMessage());
            closeQuietly(p1);
            return;
        }
        stats.streamsOpened.incrementAndGet();
        String label = "in: " + p1.getRemoteSocketAddress() + " out: " + remote + " (" + p2.idUnsigned() + ")";
        if (!config.quiet()) {
            log.accept("stream opened " + label);
        }
        StreamPump.run(p1, p2, pool, stats, label, config.quiet() ? null : log);
    }

    private void scavenger() {
        while (!closed) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.currentTimeMillis();
            synchronized (expired) {
                expired.removeIf(s -> {
                    if (s.session.isClosed()) {
                        log.accept("scavenger: session normally closed");
                        return true;
                    }
                    if (now >= s.scavengeAtMs) {
                        log.accept("scavenger: session closed due to ttl");
                        s.session.close();
                        return true;
                    }
                    return false;
                });
            }
        }
    }

    /** kcp-go's SNMP counters summed over every session this client dialled (kcptun's are process-wide). */
    public Map<String, Long> snmp() {
        SnmpSum sum = new SnmpSum();
        long estab = 0;
        synchronized (dialled) {
            dialled.removeIf(s -> {
                if (!s.kcp.isOpen()) {
                    retiredSnmp.add(s.kcp.counters());
                    retiredSmux.addAll(s.session.counters());
                    return true;
                }
                return false;
            });
            sum.add(retiredSnmp.map());
            for (Slot s : dialled) {
                sum.add(s.kcp.counters());
                estab++;
            }
            peakEstab = Math.max(peakEstab, estab);
            sum.set("CurrEstab", estab);
            sum.set("MaxConn", peakEstab);
            sum.set("ActiveOpens", stats.sessionsOpened());
        }
        return sum.map();
    }

    /** smux counters summed over every session this client dialled. */
    public SmuxCounters smuxCounters() {
        SmuxCounters total = new SmuxCounters();
        synchronized (dialled) {
            total.addAll(retiredSmux);
            for (Slot s : dialled) {
                total.addAll(s.session.counters());
            }
        }
        return total;
    }

    /** Live smux sessions (for per-session counters). */
    public List<SmuxSession> sessions() {
        List<SmuxSession> out = new ArrayList<>();
        synchronized (dialled) {
            for (Slot s : dialled) {
                out.add(s.session);
            }
        }
        return out;
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        synchronized (dialled) {
            for (Slot s : dialled) {
                s.session.close();
            }
        }
        pool.shutdownNow();
    }

    static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // closing
        }
    }
}
