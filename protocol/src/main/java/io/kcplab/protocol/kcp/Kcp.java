package io.kcplab.protocol.kcp;

import static io.kcplab.protocol.kcp.Unsigned.maxU;
import static io.kcplab.protocol.kcp.Unsigned.minU;

/**
 * The KCP ARQ engine: a sans-I/O port of ikcp.c 1.7 (npm {@code node-kcp@1.0.13}) with a second profile that
 * reproduces kcp-go 5.6.1's {@code kcp.go}.
 *
 * <p>Nothing here reads a clock: time enters through {@link #update(int)} and {@link #setCurrent(int)} as 32-bit
 * milliseconds compared by signed difference, exactly like ikcp's {@code _itimediff}, so wrap-around at 2^32 ms is
 * handled. Datagrams leave through {@link KcpOutput}. In the {@link KcpProfile#IKCP} profile, given the same
 * configuration, calls and {@code current} values, the engine emits byte-identical datagrams to C ikcp (checked by the
 * interop lock-step test). Not thread-safe: one connection is driven by one thread at a time.
 *
 * <p>All window, sequence and time fields are ikcp's {@code IUINT32}s stored in Java ints; comparisons that are
 * unsigned in C use {@link Integer#compareUnsigned}.
 *
 * <p>This class holds the state both references share (queues, buffers, windows, timers, settings) and the user
 * API. What differs between them lives in an engine ({@link IkcpEngine}, {@link KcpGoEngine}): input and flush. The
 * RTO estimator ({@link RttEstimator}), the congestion window ({@link CongestionWindow}), the segment header
 * ({@link SegmentHeader}) and datagram packing ({@link DatagramWriter}) are classes of their own.
 *
 * <p>Steady state allocates nothing: segments come from a {@link SegmentPool}, the send and receive queues are
 * intrusive linked lists, the send and receive buffers are rings indexed by sequence number ({@link SegmentRing}),
 * the ACK list and the output buffer are reused.
 */
public final class Kcp {
    /** Bytes of the KCP segment header. */
    public static final int OVERHEAD = 24;
    public static final int CMD_PUSH = 81;
    public static final int CMD_ACK = 82;
    public static final int CMD_WASK = 83;
    public static final int CMD_WINS = 84;

    static final int ASK_SEND = 1;
    static final int ASK_TELL = 2;
    static final int WND_SND = 32;
    /** ikcp's IKCP_WND_RCV: default receive window, floor of setWindowSize, and the fragment limit (count &lt; 128). */
    static final int IKCP_WND_RCV = 128;
    /** kcp-go's IKCP_WND_RCV. */
    static final int KCPGO_WND_RCV = 32;
    /** kcp-go's Send rejects more than 255 fragments (frg is 8 bits on the wire). */
    static final int KCPGO_MAX_FRAGMENTS = 255;
    static final int MTU_DEF = 1400;
    static final int INTERVAL = 100;
    static final int DEADLINK = 20;
    /**
     * 7 s before the first window probe. Both ikcp 1.7 and kcp-go 5.6.1 (kcp.go, {@code IKCP_PROBE_INIT = 7000})
     * use 7000 (docs/wire-format.md §4.2); later releases changed it (a later kcp-go to 500 ms, ikcp 2.x to 5000 ms),
     * and neither of those is ported.
     */
    static final int PROBE_INIT = 7000;
    static final int PROBE_LIMIT = 120000;
    static final int FASTACK_LIMIT = 5;
    /** Largest send or receive window accepted by {@link #setWindowSize}: the wire's wnd field is 16 bits. */
    public static final int MAX_WINDOW = 65535;
    /** Largest MTU accepted; beyond it setMtu answers -2, ikcp's "cannot allocate the buffer" code. */
    public static final int MAX_MTU = 1 << 20;

    final int conv;
    private final KcpOutput output;
    private final KcpProfile profile;
    final boolean kcpGo;

    int mtu;
    int mss;
    int state;
    int sndUna;
    int sndNxt;
    int rcvNxt;
    int sndWnd;
    int rcvWnd;
    int rmtWnd;
    int probe;
    int current;
    int interval;
    int tsFlush;
    int xmit;
    int nodelay;
    boolean updated;
    int tsProbe;
    int probeWait;
    int deadLink;
    int fastresend;
    int fastlimit;
    int nocwnd;
    private boolean stream;
    boolean ackNoDelay;
    boolean fastAckConserve;

