package io.kcplab.transport;

import io.kcplab.protocol.Connection;
import io.kcplab.protocol.ConnectionConfig;
import io.kcplab.protocol.wire.DatagramSink;
import java.net.InetSocketAddress;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The event-loop side of one session: owns its {@link Connection} (touched only on the loop), feeds it datagrams
 * and timer ticks, moves data between it and the hand-off buffers, watches for a dead link or an idle peer, and
 * publishes the session's statistics. It is its own node in the loop's {@link TimerWheel}.
 *
 * <p>No exception escapes to the event loop: an unexpected one is counted (LoopErrors) and closes the session
 * with {@link CloseReason#ERROR}.
 */
final class SessionDriver extends TimerWheel.Timer implements DatagramSink {

    /** Who is told when the session closes (the listener's demultiplexer, or the dialled socket). */
    interface Owner {
        void sessionClosed(SessionDriver driver);
    }

    private final KcpSession session;
    private final SessionLoop loop;
    private final UdpEndpoint endpoint;
    private final InetSocketAddress remote;
    /** Hand-off buffers are freed after this long without data, so idle sessions stay small. */
    /** Idle hand-off rings are freed after this long without data (they start small, so reuse is cheap). */
    private static final long IDLE_RELEASE_MS = 5000;

    private final Owner owner;
    private final boolean active;
    private final long idleTimeoutMs;
    private final int deadLink;
    private final ConnectionConfig config;
    private final AtomicBoolean wakePending = new AtomicBoolean();
    private final Runnable wakeTask = this::onApplicationWake;

    private Connection conn;
    private long lastReceiveMs;
    /** When data last moved through the hand-off buffers; after IDLE_RELEASE_MS they are freed. */
    private long lastDataMs;
    private boolean buffersReleased = true;
    private long badSource;
    private long sendDrops;
    private long loopErrors;
    private boolean closed;

    SessionDriver(KcpSession session, SessionLoop loop, UdpEndpoint endpoint, InetSocketAddress remote, Owner owner,
                  boolean active, SessionOptions options) {
        this.session = session;
        this.loop = loop;
        this.endpoint = endpoint;
        this.remote = remote;
        this.owner = owner;
        this.active = active;
        this.idleTimeoutMs = options.idleTimeout().toMillis();
        this.deadLink = options.deadLink();
        this.config = options.connection();
    }

    /** Creates the connection and arms its timer. Runs on the loop. */
    void start(int conv, long nowMs) {
        try {
            conn = new Connection(conv, config, this, loop.nonces(), nowMs);
            if (deadLink > 0) {
                conn.kcp().setDeadLink(deadLink);
            }
            lastReceiveMs = nowMs;
            publish();
            rearm(nowMs);
        } catch (RuntimeException e) {
            fail();
        }
    }

    InetSocketAddress remote() {
        return remote;
    }

    KcpSession session() {
        return session;
    }

    int conv() {
        return session.conv();
    }

    /** KCP inputs rejected so far (a rise after a datagram hints at a conversation mismatch). */
    long kcpInErrors() {
        return conn == null ? 0 : conn.wireCounters().kcpInErrors();
    }

    // ------------------------------------------------------------------------------------------ datagrams

    @Override
    public void transmit(byte[] buf, int off, int len) {
        if (!endpoint.send(buf, off, len, remote)) {
            sendDrops++;
        }
    }

    /** One datagram from the peer's address. Runs on the loop. */
    void onDatagram(byte[] d, int off, int len, long nowMs) {
        if (closed || conn == null) {
            return;
        }
        try {
            long accepted = conn.wireCounters().inPkts();
            conn.receive(d, off, len, nowMs);
            if (conn.wireCounters().inPkts() != accepted) {
                lastReceiveMs = nowMs; // only authentic datagrams keep a session from its idle timeout
            }
            pumpIn();
            if (!closed) {
                pumpOut(nowMs); // acks may have opened the send window
            }
            if (!closed) {
                rearm(nowMs);
            }
        } catch (RuntimeException e) {
            fail();
        }
    }

    /** A datagram from another address reached this client session's socket (kcp-go counts InErrs). */
    void countBadSource() {
        badSource++;
    }

    void countLoopError() {
        loopErrors++;
    }

    // --------------------------------------------------------------------------------------------- timer

    @Override
    void onTimer(long nowMs) {
        if (closed) {
            return;
        }
        try {
            conn.tick(nowMs);
            if (conn.isDeadLink()) {
                close(CloseReason.DEAD_LINK);
                return;
            }
            if (idleTimeoutMs > 0 && nowMs - lastReceiveMs >= idleTimeoutMs) {
                close(CloseReason.IDLE_TIMEOUT);
                return;
            }
            releaseIdleBuffers(nowMs);
            publish();
            rearm(nowMs);
        } catch (RuntimeException e) {
            fail();
        }
    }

    private void rearm(long nowMs) {
        long at = conn.nextWakeup(nowMs);
        if (idleTimeoutMs > 0) {
            at = Math.min(at, lastReceiveMs + idleTimeoutMs);
        }
        loop.schedule(this, at);
    }

    // ----------------------------------------------------------------------------------- application side

    /** Asks the loop to move data between the hand-off buffers and the connection. Any thread; coalesced. */
    void wake() {
        if (wakePending.compareAndSet(false, true)) {
            try {
                loop.eventLoop().execute(wakeTask);
            } catch (RejectedExecutionException e) {
                wakePending.set(false); // the transport is shutting down; the session is closing anyway
            }
        }
    }

    private void onApplicationWake() {
        wakePending.set(false);
        if (closed) {
            return;
        }
        try {
            long now = MonotonicClock.nowMs();
            pumpIn();
            if (!closed) {
                pumpOut(now); // with write delay the engine queues the data and flushes it at the next tick
            }
            if (!closed) {
                rearm(now);
            }
        } catch (RuntimeException e) {
            fail();
        }
        loop.flushDirty();
    }

    private void pumpIn() {
        int n = session.inbound().fillFrom(conn, loop);
        if (n > 0) {
            dataMoved();
            fireReadable();
        }
    }

    private void pumpOut(long nowMs) {
        if (session.outbound().drainInto(conn, nowMs, loop) > 0) {
            dataMoved();
        }
    }

    private void dataMoved() {
        lastDataMs = MonotonicClock.nowMs();
        buffersReleased = false;
    }

    private void releaseIdleBuffers(long nowMs) {
        if (!buffersReleased && nowMs - lastDataMs >= IDLE_RELEASE_MS) {
            session.inbound().releaseIfEmpty();
            session.outbound().releaseIfEmpty();
            buffersReleased = true;
        }
    }

    private void fireReadable() {
        Runnable r = session.readableCallback();
        if (r != null) {
            try {
                r.run();
            } catch (RuntimeException e) {
                fail();
            }
        }
    }

    private void publish() {
        session.board().publish(conn, !closed, active, badSource, sendDrops, loopErrors);
        session.onStatsPublished();
    }

    // --------------------------------------------------------------------------------------------- close

    boolean inLoop() {
        return loop.inLoop();
    }

    /** Closes from an application thread; false if the loop no longer runs tasks (transport closed). */
    boolean closeFromOutside(CloseReason reason) {
        try {
            loop.eventLoop().execute(() -> {
                close(reason);
                loop.flushDirty();
            });
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** Runs the readable callback on the loop (for data that arrived before it was set). */
    void wakeReadable() {
        try {
            loop.eventLoop().execute(this::fireReadable);
        } catch (RejectedExecutionException e) {
            // transport closed: nothing will become readable
        }
    }

    private void fail() {
        loopErrors++;
        close(CloseReason.ERROR);
    }

    /**
     * Closes the session on the loop: a local close first moves what the send window takes into the engine
     * (Connection.write flushes it), as kcp-go's Close flushes once. Nothing announces the close on the wire.
     */
    void close(CloseReason reason) {
        if (closed) {
            return;
        }
        closed = true;
        loop.cancel(this);
        if (conn != null) {
            if (reason == CloseReason.LOCAL) {
                try {
                    pumpOut(MonotonicClock.nowMs());
                } catch (RuntimeException e) {
                    loopErrors++;
                }
            }
            session.board().publish(conn, false, active, badSource, sendDrops, loopErrors);
        }
        session.board().publishClosed();
        session.inbound().close(reason);
        session.outbound().close(reason);
        session.outbound().discard(); // writers now fail; a closed session must not pin its buffers
        if (reason == CloseReason.LOCAL) {
            session.inbound().discard(); // reads after a local close fail too
        }
        try {
            owner.sessionClosed(this);
        } catch (RuntimeException e) {
            loopErrors++;
        }
        conn = null; // what a closed session still answers (stats) lives on its StatsBoard
        session.markClosed(reason);
        fireReadable(); // non-blocking readers learn about the end (readNow returns -1)
    }
}
