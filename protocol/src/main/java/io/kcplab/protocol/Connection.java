package io.kcplab.protocol;

import io.kcplab.protocol.kcp.Kcp;
import io.kcplab.protocol.kcp.KcpProfile;
import io.kcplab.protocol.wire.Counters;
import io.kcplab.protocol.wire.DatagramSink;
import io.kcplab.protocol.wire.KcpInputSink;
import io.kcplab.protocol.wire.NonceSource;
import io.kcplab.protocol.wire.PacketCodec;
import java.util.Objects;

/**
 * One KCP conversation, sans-I/O: {@link Kcp} + {@link PacketCodec} + timers. Wire datagrams come in through
 * {@link #receive} with the current time and leave through the {@link DatagramSink} given at construction;
 * application bytes go through {@link #write}/{@link #read}; the host calls {@link #tick} at
 * {@link #nextWakeup}. Nothing here reads a clock, a socket or a global random source, so the same class runs
 * on real UDP, in the simulator and in lock-step tests.
 *
 * <p>Time is a millisecond count from any origin, as a {@code long}; KCP sees its low 32 bits and compares them
 * with wrap-around arithmetic, as ikcp does.
 *
 * <p>Timers follow the engine profile. {@code kcp-go}: the session flushes on its own schedule, every flush
 * returning the delay to the next (kcp-go's {@code timedsched}). {@code ikcp}: {@code ikcp_update} at the times
 * {@code ikcp_check} asks for, guarding against ikcp's known spin where check answers "now" but update will not
 * flush before {@code ts_flush} (skywind3000/kcp #48).
 *
 * <p>Sending is batched per call: every datagram KCP emits during one call ({@link #receive}, {@link #write},
 * {@link #tick}, the constructor) is framed into the codec's send batch and the batch is sealed (one lock-step
 * encryption, {@link PacketCodec#encodeDeferred}) and transmitted before the call returns, in the order KCP emitted
 * it. So the sink sees the same datagrams, bytes and order as with one-at-a-time encoding, only at the end of the
 * call; batches of more than {@link PacketCodec#DEFAULT_SEND_BATCH} datagrams leave as each fills.
 *
 * <p>Not thread-safe: one thread (or one simulator) drives a connection.
 */
public final class Connection {

    private final ConnectionConfig config;
    private final Kcp kcp;
    private final PacketCodec codec;
    private final DatagramSink transmit;
    private final boolean kcpGo;
    private final KcpInputSink kcpInput;

    /** Segments in flight up to which {@link #tick} looks for an idle flush (a busy sender is never idle). */
    private static final int IDLE_SCAN_LIMIT = 16;

    private boolean skipIdleFlushes = true;
    /** What {@link #knowQuiet(int)} found, valid while quietKnown (see there). */
    private boolean quietKnown;
    private boolean quietForever;
    private int quietUntil;
    private int quietInterval;
    /** kcp-go profile: when the session timer fires next (KCP's 32-bit clock). */
    private int nextFlushAt;
    /** ikcp profile: when the engine last ran update (creation or {@link #tick}); breaks ikcp_check's spin. */
    private int lastTickAt;

    /** Stream mode: the rest of a segment that did not fit the reader's buffer. */
    private final byte[] pending = new byte[PacketCodec.MTU_LIMIT];
    private int pendingOff;
    private int pendingLen;

    private long bytesWritten;
    private long bytesRead;

