package io.kcplab.transport;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.channels.ByteChannel;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One KCP conversation over UDP: dialled with {@link #dial}, or accepted from a {@link KcpListener}.
 *
 * <p>Threads. The session's protocol state lives on one event loop of its {@link KcpTransport}; application
 * threads talk to it through two bounded hand-off buffers ({@link SessionOptions#handoffBufferBytes()} each, the
 * receive one filled by the loop, the send one drained by it into KCP while KCP's send window has room). Blocking
 * calls honour the per-call timeouts of the options and the deadlines set here, and throw
 * {@link java.net.SocketTimeoutException} when they pass. Servers holding many sessions can avoid a thread per
 * session with {@link #onReadable} and {@link #readNow}.
 *
 * <p>Modes. In stream mode {@link #read}/{@link #write} move bytes; in message mode ({@code streamMode(false)} in
 * the connection config) each {@link #write} sends one message and each {@link #read} returns one whole message
 * ({@link #sendMessage}/{@link #receiveMessage} say so explicitly).
 *
 * <p>End of a conversation. KCP has no FIN: after the peer goes away, reads return what was already received and
 * then block or time out, until the session closes for a dead link or the idle timeout; then reads return -1 and
 * {@link #closeReason()} says why. After a local {@link #close()} every call throws {@link SessionClosedException}.
 */
public final class KcpSession implements Closeable {

    private static final SecureRandom CONV_SOURCE = new SecureRandom();
    private static final long CLOSE_WAIT_MS = 5_000;

    private final KcpTransport transport;
    private final SessionOptions options;
    private final int conv;
    private final InetSocketAddress remote;
    private final InetSocketAddress local;
    private final boolean streamMode;
    private final SessionDriver driver;
    private final InboundBuffer inbound;
    private final OutboundBuffer outbound;
    private final StatsBoard board = new StatsBoard();
    private final CountDownLatch closedLatch = new CountDownLatch(1);

    private volatile Runnable onReadable;
    private volatile CloseReason closeReason;
    private final AtomicInteger sentWaiters = new AtomicInteger();

    KcpSession(KcpTransport transport, SessionOptions options, int conv, SessionLoop loop, UdpEndpoint endpoint,
               InetSocketAddress remote, SessionDriver.Owner owner, boolean active) {
        this.transport = transport;
        this.options = options;
        this.conv = conv;
        this.remote = remote;
        this.local = (InetSocketAddress) endpoint.channel().localAddress();
        this.streamMode = options.connection().streamMode();
        this.driver = new SessionDriver(this, loop, endpoint, remote, owner, active, options);
        this.inbound = new InboundBuffer(options.handoffBufferBytes(), !streamMode, driver::wake);
        this.outbound = new OutboundBuffer(options.handoffBufferBytes(), !streamMode, driver::wake);
    }

    /**
     * Opens a session to {@code remote} on its own UDP socket (kcp-go's DialWithOptions). KCP has no handshake: this
     * returns at once, and the peer learns about the session from the first datagram.
     *
     * @throws IllegalArgumentException if {@code remote} is unresolved
     * @throws IOException              if the socket cannot be opened
     */
    public static KcpSession dial(KcpTransport transport, InetSocketAddress remote, SessionOptions options)
            throws IOException {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(options, "options");
        if (remote.isUnresolved()) {
            throw new IllegalArgumentException("remote: " + remote + " is unresolved; give an IP address");
        }
        int conv = options.conv() != null ? options.conv() : CONV_SOURCE.nextInt();
        return transport.dial(remote, options, conv);
    }

    /** Dials with {@link SessionOptions#defaults()}. */
    public static KcpSession dial(KcpTransport transport, InetSocketAddress remote) throws IOException {
        return dial(transport, remote, SessionOptions.defaults());
    }

    // ------------------------------------------------------------------------------------------- identity

    public int conv() {
        return conv;
    }

    public InetSocketAddress remoteAddress() {
        return remote;
    }

    public InetSocketAddress localAddress() {
        return local;
    }

    public SessionOptions options() {
        return options;
    }

    public boolean isStreamMode() {
        return streamMode;
    }

    // ----------------------------------------------------------------------------------------- reading

    /**
     * Blocks until data is available. Stream mode: reads up to {@code len} bytes. Message mode: reads one whole
     * message (see {@link #receiveMessage}).
     *
     * @return bytes read, or -1 once the session has closed (not locally) and everything received was read
     * @throws java.net.SocketTimeoutException if the read timeout or deadline passes
     * @throws SessionClosedException          after a local close
     */
    public int read(byte[] buf, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, buf.length);
        if (len == 0 && streamMode) {
            return 0;
        }
        return inbound.read(buf, off, len, Deadline.of(options.readTimeout(), Deadline.NONE), driver.inLoop());
    }

    /** Non-blocking {@link #read}: 0 when nothing is buffered, -1 at the end. */
    public int readNow(byte[] buf, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, buf.length);
        return inbound.readNow(buf, off, len);
    }

    /** Stream mode: bytes readable without blocking. Message mode: size of the next message, or -1 if none. */
    public int available() {
        return inbound.available();
    }

    /**
     * Message mode: receives one whole message into {@code buf[off, off+len)}, blocking until one arrives.
     *
     * @return the message size, or -1 at the end
     * @throws IllegalArgumentException if the message is longer than {@code len} (it stays queued; size the buffer
     *                                  with {@link #nextMessageSize()} or {@link SessionOptions#maxMessageSize()})
     */
    public int receiveMessage(byte[] buf, int off, int len) throws IOException {
        requireMessageMode("receiveMessage");
        return read(buf, off, len);
    }

    /** Size of the next buffered message (stream mode: buffered bytes), -1 if none. Non-blocking. */
    public int nextMessageSize() {
        return inbound.nextMessageSizeNow();
    }

    /**
     * Called on the session's event loop whenever new data becomes readable, and once when the session closes.
     * It must not block; typically it hands the session to a worker or calls {@link #readNow}. An exception from it
     * closes the session with {@link CloseReason#ERROR}.
     */
    public void onReadable(Runnable callback) {
        this.onReadable = callback;
        if (callback != null && (inbound.available() > 0 || !isOpen())) {
            driver.wakeReadable(); // data that arrived before the callback was set
        }
    }

    // ----------------------------------------------------------------------------------------- writing

    /**
     * Stream mode: queues all bytes, blocking while the send side is full (KCP's send window and the hand-off
     * buffer). Message mode: sends one message (see {@link #sendMessage}).
     *
     * @throws java.net.SocketTimeoutException if the write timeout or deadline passes; its
     *                                         {@code bytesTransferred} counts the bytes queued before
     * @throws SessionClosedException          if the session is closed
     * @throws IllegalStateException           if called on the session's event loop (an onReadable callback)
     *                                         and it would have to wait
     */
    public void write(byte[] buf, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, buf.length);
        if (!streamMode) {
            checkMessage(len);
        } else if (len == 0) {
            return;
        }
        outbound.write(buf, off, len, Deadline.of(options.writeTimeout(), Deadline.NONE), driver.inLoop());
    }

    /**
     * Message mode: sends {@code buf[off, off+len)} as one message (1 .. {@link SessionOptions#maxMessageSize()}
     * bytes), blocking while the send side is full.
     */
    public void sendMessage(byte[] buf, int off, int len) throws IOException {
        requireMessageMode("sendMessage");
        write(buf, off, len);
    }

    private void checkMessage(int len) {
        if (len < 1 || len > options.maxMessageSize()) {
            throw new IllegalArgumentException("message: " + len + " bytes is out of range; accepted: 1.."
                    + options.maxMessageSize() + " bytes (the engine's fragment limit times the MSS)");
        }
    }

    private void requireMessageMode(String op) {
        if (streamMode) {
            throw new IllegalStateException(op + " needs message mode (connection config streamMode(false));"
                    + " this session is in stream mode: use read/write or the streams");
        }
    }

    /**
     * Waits until everything written so far has been handed to KCP and acknowledged by the peer (nothing queued or
     * in flight), for example before a {@link #close()} that should not lose data.
     *
     * @return true if all was acknowledged, false on timeout or if the session closed first
     */
    public boolean awaitSent(Duration timeout) throws InterruptedIOException {
        long deadline = Deadline.of(timeout, Deadline.NONE);
        long queued = outbound.queuedTotal();
        sentWaiters.incrementAndGet();
        try {
            while (isOpen()) {
                if (board.allAcknowledged(queued)) {
                    return true;
                }
                if (!outbound.awaitProgress(deadline)) {
                    return board.allAcknowledged(queued) && isOpen();
                }
            }
            return false;
        } finally {
            sentWaiters.decrementAndGet();
        }
    }

    // -------------------------------------------------------------------------------------- deadlines

    /** Reads started or waiting after {@code at} fail with a timeout; null clears it (kcp-go SetReadDeadline). */
    public void setReadDeadline(Instant at) {
        inbound.setDeadline(Deadline.fromInstant(at));
    }

    /** Writes waiting after {@code at} fail with a timeout; null clears it. */
    public void setWriteDeadline(Instant at) {
        outbound.setDeadline(Deadline.fromInstant(at));
    }

    /** Sets both deadlines. */
    public void setDeadline(Instant at) {
        setReadDeadline(at);
        setWriteDeadline(at);
    }

    // ------------------------------------------------------------------------------------------ views

    /** A blocking InputStream over {@link #read} (stream mode; in message mode each read returns one message). */
    public InputStream inputStream() {
        return new SessionInputStream(this);
    }

    /** A blocking OutputStream over {@link #write}; flush() does nothing (data leaves as the window allows). */
    public OutputStream outputStream() {
        return new SessionOutputStream(this);
    }

    /** A blocking ByteChannel; in message mode each read/write is one message. */
    public ByteChannel channel() {
        return new SessionByteChannel(this);
    }

    // ----------------------------------------------------------------------------------------- status

    public boolean isOpen() {
        return closeReason == null;
    }

    /** Why the session closed, or null while open. */
    public CloseReason closeReason() {
        return closeReason;
    }

    /** Waits for the session to close (for any reason); true if it did within the timeout. */
    public boolean awaitClosed(Duration timeout) throws InterruptedException {
        return closedLatch.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** The latest published snapshot (at most one KCP interval old). Any thread. */
    public SessionStats stats() {
        return board.stats(conv);
    }

    /** This session's kcp-go SNMP counters. Any thread. */
    public SnmpCounters counters() {
        return board.snmp();
    }

    /**
     * Closes the session: what KCP's send window takes from the hand-off buffer is flushed once (as kcp-go's Close
     * does; use {@link #awaitSent} first to be sure the peer has everything), then the session leaves its
     * listener's table and its buffers are freed. Nothing is sent to announce it. Waits (at most 5 s) for the event
     * loop to do this; blocked readers and writers wake with {@link SessionClosedException}. Idempotent.
     */
    @Override
    public void close() {
        if (!isOpen()) {
            return;
        }
        if (driver.inLoop()) {
            driver.close(CloseReason.LOCAL);
            return;
        }
        if (!driver.closeFromOutside(CloseReason.LOCAL)) {
            markClosed(CloseReason.LOCAL); // the loop is gone (transport closed)
        }
        try {
            closedLatch.await(CLOSE_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "KcpSession[conv=" + Integer.toUnsignedString(conv) + " " + local + " -> " + remote
                + (closeReason == null ? "" : " closed " + closeReason) + "]";
    }

    // ------------------------------------------------------------------------------- package internals

    KcpTransport transport() {
        return transport;
    }

    SessionDriver driver() {
        return driver;
    }

    InboundBuffer inbound() {
        return inbound;
    }

    OutboundBuffer outbound() {
        return outbound;
    }

    StatsBoard board() {
        return board;
    }

    Runnable readableCallback() {
        return onReadable;
    }

    /** Runs on the loop after each stats publication: wakes {@link #awaitSent} callers, if any. */
    void onStatsPublished() {
        if (sentWaiters.get() > 0) {
            outbound.signalProgress();
        }
    }

    void markClosed(CloseReason reason) {
        if (closeReason == null) {
            closeReason = reason;
        }
        inbound.close(reason);
        outbound.close(reason);
        closedLatch.countDown();
    }

    /** Hand-off buffer bytes currently allocated (for memory figures). */
    int handoffFootprint() {
        return inbound.footprint() + outbound.footprint();
    }
}