    final SegmentQueue sndQueue = new SegmentQueue();
    final SegmentRing sndBuf = new SegmentRing(WND_SND);
    final SegmentQueue rcvQueue = new SegmentQueue();
    final SegmentRing rcvBuf = new SegmentRing(IKCP_WND_RCV);
    final SegmentPool pool = new SegmentPool(0);
    final AckList acks = new AckList();

    final RttEstimator rtt = new RttEstimator();
    final CongestionWindow cw = new CongestionWindow();
    final SegmentHeader header = new SegmentHeader();
    final DatagramWriter writer;
    private final KcpEngine engine;
    private final KcpStats stats = new KcpStats(this);

    long retransmissions;
    long fastRetransmissions;
    long earlyRetransmissions;
    long segmentsReceived;
    long repeatSegments;

    /** An engine with the {@link KcpProfile#IKCP} profile. */
    public Kcp(int conv, KcpOutput output) {
        this(conv, output, KcpProfile.IKCP);
    }

    public Kcp(int conv, KcpOutput output, KcpProfile profile) {
        if (output == null) {
            throw new IllegalArgumentException("output callback must not be null");
        }
        if (profile == null) {
            throw new IllegalArgumentException("profile must be IKCP or KCP_GO, not null");
        }
        this.conv = conv;
        this.output = output;
        this.profile = profile;
        this.kcpGo = profile == KcpProfile.KCP_GO;
        sndWnd = WND_SND;
        rcvWnd = kcpGo ? KCPGO_WND_RCV : IKCP_WND_RCV;
        rmtWnd = rcvWnd;
        mtu = MTU_DEF;
        mss = mtu - OVERHEAD;
        writer = new DatagramWriter(conv, output, mtu, outputBufferSize(mtu));
        engine = kcpGo ? new KcpGoEngine(this) : new IkcpEngine(this);
        interval = INTERVAL;
        tsFlush = INTERVAL;
        fastlimit = FASTACK_LIMIT;
        deadLink = DEADLINK;
        updatePoolLimit();
    }

    // ------------------------------------------------------------------------------------------------ user side

    /**
     * Queues a message (or stream bytes). Returns 0, or ikcp's codes: -1 when {@code len < 0} (kcp-go: also when
     * {@code len == 0}), -2 when the message needs too many fragments (ikcp: 128 or more; kcp-go: more than 255).
     * In stream mode bytes are first appended to the last queued segment, and that append stays done even when -2
     * is returned afterwards (ikcp 1.7 and kcp-go both behave so; fixed upstream only in ikcp 1.7.1).
     *
     * <p>KCP_GO note: this is kcp-go's engine {@code Send}, which fragments (frg = count-1-i) like C. kcp-go's
     * session {@code Write} cuts buffers into mss pieces before calling Send, so there every piece is its own
     * message; that is a session-layer behaviour, not the engine's.
     */
    public int send(byte[] buf, int off, int len) {
        if (len < 0) {
            return -1;
        }
        checkRange(buf, off, len, "send");
        if (kcpGo && len == 0) {
            return -1;
        }
        if (stream) {
            Segment old = sndQueue.last();
            if (old != sndQueue.end() && Integer.compareUnsigned(old.len, mss) < 0) {
                int capacity = mss - old.len;
                int extend = Math.min(len, capacity);
                old.ensureCapacity(old.len + extend);
                System.arraycopy(buf, off, old.data, old.len, extend);
                old.len += extend;
                old.frg = 0;
                off += extend;
                len -= extend;
            }
            if (len <= 0) {
                return 0;
            }
        }
        long count = len <= mss ? 1 : ((long) len + mss - 1) / mss;
        if (kcpGo ? count > KCPGO_MAX_FRAGMENTS : count >= IKCP_WND_RCV) {
            return -2;
        }
        for (int i = 0; i < count; i++) {
            int size = Math.min(len, mss);
            Segment seg = pool.take(size, mss);
            System.arraycopy(buf, off, seg.data, 0, size);
            seg.len = size;
            seg.frg = stream ? 0 : (int) (count - i - 1);
            sndQueue.addLast(seg);
            off += size;
            len -= size;
        }
        return 0;
    }

