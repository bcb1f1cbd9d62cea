package io.kcplab.transport;

import io.netty.channel.Channel;
import java.io.Closeable;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;

/**
 * Accepts KCP conversations on one UDP port (kcp-go's {@code ListenWithOptions}). KCP has no handshake: the first
 * authentic datagram from a new address opens a session, which {@link #accept} returns (or {@link #onAccept}
 * receives). Sessions share the listening socket and close with the listener.
 *
 * <p>With the native epoll transport the port is served by one socket per event loop (SO_REUSEPORT; the kernel
 * sends each remote address to the same socket), so a listener's sessions spread over all loops. Two listeners of
 * one transport cannot bind the same address.
 *
 * <p>Bounds: at most {@link SessionOptions#maxSessions()} sessions at once and
 * {@link SessionOptions#acceptBacklog()} created but not yet accepted; datagrams beyond them are dropped and
 * counted ({@link SnmpField#OVER_MAX_SESSIONS}, {@link SnmpField#BACKLOG_FULL}).
 */
public final class KcpListener implements Closeable {

    private static final Set<InetSocketAddress> BOUND = ConcurrentHashMap.newKeySet();

    private final KcpTransport transport;
    private final SessionOptions options;
    private final List<ListenerHandler> handlers = new ArrayList<>();
    private final List<Channel> channels = new ArrayList<>();
    private final ArrayBlockingQueue<KcpSession> backlog;
    private final Set<KcpSession> live = ConcurrentHashMap.newKeySet();
    private final AtomicInteger sessionCount = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private final AtomicLong opens = new AtomicLong();
    private final AtomicLongArray drops = new AtomicLongArray(SnmpCounters.SIZE);
    private final long[] closedTotals = new long[SnmpCounters.SIZE];
    private volatile Consumer<KcpSession> acceptCallback;
    private volatile boolean closed;
    private InetSocketAddress localAddress;

    private KcpListener(KcpTransport transport, SessionOptions options) {
        this.transport = transport;
        this.options = options;
        this.backlog = new ArrayBlockingQueue<>(options.acceptBacklog());
    }

    /**
     * Binds a listener. Port 0 picks a free port ({@link #localAddress()} tells which).
     *
     * @throws BindException if the address is in use
     */
    public static KcpListener bind(KcpTransport transport, InetSocketAddress local, SessionOptions options)
            throws IOException {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(options, "options");
        if (local.isUnresolved()) {
            throw new IllegalArgumentException("local: " + local + " is unresolved; give an IP address");
        }
        KcpListener l = new KcpListener(transport, options);
        try {
            l.bindSockets(local);
        } catch (IOException | RuntimeException e) {
            l.close();
            throw e;
        }
        transport.register(l);
        return l;
    }

    /** Binds with {@link SessionOptions#defaults()}. */
    public static KcpListener bind(KcpTransport transport, InetSocketAddress local) throws IOException {
        return bind(transport, local, SessionOptions.defaults());
    }

    private void bindSockets(InetSocketAddress local) throws IOException {
        List<SessionLoop> loops = transport.loops();
        boolean shard = transport.isNativeEpoll() && loops.size() > 1;
        InetSocketAddress at = local;
        for (int i = 0; i < (shard ? loops.size() : 1); i++) {
            SessionLoop loop = shard ? loops.get(i) : transport.nextLoop();
            ListenerHandler h = new ListenerHandler(this, loop);
            Channel ch = transport.openSocket(loop, options, at, h, shard);
            h.attach(new UdpEndpoint(ch, loop));
            handlers.add(h);
            channels.add(ch);
            if (i == 0) {
                at = (InetSocketAddress) ch.localAddress();
                localAddress = at;
                if (!BOUND.add(at)) {
                    channels.clear();
                    handlers.clear();
                    ch.close();
                    throw new BindException("local: " + at + " is already bound by another KcpListener");
                }
            }
        }
    }

    public InetSocketAddress localAddress() {
        return localAddress;
    }

    public SessionOptions options() {
        return options;
    }

    public boolean isOpen() {
        return !closed;
    }

    /** Blocks until a new session arrives. @throws IOException if the listener closes first */
    public KcpSession accept() throws IOException {
        return accept(Duration.ZERO);
    }

