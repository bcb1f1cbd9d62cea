package io.kcplab.transport;

/**
 * The counters of {@link SnmpCounters}: kcp-go's SNMP fields in kcptun's {@code --snmplog} order, then the
 * transport's own drop counters. {@link #label()} is the kcp-go name (or a KcpLab name in the same style).
 */
public enum SnmpField {
    /** Bytes the engine accepted from the application. */
    BYTES_SENT("BytesSent"),
    /** Bytes handed to the application. */
    BYTES_RECEIVED("BytesReceived"),
    /** Peak of {@link #CURR_ESTAB}. */
    MAX_CONN("MaxConn"),
    /** Sessions dialled. */
    ACTIVE_OPENS("ActiveOpens"),
    /** Sessions a listener created. */
    PASSIVE_OPENS("PassiveOpens"),
    /** Sessions open now. */
    CURR_ESTAB("CurrEstab"),
    /** Datagrams from a wrong source address (client) or malformed FEC packets. */
    IN_ERRS("InErrs"),
    /** Checksum mismatches. */
    IN_CSUM_ERRORS("InCsumErrors"),
    /** Inputs the KCP engine rejected. */
    KCP_IN_ERRORS("KCPInErrors"),
    /** Datagrams that passed the crypto stage. */
    IN_PKTS("InPkts"),
    /** Datagrams sent. */
    OUT_PKTS("OutPkts"),
    /** KCP segments parsed. */
    IN_SEGS("InSegs"),
    /** KCP segments sent. */
    OUT_SEGS("OutSegs"),
    /** Bytes received after the crypto header. */
    IN_BYTES("InBytes"),
    /** UDP payload bytes sent. */
    OUT_BYTES("OutBytes"),
    /** Fast + early + lost retransmissions. */
    RETRANS_SEGS("RetransSegs"),
    FAST_RETRANS_SEGS("FastRetransSegs"),
    EARLY_RETRANS_SEGS("EarlyRetransSegs"),
    /** Segments resent after their RTO expired. */
    LOST_SEGS("LostSegs"),
    /** Duplicate PUSH segments (the engine does not count them yet: always 0). */
    REPEAT_SEGS("RepeatSegs"),
    FEC_PARITY_SHARDS("FECParityShards"),
    FEC_ERRS("FECErrs"),
    FEC_RECOVERED("FECRecovered"),
    FEC_SHORT_SHARDS("FECShortShards"),
    // ---- transport-level drops (KcpLab's own)
    /** Datagrams a listener rejected before any session: wrong key/checksum, too short, not KCP, stray parity. */
    BAD_DATAGRAMS("BadDatagrams"),
    /** Datagrams longer than 1500 bytes. */
    OVERSIZE_DATAGRAMS("OversizeDatagrams"),
    /** Datagrams for a known address carrying another conversation (and not sn 0). */
    UNKNOWN_CONV("UnknownConv"),
    /**
     * Datagrams from an address without a session that cannot start a conversation: an ACK or probe first, or a
     * conversation this listener socket closed in the last 30 s (they would open zombie sessions).
     */
    STALE_CONV("StaleConv"),
    /** New conversations refused because the listener held its maximum of sessions. */
    OVER_MAX_SESSIONS("OverMaxSessions"),
    /** New conversations refused because the accept backlog was full. */
    BACKLOG_FULL("BacklogFull"),
    /** Datagrams dropped because the socket's send queue was full (KCP retransmits them). */
    SEND_DROPS("SendDrops"),
    /** Unexpected errors caught on an event loop (each closes its session with reason ERROR). */
    LOOP_ERRORS("LoopErrors");

    private final String label;

    SnmpField(String label) {
        this.label = label;
    }

    /** kcp-go's name, e.g. {@code InCsumErrors}. */
    public String label() {
        return label;
    }
}