    /**
     * Copies the next whole message into {@code buf[off, off + len)} and returns its size. ikcp codes: -1 nothing
     * queued, -2 the first message is still incomplete, -3 the buffer is smaller than {@link #peekSize()}.
     * KCP_GO profile returns kcp-go's codes instead: -1 nothing complete to read, -2 buffer too small.
     */
    public int recv(byte[] buf, int off, int len) {
        checkRange(buf, off, len, "recv");
        if (rcvQueue.isEmpty()) {
            return -1;
        }
        int peek = peekSize();
        if (peek < 0) {
            return kcpGo ? -1 : -2;
        }
        if (peek > len) {
            return kcpGo ? -2 : -3;
        }
        boolean recover = Integer.compareUnsigned(rcvQueue.size(), rcvWnd) >= 0;
        int total = 0;
        while (!rcvQueue.isEmpty()) {
            Segment seg = rcvQueue.pollFirst();
            System.arraycopy(seg.data, 0, buf, off + total, seg.len);
            total += seg.len;
            int fragment = seg.frg;
            pool.release(seg);
            if (fragment == 0) {
                break;
            }
        }
        moveReceivedInOrder();
        // fast recover: the window was full and now has room, tell the peer (WINS on the next flush)
        if (Integer.compareUnsigned(rcvQueue.size(), rcvWnd) < 0 && recover) {
            probe |= ASK_TELL;
        }
        return total;
    }

    /** Size of the next complete message, or -1 if there is none yet. */
    public int peekSize() {
        return rcvQueue.firstMessageSize();
    }

    /** Segments not yet acknowledged: in snd_buf plus waiting in snd_queue. */
    public int waitSnd() {
        return sndBuf.size() + sndQueue.size();
    }

    // ------------------------------------------------------------------------------------------------ wire side

    /** {@link #input(byte[], int, int, boolean)} for a regular (not FEC-recovered) datagram. */
    public int input(byte[] data, int off, int len) {
        return input(data, off, len, true);
    }

    /**
     * Feeds one received datagram. Uses the last stored {@code current} (from {@link #update} or
     * {@link #setCurrent}); ikcp's input takes no time argument. Returns 0, -1 (shorter than 24 bytes or conv
     * mismatch), -2 (payload length exceeds the datagram) or -3 (unknown command). Segments before the bad one stay
     * applied, as in ikcp; the per-datagram steps after the loop (fast-ack accounting, cwnd growth, kcp-go's RTT
     * sample and input flush) are then skipped, also as in the references.
     *
     * @param regular kcp-go: false for FEC-recovered packets, which neither sample RTT nor update the remote window.
     *                Ignored by the IKCP profile.
     */
    public int input(byte[] data, int off, int len, boolean regular) {
        checkRange(data, off, len, "input");
        if (len < OVERHEAD) {
            return -1;
        }
        return engine.input(data, off, len, regular);
    }

    /** Moves in-order segments from rcv_buf to rcv_queue while the queue has room. */
    void moveReceivedInOrder() {
        rcvNxt = rcvBuf.moveInOrder(rcvNxt, rcvQueue, rcvWnd);
    }

    // ------------------------------------------------------------------------------------------------ timers

    /**
     * ikcp_update: stores {@code current}; flushes at most once, phase-locked to the first call, every
     * {@code interval} ms; a jump of 10 s or more either way resynchronises the phase.
     */
    public void update(int current) {
        this.current = current;
        if (!updated) {
            updated = true;
            tsFlush = current;
        }
        int slap = current - tsFlush;
        if (slap >= 10000 || slap < -10000) {
            tsFlush = current;
            slap = 0;
        }
        if (slap >= 0) {
            tsFlush += interval;
            if (current - tsFlush >= 0) {
                tsFlush = current + interval;
            }
            engine.flush();
        }
    }

    /**
     * ikcp_check (kcp-go's Check is the same algorithm): when {@link #update} should next be called, as an absolute
     * 32-bit time. Returns {@code current} itself if a flush or a retransmission is due. Known ikcp trap (#48): the
     * answer can lie before {@code tsFlush}, where update() will not flush; callers that sleep on check() and then
     * call update() may spin once; call {@link #flush()} directly if that matters.
     */
    public int check(int current) {
        if (!updated) {
            return current;
        }
        int tsFlush = this.tsFlush;
        if (current - tsFlush >= 10000 || current - tsFlush < -10000) {
            tsFlush = current;
        }
        if (current - tsFlush >= 0) {
            return current;
        }
        int tmFlush = tsFlush - current;
        int tmPacket = Integer.MAX_VALUE;
        for (int sn = sndUna, end = sndNxt; sn != end; sn++) {
            Segment seg = sndBuf.get(sn);
            if (seg == null) {
                continue;
            }
            int diff = seg.resendts - current;
            if (diff <= 0) {
                return current;
            }
            if (diff < tmPacket) {
                tmPacket = diff;
            }
        }
        int minimal = Math.min(tmPacket, tmFlush);
        if (Integer.compareUnsigned(minimal, interval) >= 0) {
            minimal = interval;
        }
        return current + minimal;
    }

