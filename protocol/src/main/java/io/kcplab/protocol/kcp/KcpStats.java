package io.kcplab.protocol.kcp;

/**
 * A read-only view of a {@link Kcp}'s state and counters, under ikcp's field names where there is one: sequence
 * numbers, the RTO estimator, the congestion window, queue and buffer sizes, timers and what was sent and received.
 * Reads the engine's live fields: a value is current at the moment of the call.
 */
public final class KcpStats {
    private final Kcp k;

    KcpStats(Kcp k) {
        this.k = k;
    }

    public int sndUna() {
        return k.sndUna;
    }

    public int sndNxt() {
        return k.sndNxt;
    }

    public int rcvNxt() {
        return k.rcvNxt;
    }

    public int srtt() {
        return k.rtt.srtt;
    }

    public int rttVar() {
        return k.rtt.rttVar;
    }

    public int rto() {
        return k.rtt.rto;
    }

    public int cwnd() {
        return k.cw.cwnd;
    }

    public int ssthresh() {
        return k.cw.ssthresh;
    }

    public int incr() {
        return k.cw.incr;
    }

    public int remoteWindow() {
        return k.rmtWnd;
    }

    public int sendQueueSize() {
        return k.sndQueue.size();
    }

    public int sendBufferSize() {
        return k.sndBuf.size();
    }

    public int receiveQueueSize() {
        return k.rcvQueue.size();
    }

    public int receiveBufferSize() {
        return k.rcvBuf.size();
    }

    public int current() {
        return k.current;
    }

    public int probe() {
        return k.probe;
    }

    public int probeWait() {
        return k.probeWait;
    }

    public int tsProbe() {
        return k.tsProbe;
    }

    public int tsFlush() {
        return k.tsFlush;
    }

    /** ikcp's kcp->xmit: total timeout retransmissions (kcp-go: its lostSegs). */
    public int xmit() {
        return k.xmit;
    }

    /** Segments resent because their RTO expired (fast and early retransmissions are counted apart). */
    public long timeoutRetransmissions() {
        return k.retransmissions;
    }

    /** Segments resent because fastack reached the resend threshold. */
    public long fastRetransmissions() {
        return k.fastRetransmissions;
    }

    /** KCP_GO profile: segments resent by early retransmit (always 0 on IKCP). */
    public long earlyRetransmissions() {
        return k.earlyRetransmissions;
    }

    /** Segments written to datagrams (PUSH, ACK, WASK, WINS), like kcp-go's OutSegs. */
    public long segmentsSent() {
        return k.writer.segmentsWritten();
    }

    /** Well-formed segments parsed by input, like kcp-go's InSegs. */
    public long segmentsReceived() {
        return k.segmentsReceived;
    }

    /** PUSH segments that were duplicates or outside the receive window (kcp-go's RepeatSegs; regular input only). */
    public long repeatSegments() {
        return k.repeatSegments;
    }
}