    /**
     * Waits up to {@code timeout} ({@link Duration#ZERO}: forever) for a new session.
     *
     * @throws SocketTimeoutException on timeout
     * @throws IOException            if the listener is or becomes closed
     */
    public KcpSession accept(Duration timeout) throws IOException {
        long deadline = Deadline.of(timeout, Deadline.NONE);
        try {
            while (true) {
                if (closed) {
                    throw new IOException("KCP listener " + localAddress + " is closed");
                }
                long left = Deadline.remaining(deadline);
                if (left <= 0) {
                    throw new SocketTimeoutException("no new KCP session within " + timeout);
                }
                // Slices, so that a close is noticed without a poison element in a bounded queue.
                KcpSession s = backlog.poll(Math.min(left, 100_000_000L), TimeUnit.NANOSECONDS);
                if (s != null) {
                    return s;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while accepting");
        }
    }

    /**
     * Hands every new session to {@code callback} instead of queueing it for {@link #accept}: new sessions on their
     * event loop (the callback must not block), sessions already queued at once on the calling thread. The accept
     * backlog no longer applies.
     */
    public void onAccept(Consumer<KcpSession> callback) {
        this.acceptCallback = Objects.requireNonNull(callback, "callback");
        KcpSession s;
        while ((s = backlog.poll()) != null) {
            callback.accept(s);
        }
    }

    /** Sessions open now. */
    public int sessionCount() {
        return sessionCount.get();
    }

    /** The open sessions (a snapshot). */
    public List<KcpSession> sessions() {
        return new ArrayList<>(live);
    }

    /**
     * kcp-go's SNMP counters summed over every session this listener created (open or closed), plus the
     * listener's own drops. Any thread; open sessions contribute their last published values.
     */
    public SnmpCounters counters() {
        long[] acc = new long[SnmpCounters.SIZE];
        synchronized (closedTotals) {
            for (int i = 0; i < acc.length; i++) {
                acc[i] = closedTotals[i];
            }
        }
        for (KcpSession s : live) {
            s.board().addTo(acc);
        }
        for (int i = 0; i < acc.length; i++) {
            acc[i] += drops.get(i);
        }
        acc[SnmpField.CURR_ESTAB.ordinal()] = sessionCount.get();
        acc[SnmpField.MAX_CONN.ordinal()] = peak.get();
        acc[SnmpField.PASSIVE_OPENS.ordinal()] = opens.get();
        return new SnmpCounters(acc);
    }

    /** Closes the socket(s) and every session of this listener ({@link CloseReason#LISTENER_CLOSED}). */
    @Override
    public void close() {
        closeWith(CloseReason.LISTENER_CLOSED);
    }

    void closeWith(CloseReason reason) {
        if (closed) {
            return;
        }
        closed = true;
        List<io.netty.util.concurrent.Future<?>> pending = new ArrayList<>();
        for (int i = 0; i < handlers.size(); i++) {
            ListenerHandler h = handlers.get(i);
            Channel ch = channels.get(i);
            try {
                pending.add(h.loop().eventLoop().submit(() -> {
                    h.closeAll(reason);
                    ch.close();
                }));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                ch.close();
            }
        }
        for (io.netty.util.concurrent.Future<?> f : pending) {
            f.awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        backlog.clear();
        if (localAddress != null && !channels.isEmpty()) {
            BOUND.remove(localAddress);
        }
        transport.forget(this);
    }

    // ------------------------------------------------------------------------- package (event loops)

    KcpTransport transport() {
        return transport;
    }

    void count(SnmpField f) {
        drops.incrementAndGet(f.ordinal());
    }

    /** Claims room for one new session, or counts why not. */
    boolean reserveSession() {
        if (closed) {
            count(SnmpField.BAD_DATAGRAMS);
            return false;
        }
        if (acceptCallback == null && backlog.remainingCapacity() == 0) {
            count(SnmpField.BACKLOG_FULL);
            return false;
        }
        int n;
        do {
            n = sessionCount.get();
            if (n >= options.maxSessions()) {
                count(SnmpField.OVER_MAX_SESSIONS);
                return false;
            }
        } while (!sessionCount.compareAndSet(n, n + 1));
        peak.accumulateAndGet(n + 1, Math::max);
        opens.incrementAndGet();
        return true;
    }

    /** A new session was created on a loop: queue it or hand it to the callback. */
    void deliver(KcpSession s) {
        if (!s.isOpen()) {
            return; // its first datagram already closed it (an error); sessionClosed has run
        }
        Consumer<KcpSession> cb = acceptCallback;
        if (cb != null) {
            try {
                cb.accept(s);
            } catch (RuntimeException e) {
                count(SnmpField.LOOP_ERRORS);
                s.driver().close(CloseReason.ERROR);
            }
        } else if (!backlog.offer(s)) {
            count(SnmpField.BACKLOG_FULL); // another loop filled the backlog meanwhile
            s.driver().close(CloseReason.ERROR);
        }
    }

    /** A session was created on a loop (before its first datagram). */
    void track(KcpSession s) {
        live.add(s);
    }

    /** A session closed on its loop: fold its final counters into the listener's totals. */
    void sessionClosed(KcpSession s) {
        synchronized (closedTotals) {
            s.board().addTo(closedTotals);
        }
        live.remove(s);
        sessionCount.decrementAndGet();
    }
}