    /**
     * @param conv     the conversation id both ends share (kcp-go clients draw it at random)
     * @param config   engine, FEC and cipher settings
     * @param transmit where wire datagrams go; each buffer is valid only during the call
     * @param nonces   the crypto header's nonces: {@link NonceSource#secure()} on real networks,
     *                 {@link NonceSource#seeded(long)} in simulations (unused without a cipher)
     * @param nowMs    the creation time (kcp-go sessions flush for the first time at creation)
     */
    public Connection(int conv, ConnectionConfig config, DatagramSink transmit, NonceSource nonces, long nowMs) {
        this.config = Objects.requireNonNull(config, "config");
        this.transmit = Objects.requireNonNull(transmit, "transmit");
        this.codec = buildCodec(config, nonces);
        this.kcpGo = config.engine() == KcpProfile.KCP_GO;
        this.kcp = new Kcp(conv, this::emit, config.engine());
        kcp.setReserved(codec.headerSize());
        if (kcp.setMtu(config.mtu()) != 0) {
            throw new IllegalArgumentException("mtu: " + config.mtu() + " leaves no room for KCP payload after "
                    + codec.headerSize() + " header bytes");
        }
        kcp.setWindowSize(config.sndWnd(), config.rcvWnd());
        kcp.setNoDelay(config.nodelay(), config.interval(), config.resend(), config.nc());
        if (config.minRto() > 0) {
            kcp.setMinRto(config.minRto()); // after setNoDelay, which resets it
        }
        kcp.setStreamMode(config.streamMode());
        kcp.setAckNoDelay(config.ackNoDelay());
        this.kcpInput = kcp::input;
        int now = (int) nowMs;
        kcp.update(now); // ikcp: phase-locks ts_flush to creation; kcp-go: the first timed flush
        this.nextFlushAt = now + config.interval();
        this.lastTickAt = now;
        codec.flush(transmit);
    }

    private static PacketCodec buildCodec(ConnectionConfig config, NonceSource nonces) {
        PacketCodec.Builder b = PacketCodec.builder().profile(config.checksum()).simd(config.simd())
                .fec(config.dataShards(), config.parityShards());
        if (config.cipher() != null) {
            b.cipher(config.cipher(), config.pass())
                    .nonceSource(Objects.requireNonNull(nonces, "a cipher needs a nonce source"));
        }
        return b.build();
    }

    private void emit(byte[] buf, int off, int len) {
        // Kcp leaves codec.headerSize() bytes free at the front of every datagram (off is always 0 here). Kcp
        // reuses buf for its next datagram: encodeDeferred copies it into the batch.
        codec.encodeDeferred(buf, len, transmit);
    }

    // ------------------------------------------------------------------------------------------ datagrams

    /** One wire datagram from the peer. Bad datagrams are counted in {@link #wireCounters()} and dropped. */
    public void receive(byte[] datagram, int off, int len, long nowMs) {
        quietKnown = false;
        int now = (int) nowMs;
        kcp.setCurrent(now); // ikcp's input takes no time argument (#107); kcp-go reads its clock in input
        codec.decode(datagram, off, len, now, kcpInput);
        codec.flush(transmit); // acks (and, with ack-no-delay, data) KCP emitted from input
    }

    // -------------------------------------------------------------------------------------- application

    /**
     * Queues application bytes; they leave at once or at the next {@link #tick} (or {@link #flush}) as
     * {@link ConnectionConfig#writeDelay()} says: by default at once with the kcp-go profile, at the next tick with
     * ikcp's. Stream mode: accepts as many bytes as the send window has room for and returns
     * that count (0 when the window is full, like kcp-go's Write blocking). Message mode: accepts the whole
     * message or nothing (0 when the window is full).
     *
     * @throws IllegalArgumentException if a message is larger than the engine's fragment limit allows
     */
    public int write(byte[] buf, int off, int len, long nowMs) {
        Objects.checkFromIndexSize(off, len, buf.length);
        quietKnown = false;
        int room = writableSegments();
        if (room <= 0 || len == 0) {
            return 0;
        }
        // Stream mode: what the window has room for, and at most one send call's fragment limit (a larger write
        // would make the engine refuse the whole call); the caller writes the rest next time.
        int accepted = config.streamMode()
                ? (int) Math.min(len, (long) Math.min(room, maxFragments() - 1) * kcp.mss()) : len;
        kcp.setCurrent((int) nowMs);
        int rc = kcp.send(buf, off, accepted);
        if (rc < 0) {
            throw new IllegalArgumentException("message of " + len + " bytes exceeds the fragment limit ("
                    + maxFragments() + " fragments of " + kcp.mss()
                    + " bytes); send it in stream mode or split it");
        }
        bytesWritten += accepted;
        if (flushesOnWrite()) {
            kcp.flush(); // kcp-go's Write flushes at once unless write delay holds it for the tick (sess.go)
            codec.flush(transmit);
        }
        return accepted;
    }

