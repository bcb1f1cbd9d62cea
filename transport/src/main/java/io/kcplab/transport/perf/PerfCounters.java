package io.kcplab.transport.perf;

/**
 * One end's KCP counters at the end of a transfer (kcp-go SNMP names in brackets).
 *
 * @param segmentsSent        segments sent [OutSegs]
 * @param retransmissions     retransmitted segments, all causes [RetransSegs]
 * @param fastRetransmissions segments resent by fast retransmit [FastRetransSegs]
 * @param lostSegments        segments resent after their RTO expired [LostSegs]
 * @param fecRecovered        data shards rebuilt by FEC and accepted by KCP [FECRecovered]
 */
public record PerfCounters(long segmentsSent, long retransmissions, long fastRetransmissions, long lostSegments,
                           long fecRecovered) {

    /** Retransmitted / sent segments; 0 when nothing was sent. */
    public double retransmissionRate() {
        return segmentsSent == 0 ? 0 : (double) retransmissions / segmentsSent;
    }
}
