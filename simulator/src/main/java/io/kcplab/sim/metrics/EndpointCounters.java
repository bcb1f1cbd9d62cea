package io.kcplab.sim.metrics;

import io.kcplab.protocol.Connection;
import io.kcplab.protocol.kcp.KcpStats;
import io.kcplab.protocol.wire.Counters;

/**
 * One endpoint's engine and codec totals, copied from its {@link Connection} when the run ends: what reports
 * convert, so they never hold a live connection.
 *
 * @param segmentsSent           KCP segments the engine sent, first transmissions and retransmissions
 * @param timeoutRetransmissions segments resent because their RTO expired
 * @param fastRetransmissions    segments resent after {@code resend} skipping ACKs
 * @param earlyRetransmissions   segments resent by kcp-go's early retransmit
 * @param datagramsSent          UDP datagrams the codec sent (kcp-go's OutPkts)
 * @param wireBytesSent          UDP payload bytes the codec sent (OutBytes)
 * @param corruptDrops           datagrams the codec rejected: checksum or decryption failures (InCsumErrors)
 * @param fecRecovered           segments the FEC decoder rebuilt (FECRecovered)
 */
public record EndpointCounters(long segmentsSent, long timeoutRetransmissions, long fastRetransmissions,
        long earlyRetransmissions, long datagramsSent, long wireBytesSent, long corruptDrops, long fecRecovered) {

    /** The connection's totals now. */
    public static EndpointCounters of(Connection c) {
        KcpStats s = c.kcp().stats();
        Counters w = c.wireCounters();
        return new EndpointCounters(s.segmentsSent(), s.timeoutRetransmissions(), s.fastRetransmissions(),
                s.earlyRetransmissions(), w.outPkts(), w.outBytes(), w.inCsumErrors(), w.fecRecovered());
    }

    /** Timeout + fast + early retransmissions. */
    public long retransmissions() {
        return timeoutRetransmissions + fastRetransmissions + earlyRetransmissions;
    }
}