    /**
     * Whether the write just queued goes out now. Without write delay it does. With it, ikcp's {@code ikcp_send}
     * only queues (the next {@code ikcp_update} or {@code ikcp_flush} sends); kcp-go's delayed {@code Write} still
     * flushes once the send side is full.
     */
    private boolean flushesOnWrite() {
        if (!config.writeDelay()) {
            return true;
        }
        int waiting = kcp.waitSnd();
        return kcpGo && (waiting >= kcp.sendWindow() || waiting >= kcp.stats().remoteWindow());
    }

    /**
     * Sends what the engine holds now instead of at the next tick ({@code ikcp_flush}): queued data the windows
     * allow, pending ACKs, window probes. Needed only with write delay (the ikcp profile's default).
     */
    public void flush(long nowMs) {
        quietKnown = false;
        kcp.setCurrent((int) nowMs);
        kcp.flush();
        codec.flush(transmit);
    }

    /** The most segments one send call may make: kcp-go's 255, ikcp's receive window of 128 less one. */
    private int maxFragments() {
        return config.engine() == KcpProfile.KCP_GO ? 255 : 127;
    }

    /** Segments the send side can still take: kcp-go's Write waits while waitsnd >= min(snd_wnd, rmt_wnd). */
    public int writableSegments() {
        return Math.min(kcp.sendWindow(), kcp.stats().remoteWindow()) - kcp.waitSnd();
    }

    /**
     * Reads received bytes. Stream mode: as many as are ready and fit (a segment larger than the room left is
     * split; its rest is kept for the next read). Message mode: one whole message.
     *
     * @return bytes read, 0 if nothing is ready
     * @throws IllegalArgumentException in message mode, if the next message is larger than {@code len} (it stays
     *                                  queued; size the buffer with {@link #peekSize()})
     */
    public int read(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        quietKnown = false; // a read can open the receive window, which the next flush announces
        int total = config.streamMode() ? drainPending(buf, off, len) : 0;
        while (total < len) {
            int next = kcp.peekSize();
            if (next < 0) {
                break;
            }
            if (next > len - total) {
                if (!config.streamMode()) {
                    throw new IllegalArgumentException("the next message has " + next + " bytes but the buffer has "
                            + len + "; size it with peekSize()");
                }
                if (next > pending.length) {
                    break; // cannot happen: a segment never exceeds the 1500-byte datagram limit
                }
                pendingLen = kcp.recv(pending, 0, pending.length);
                pendingOff = 0;
                total += drainPending(buf, off + total, len - total);
                break;
            }
            int n = kcp.recv(buf, off + total, len - total);
            if (n < 0) {
                break;
            }
            total += n;
            if (!config.streamMode()) {
                break;
            }
        }
        bytesRead += total;
        return total;
    }

    private int drainPending(byte[] buf, int off, int len) {
        int n = Math.min(len, pendingLen);
        if (n > 0) {
            System.arraycopy(pending, pendingOff, buf, off, n);
            pendingOff += n;
            pendingLen -= n;
        }
        return n;
    }

    /** Size of the next message (message mode), or of the bytes ready next (stream mode); -1 if none. */
    public int peekSize() {
        return pendingLen > 0 ? pendingLen : kcp.peekSize();
    }

    // ------------------------------------------------------------------------------------------- timers

    /**
     * Runs the engine's timer work due at {@code nowMs}. Calling it early is harmless.
     *
     * @return false if the tick was idle: it sent nothing and changed nothing but the time of the next one (then
     *         there is nothing new to read or room to write either); true if it may have done anything
     */
    public boolean tick(long nowMs) {
        int now = (int) nowMs;
        if (kcpGo) {
            if (now - nextFlushAt < 0) {
                return false;
            }
            if (skipIdleFlushes) {
                knowQuiet(now);
                long idle = QuietTimer.flushAfterTick(now, nextFlushAt, quietUntil, quietForever, quietInterval);
                if (idle != QuietTimer.NOT_QUIET) {
                    // the flush would send nothing and return min(interval, time to the first timeout): skip it
                    nextFlushAt = (int) idle;
                    return false;
                }
            }
            quietKnown = false;
            kcp.setCurrent(now);
            nextFlushAt = now + Math.max(1, kcp.flushAndNextDelay());
        } else {
            kcp.update(now);
            lastTickAt = now;
        }
        codec.flush(transmit);
        return true;
    }

