package io.kcplab.transport.smux;

import io.kcplab.transport.smux.SmuxCounters.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A session's keepalive, as smux's: a NOP every keepalive interval, and the session ends when no frame arrived for a
 * whole keepalive timeout, unless the receive bucket is exhausted (then the reader is not reading, by design). The
 * timers of all sessions share one daemon thread.
 */
final class Keepalive {

    private static final ScheduledExecutorService TIMERS;

    static {
        ScheduledThreadPoolExecutor ex = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "smux-keepalive");
            t.setDaemon(true);
            return t;
        });
        ex.setRemoveOnCancelPolicy(true);
        TIMERS = ex;
    }

    private final SmuxSession session;
    private final ReceiveBucket bucket;
    private final SmuxCounters counters;
    private final List<ScheduledFuture<?>> timers = new ArrayList<>();
    private volatile boolean frameArrived;

    Keepalive(SmuxSession session, ReceiveBucket bucket, SmuxCounters counters) {
        this.session = session;
        this.bucket = bucket;
        this.counters = counters;
    }

    /** Starts the NOP and timeout timers, unless the session's config disables the keepalive. */
    void start() {
        SmuxConfig config = session.config();
        if (config.keepAliveDisabled()) {
            return;
        }
        long ping = config.keepAliveInterval().toMillis();
        long timeout = config.keepAliveTimeout().toMillis();
        synchronized (timers) {
            timers.add(TIMERS.scheduleAtFixedRate(this::ping, ping, ping, TimeUnit.MILLISECONDS));
            timers.add(TIMERS.scheduleAtFixedRate(this::checkAlive, timeout, timeout, TimeUnit.MILLISECONDS));
        }
    }

    /** The reader decoded a frame: the peer is alive for this timeout period. */
    void frameArrived() {
        frameArrived = true;
    }

    void stop() {
        synchronized (timers) {
            for (ScheduledFuture<?> t : timers) {
                t.cancel(false);
            }
            timers.clear();
        }
    }

    private void ping() {
        if (!session.isClosed()) {
            session.sendControl(Frame.control(session.config().version(), Frame.NOP, 0));
            bucket.wake();
        }
    }

    private void checkAlive() {
        if (session.isClosed()) {
            return;
        }
        if (!frameArrived) {
            if (bucket.tokens() > 0) {
                counters.inc(Field.KeepaliveTimeouts);
                session.end(SmuxCloseReason.KEEPALIVE_TIMEOUT, "no frame for "
                        + session.config().keepAliveTimeout().toSeconds() + " s");
            }
        } else {
            frameArrived = false;
        }
    }
}