    /**
     * KCP_GO profile: for how many ms from {@code now} a flush would emit nothing and change nothing, so that its
     * only effect is the delay it returns ({@code min(interval, this answer)}), provided no input, send, receive or
     * setting change comes first. 0 when the next flush has work: ACKs to send, a window probe, queued data the
     * window admits, a fast or early retransmission, or a timeout already due; otherwise the time to the earliest
     * retransmission timeout, {@link Integer#MAX_VALUE} with nothing in flight. With more than {@code maxInFlight}
     * segments in flight it answers 0 without looking (a busy sender flushes for real anyway). IKCP profile: 0.
     */
    public int quietFor(int now, int maxInFlight) {
        return engine.quietFor(now, maxInFlight);
    }

    /** Stores the time used by {@link #input} and {@link #flush()} without flushing (ikcp users set kcp->current). */
    public void setCurrent(int current) {
        this.current = current;
    }

    /**
     * ikcp_flush / kcp-go flush(false) at the stored {@code current}. IKCP profile: does nothing until the first
     * {@link #update}, exactly like C. KCP_GO profile: flushes regardless (kcp-go has no such precondition).
     */
    public void flush() {
        engine.flush();
    }

    /**
     * kcp-go's flush(false), returning its next wake-up delay in ms: {@code min(interval, smallest positive
     * resendts - current)}; this is how kcp-go sessions schedule themselves (they never call Update/Check).
     * On the IKCP profile it runs {@link #flush()} and answers {@code check(current) - current}.
     */
    public int flushAndNextDelay() {
        return engine.flushAndNextDelay();
    }

    // ------------------------------------------------------------------------------------------------ config

    /**
     * ikcp_setmtu: -1 if {@code mtu < 50} (or, an extension, if the reserved bytes would leave no payload),
     * -2 if {@code mtu > }{@link #MAX_MTU} (ikcp's allocation-failure code). Sets mss = mtu - 24 - reserved.
     * KCP_GO: kcp-go 5.6.1 checks the reserved size against the <em>old</em> mtu; reproduced.
     */
    public int setMtu(int mtu) {
        if (mtu < 50) {
            return -1;
        }
        final int reserved = writer.reserved();
        if (kcpGo && (reserved >= this.mtu - OVERHEAD || reserved < 0)) {
            return -1;
        }
        if (mtu - OVERHEAD - reserved <= 0) {
            return -1; // kcp-go would underflow mss; ikcp has no reserved bytes
        }
        if (mtu > MAX_MTU) {
            return -2;
        }
        writer.resize(mtu, outputBufferSize(mtu));
        this.mtu = mtu;
        this.mss = mtu - OVERHEAD - reserved;
        return 0;
    }

    private int outputBufferSize(int mtu) {
        // ikcp allocates (mtu + 24) * 3, kcp-go allocates mtu; packing is bounded by mtu either way.
        return kcpGo ? mtu : (mtu + OVERHEAD) * 3;
    }

    /**
     * ikcp_wndsize: values &lt;= 0 keep the current setting. IKCP raises the receive window to at least 128 (it must
     * hold the largest message); KCP_GO takes it as given.
     *
     * @throws IllegalArgumentException if either window exceeds {@link #MAX_WINDOW}
     */
    public void setWindowSize(int snd, int rcv) {
        if (snd > MAX_WINDOW || rcv > MAX_WINDOW) {
            // ikcp takes any u32, but the wnd field is 16 bits on the wire: a larger window cannot be advertised
            throw new IllegalArgumentException("window sizes must be at most " + MAX_WINDOW
                    + " segments (16 bits on the wire); got snd=" + snd + ", rcv=" + rcv);
        }
        if (snd > 0) {
            sndWnd = snd;
        }
        if (rcv > 0) {
            rcvWnd = kcpGo ? rcv : maxU(rcv, IKCP_WND_RCV);
        }
        updatePoolLimit();
    }

    /**
     * ikcp_nodelay. Negative arguments keep the value. {@code nodelay >= 0} also resets the minimum RTO to 30 ms
     * (nodelay != 0) or 100 ms, so call {@link #setMinRto} afterwards. Interval is clamped to 10..5000 ms.
     */
    public void setNoDelay(int nodelay, int interval, int resend, int nc) {
        if (nodelay >= 0) {
            this.nodelay = nodelay;
            rtt.minRto = nodelay != 0 ? RttEstimator.RTO_NDL : RttEstimator.RTO_MIN;
        }
        if (interval >= 0) {
            setInterval(interval);
        }
        if (resend >= 0) {
            fastresend = resend;
        }
        if (nc >= 0) {
            nocwnd = nc;
        }
    }