    /**
     * {@link Kcp#quietFor} at {@code now}, remembered until something can change the engine's state (a receive,
     * write, read, flush or any use of {@link #kcp()}), so that a run of idle ticks reads the engine once.
     */
    private void knowQuiet(int now) {
        if (!quietKnown) {
            int q = kcp.quietFor(now, IDLE_SCAN_LIMIT);
            quietForever = q == Integer.MAX_VALUE;
            quietUntil = now + q;
            quietInterval = kcp.interval();
            quietKnown = true;
        }
    }

    /**
     * For a scheduler that runs this connection's idle ticks without calling it (the simulator at server scale):
     * fills {@code into} and returns true when the connection is known quiet, i.e. kcp-go profile, idle flushes
     * skipped, and a tick found nothing to do with nothing received, written, read or asked of {@link #kcp()}
     * since. Until the next such call, {@link #tick} would only move the flush timer as
     * {@link QuietTimer#flushAfterTick} does and {@link #nextWakeup} would answer {@link QuietTimer#wakeupMs}; the
     * scheduler may run those functions instead, then hands the timer back with {@link #resumeFlushTimer} before
     * its next call here.
     */
    public boolean exportQuiet(QuietTimer into) {
        if (!kcpGo || !skipIdleFlushes || !quietKnown) {
            return false;
        }
        into.set(nextFlushAt, quietUntil, quietForever, quietInterval);
        return true;
    }

    /** The flush timer as a scheduler's quiet ticks left it (see {@link #exportQuiet}). */
    public void resumeFlushTimer(int flushAt) {
        if (!kcpGo) {
            throw new IllegalStateException("only a kcp-go connection has a flush timer to resume");
        }
        nextFlushAt = flushAt;
    }

    /**
     * Whether {@link #tick} may skip a kcp-go flush that {@link Kcp#quietFor} shows would do nothing (default on).
     * Off runs every flush in full: the reference the shortcut is tested against; the datagrams are the same.
     */
    public void skipIdleFlushes(boolean on) {
        this.skipIdleFlushes = on;
    }

    /** The earliest time at which {@link #tick} has work to do; never earlier than {@code nowMs}. */
    public long nextWakeup(long nowMs) {
        if (kcpGo) {
            return QuietTimer.wakeupMs(nowMs, nextFlushAt);
        }
        int now = (int) nowMs;
        int at = kcp.check(now);
        if (at - now <= 0 && lastTickAt == now) {
            // ikcp_check says "now" but update already ran at now; next real work is at ts_flush (#48)
            at = kcp.stats().tsFlush() - now > 0 ? kcp.stats().tsFlush() : now + 1;
        }
        int delta = at - now;
        return nowMs + Math.max(0, delta);
    }

    // ------------------------------------------------------------------------------------------- status

    public ConnectionConfig config() {
        return config;
    }

    /**
     * The engine, for monitoring (rto, srtt, cwnd, windows, retransmission counters). Datagrams that a direct call
     * on it makes KCP emit wait in the codec's send batch until the next {@link #receive}, {@link #write} or
     * {@link #tick}.
     */
    public Kcp kcp() {
        quietKnown = false; // the caller may change the engine
        return kcp;
    }

    /** Datagram-level counters (kcp-go's SNMP names). */
    public Counters wireCounters() {
        return codec.counters();
    }

    public int conv() {
        return kcp.conv();
    }

    public long bytesWritten() {
        return bytesWritten;
    }

    public long bytesRead() {
        return bytesRead;
    }

    /** Segments queued or in flight on the send side (ikcp_waitsnd). */
    public int waitSnd() {
        return kcp.waitSnd();
    }

    /** True once a segment has been sent dead_link times without an ACK (KCP itself never closes). */
    public boolean isDeadLink() {
        return kcp.isDeadLink();
    }
}
