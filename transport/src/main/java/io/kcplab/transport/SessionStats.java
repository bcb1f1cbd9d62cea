package io.kcplab.transport;

/**
 * A snapshot of one session, published by its event loop at every timer tick (and at close), so it is at most one
 * KCP interval old; read it from any thread.
 *
 * @param conv               conversation id
 * @param srtt               smoothed round-trip time, ms
 * @param rttVar             round-trip time variance, ms
 * @param rto                retransmission timeout, ms
 * @param cwnd               congestion window, segments
 * @param waitSnd            segments queued or in flight
 * @param retransmissions    all retransmitted segments (RetransSegs)
 * @param fastRetransmissions segments resent by fast retransmit
 * @param fecRecovered       data shards rebuilt by FEC and accepted by KCP
 * @param bytesIn            application bytes read
 * @param bytesOut           application bytes accepted by the engine
 * @param datagramsIn        datagrams received
 * @param datagramsOut       datagrams sent
 * @param snmp               all counters of this session
 */
public record SessionStats(int conv, long srtt, long rttVar, long rto, long cwnd, long waitSnd, long retransmissions,
                           long fastRetransmissions, long fecRecovered, long bytesIn, long bytesOut, long datagramsIn,
                           long datagramsOut, SnmpCounters snmp) {
}
