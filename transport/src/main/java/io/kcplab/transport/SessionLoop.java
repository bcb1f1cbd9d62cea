package io.kcplab.transport;

import io.kcplab.protocol.wire.NonceSource;
import io.kcplab.protocol.wire.PacketCodec;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * What the sessions of one event loop share: the timer wheel and its single periodic driver task (1 ms, running
 * only while some timer is armed), the list of sockets to flush at the end of the current batch, scratch buffers
 * and the nonce source. Everything here is used on its loop only.
 */
final class SessionLoop {

    private final EventLoop eventLoop;
    private final TimerWheel wheel;
    private final Runnable driver = this::onTick;
    private final ArrayList<UdpEndpoint> dirty = new ArrayList<>();
    /** Hand-off buffers whose parked callers wake when the batch ends. */
    private final ArrayList<HandoffBuffer> toSignal = new ArrayList<>();
    /** A copy target for datagrams that arrive in direct buffers (epoll): the protocol takes byte arrays. */
    private final byte[] datagramScratch = new byte[2048];
    private byte[] messageScratch = new byte[PacketCodec.MTU_LIMIT];
    private NonceSource nonces;
    private ScheduledFuture<?> ticker;

    SessionLoop(EventLoop eventLoop) {
        this.eventLoop = eventLoop;
        this.wheel = new TimerWheel(MonotonicClock.nowMs());
    }

    EventLoop eventLoop() {
        return eventLoop;
    }

    boolean inLoop() {
        return eventLoop.inEventLoop();
    }

    void schedule(TimerWheel.Timer t, long deadlineMs) {
        wheel.schedule(t, deadlineMs);
        if (ticker == null) {
            ticker = eventLoop.scheduleWithFixedDelay(driver, 1, 1, TimeUnit.MILLISECONDS);
        }
    }

    void cancel(TimerWheel.Timer t) {
        wheel.cancel(t);
    }

    private void onTick() {
        wheel.advance(MonotonicClock.nowMs());
        flushDirty();
        if (wheel.size() == 0 && ticker != null) {
            ticker.cancel(false); // idle loops do not wake up every millisecond
            ticker = null;
        }
    }

    void markDirty(UdpEndpoint e) {
        dirty.add(e);
    }

    void signalAtBatchEnd(HandoffBuffer b) {
        toSignal.add(b);
    }

    /**
     * Ends a batch: flushes every socket written to since the last flush (one sendmmsg each), then wakes the
     * application threads parked on the hand-off buffers the batch filled or drained.
     */
    void flushDirty() {
        for (int i = 0; i < dirty.size(); i++) {
            dirty.get(i).flush();
        }
        dirty.clear();
        for (int i = 0; i < toSignal.size(); i++) {
            toSignal.get(i).signalNow();
        }
        toSignal.clear();
    }

    byte[] datagramScratch() {
        return datagramScratch;
    }

    /** A buffer of at least {@code size} bytes for whole messages (grows to the largest message seen). */
    byte[] messageScratch(int size) {
        if (messageScratch.length < size) {
            messageScratch = new byte[size];
        }
        return messageScratch;
    }

    /** One secure nonce source per loop: not thread-safe, and sessions on this loop never run concurrently. */
    NonceSource nonces() {
        if (nonces == null) {
            nonces = NonceSource.secure();
        }
        return nonces;
    }
}