    /** ikcp_interval: flush period, clamped to 10..5000 ms. */
    public void setInterval(int interval) {
        this.interval = Math.max(10, Math.min(5000, interval));
    }

    public void setStreamMode(boolean on) {
        stream = on;
    }

    /** ikcp's rx_minrto field (lower bound of the RTO). */
    public void setMinRto(int minRto) {
        rtt.minRto = minRto;
    }

    /** ikcp's fastlimit: a segment is fast-retransmitted only while xmit &lt;= limit (&lt;= 0: no limit). KCP_GO ignores it. */
    public void setFastLimit(int limit) {
        fastlimit = limit;
    }

    /** Retransmissions of one segment after which {@link #state()} becomes -1 (sticky; nothing else happens). */
    public void setDeadLink(int deadLink) {
        this.deadLink = deadLink;
    }

    /** kcp-go's ackNoDelay: after input, send pending ACKs at once (ACK-only flush). Off by default. */
    public void setAckNoDelay(boolean on) {
        ackNoDelay = on;
    }

    /**
     * kcp-go's ReserveBytes: leave {@code bytes} free at the start of each output datagram for FEC/crypto headers.
     * mss becomes mtu - 24 - bytes; datagrams (reserved + KCP bytes) still fit the mtu; the callback gets
     * {@code output(buf, 0, reserved + kcpBytes)} with the first bytes left for the caller to fill.
     */
    public void setReserved(int bytes) {
        if (bytes < 0 || bytes >= mtu - OVERHEAD) {
            throw new IllegalArgumentException("reserved bytes must be in [0, mtu - 24) = [0, " + (mtu - OVERHEAD)
                    + "), got " + bytes);
        }
        writer.reserve(bytes);
        mss = mtu - OVERHEAD - bytes;
    }

    /** IKCP profile: behave as ikcp.c compiled with IKCP_FASTACK_CONSERVE (ikcp 1.7.1's default). */
    public void setFastAckConserve(boolean on) {
        fastAckConserve = on;
    }

    private void updatePoolLimit() {
        long limit = Integer.toUnsignedLong(sndWnd) + Integer.toUnsignedLong(rcvWnd) + 64;
        pool.setLimit((int) Math.min(limit, 1 << 16));
    }

    // ------------------------------------------------------------------------------------------------ getters

    /** The engine's state and counters, read-only (one view per engine, no allocation per call). */
    public KcpStats stats() {
        return stats;
    }

    public KcpProfile profile() {
        return profile;
    }

    public int conv() {
        return conv;
    }

    public int mtu() {
        return mtu;
    }

    public int mss() {
        return mss;
    }

    public int reserved() {
        return writer.reserved();
    }

    public int minRto() {
        return rtt.minRto;
    }

    public int sendWindow() {
        return sndWnd;
    }

    public int receiveWindow() {
        return rcvWnd;
    }

    /** 0, or -1 (0xFFFFFFFF) once a segment reached dead_link transmissions. */
    public int state() {
        return state;
    }

    public boolean isDeadLink() {
        return state != 0;
    }

    public int interval() {
        return interval;
    }

    public int nodelay() {
        return nodelay;
    }

    public int fastResend() {
        return fastresend;
    }

    public int fastLimit() {
        return fastlimit;
    }

    public int noCwnd() {
        return nocwnd;
    }

    public int deadLink() {
        return deadLink;
    }

    public boolean isStreamMode() {
        return stream;
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static void checkRange(byte[] buf, int off, int len, String op) {
        if (buf == null) {
            throw new IllegalArgumentException(op + ": buffer must not be null");
        }
        if (off < 0 || len < 0 || off > buf.length - len) {
            throw new IllegalArgumentException(op + ": off=" + off + ", len=" + len
                    + " out of range for a buffer of " + buf.length + " bytes (need 0 <= off, 0 <= len, off+len <= length)");
        }
    }

    @Override
    public String toString() {
        return "Kcp[" + profile + " conv=" + Integer.toUnsignedString(conv) + " una=" + sndUna + " nxt=" + sndNxt
                + " rcv_nxt=" + rcvNxt + " rto=" + rtt.rto + " cwnd=" + cw.cwnd + " state=" + state + "]";
    }
}
