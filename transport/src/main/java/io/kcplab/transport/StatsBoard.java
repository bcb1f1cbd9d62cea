package io.kcplab.transport;

import io.kcplab.protocol.Connection;
import io.kcplab.protocol.kcp.Kcp;
import io.kcplab.protocol.wire.Counters;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A session's counters and gauges, written by its event loop (release stores, once per tick and at close) and
 * read by any thread. Fields may be from slightly different moments; each is at most one tick old.
 */
final class StatsBoard {

    private static final int SRTT = SnmpCounters.SIZE;
    private static final int RTTVAR = SRTT + 1;
    private static final int RTO = SRTT + 2;
    private static final int CWND = SRTT + 3;
    private static final int WAITSND = SRTT + 4;
    private static final int DATAGRAMS_IN = SRTT + 5;
    private static final int SIZE = SRTT + 6;

    private final AtomicLongArray v = new AtomicLongArray(SIZE);

    private void put(SnmpField f, long value) {
        v.setRelease(f.ordinal(), value);
    }

    /** Publishes the connection's state; runs on the loop. */
    void publish(Connection c, boolean open, boolean active, long badSource, long sendDrops, long loopErrors) {
        Counters w = c.wireCounters();
        Kcp k = c.kcp();
        // waitsnd before BytesSent: a reader that sees a BytesSent value also sees this or a later waitsnd.
        v.setRelease(WAITSND, k.waitSnd());
        put(SnmpField.BYTES_SENT, c.bytesWritten());
        put(SnmpField.BYTES_RECEIVED, c.bytesRead());
        put(SnmpField.MAX_CONN, 1);
        put(active ? SnmpField.ACTIVE_OPENS : SnmpField.PASSIVE_OPENS, 1);
        put(SnmpField.CURR_ESTAB, open ? 1 : 0);
        put(SnmpField.IN_ERRS, w.inErrs() + badSource);
        put(SnmpField.IN_CSUM_ERRORS, w.inCsumErrors());
        put(SnmpField.KCP_IN_ERRORS, w.kcpInErrors());
        put(SnmpField.IN_PKTS, w.inPkts());
        put(SnmpField.OUT_PKTS, w.outPkts());
        put(SnmpField.IN_SEGS, k.stats().segmentsReceived());
        put(SnmpField.OUT_SEGS, k.stats().segmentsSent());
        put(SnmpField.IN_BYTES, w.inBytes());
        put(SnmpField.OUT_BYTES, w.outBytes());
        long fast = k.stats().fastRetransmissions();
        long early = k.stats().earlyRetransmissions();
        long lost = k.stats().timeoutRetransmissions();
        put(SnmpField.RETRANS_SEGS, fast + early + lost);
        put(SnmpField.FAST_RETRANS_SEGS, fast);
        put(SnmpField.EARLY_RETRANS_SEGS, early);
        put(SnmpField.LOST_SEGS, lost);
        put(SnmpField.REPEAT_SEGS, k.stats().repeatSegments());
        put(SnmpField.FEC_PARITY_SHARDS, w.fecParityShards());
        put(SnmpField.FEC_ERRS, w.fecErrs());
        put(SnmpField.FEC_RECOVERED, w.fecRecovered());
        put(SnmpField.FEC_SHORT_SHARDS, w.fecShortShards());
        put(SnmpField.OVERSIZE_DATAGRAMS, w.oversizePackets());
        put(SnmpField.BAD_DATAGRAMS, w.shortPackets());
        put(SnmpField.SEND_DROPS, sendDrops);
        put(SnmpField.LOOP_ERRORS, loopErrors);
        v.setRelease(SRTT, k.stats().srtt());
        v.setRelease(RTTVAR, k.stats().rttVar());
        v.setRelease(RTO, k.stats().rto());
        v.setRelease(CWND, k.stats().cwnd());
        v.setRelease(DATAGRAMS_IN, w.inDatagrams());
    }

    /** The session closed: it no longer counts as established. */
    void publishClosed() {
        put(SnmpField.CURR_ESTAB, 0);
    }

    /**
     * True once the engine has taken at least {@code queued} application bytes and nothing is queued or in flight
     * (as last published).
     */
    boolean allAcknowledged(long queued) {
        return v.getAcquire(SnmpField.BYTES_SENT.ordinal()) >= queued && v.getAcquire(WAITSND) == 0;
    }

    SnmpCounters snmp() {
        long[] a = new long[SnmpCounters.SIZE];
        addTo(a);
        return new SnmpCounters(a);
    }

    void addTo(long[] acc) {
        for (int i = 0; i < SnmpCounters.SIZE; i++) {
            acc[i] += v.getAcquire(i);
        }
    }

    SessionStats stats(int conv) {
        SnmpCounters s = snmp();
        return new SessionStats(conv, v.getAcquire(SRTT), v.getAcquire(RTTVAR), v.getAcquire(RTO),
                v.getAcquire(CWND), v.getAcquire(WAITSND), s.get(SnmpField.RETRANS_SEGS),
                s.get(SnmpField.FAST_RETRANS_SEGS), s.get(SnmpField.FEC_RECOVERED), s.get(SnmpField.BYTES_RECEIVED),
                s.get(SnmpField.BYTES_SENT), v.getAcquire(DATAGRAMS_IN), s.get(SnmpField.OUT_PKTS), s);
    }
}
