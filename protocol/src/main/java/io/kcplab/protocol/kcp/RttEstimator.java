package io.kcplab.protocol.kcp;

import static io.kcplab.protocol.kcp.Unsigned.boundU;
import static io.kcplab.protocol.kcp.Unsigned.maxU;

/**
 * The retransmission timeout from round-trip samples, in each reference's own integer arithmetic: ikcp's
 * {@code ikcp_update_ack} and kcp-go's RFC 6298 variant. All values are milliseconds.
 */
final class RttEstimator {
    static final int RTO_NDL = 30;
    static final int RTO_MIN = 100;
    static final int RTO_DEF = 200;
    static final int RTO_MAX = 60000;

    /** Smoothed round trip; 0 until the first sample (both references use 0 as "no sample yet"). */
    int srtt;
    int rttVar;
    int rto = RTO_DEF;
    int minRto = RTO_MIN;

    /** ikcp_update_ack, replicating C's int/long promotions. */
    void sampleIkcp(int rtt, int interval) {
        if (srtt == 0) {
            srtt = rtt;
            rttVar = rtt / 2;
        } else {
            long delta = rtt - srtt;
            if (delta < 0) {
                delta = -delta;
            }
            rttVar = (int) (((long) (3 * rttVar) + delta) / 4);
            srtt = (7 * srtt + rtt) / 8;
            if (srtt < 1) {
                srtt = 1;
            }
        }
        rto = boundU(minRto, srtt + maxU(interval, 4 * rttVar), RTO_MAX);
    }

    /** kcp-go's estimator: RFC 6298 with the Linux-style 1/32 weight for samples below srtt - rttvar. */
    void sampleKcpGo(int rtt, int interval) {
        if (srtt == 0) {
            srtt = rtt;
            rttVar = rtt >> 1;
        } else {
            int delta = rtt - srtt;
            srtt += delta >> 3;
            if (delta < 0) {
                delta = -delta;
            }
            // compares with the already-updated srtt, as kcp-go does
            if (rtt < srtt - rttVar) {
                rttVar += (delta - rttVar) >> 5;
            } else {
                rttVar += (delta - rttVar) >> 2;
            }
        }
        rto = boundU(minRto, srtt + maxU(interval, rttVar << 2), RTO_MAX);
    }
}
