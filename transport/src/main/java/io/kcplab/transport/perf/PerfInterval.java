package io.kcplab.transport.perf;

/**
 * One reporting interval of a client, iperf3-style. Counts are the interval's own (differences); gauges are
 * sampled at its end from the client's session.
 *
 * @param start               seconds since the transfer began
 * @param end                 seconds since the transfer began
 * @param bytes               pattern bytes moved in the interval: sent (forward), received (reverse), or received
 *                            back (echo)
 * @param goodputMbps         {@code bytes * 8 / (end - start)} in Mbit/s (10^6 bits)
 * @param srttMs              smoothed RTT, ms
 * @param rtoMs               retransmission timeout, ms
 * @param retransmissions     segments the client retransmitted in the interval
 * @param fastRetransmissions of which by fast retransmit
 * @param fecRecovered        data shards the client rebuilt with FEC in the interval
 * @param cwnd                congestion window, segments
 */
public record PerfInterval(double start, double end, long bytes, double goodputMbps, long srttMs, long rtoMs,
                           long retransmissions, long fastRetransmissions, long fecRecovered, long cwnd) {
}
