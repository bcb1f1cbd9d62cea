package io.kcplab.protocol.wire;

/**
 * One codec's packet counters, named after kcp-go's SNMP fields where they mean the same thing
 * (docs/wire-format.md §5.4); kcp-go keeps them global, here they belong to one {@link PacketCodec}. Plain fields,
 * single writer: read them from the codec's thread or accept slightly stale values.
 *
 * <p>Every datagram handed to {@code decode} ends in exactly one of {@link #inPkts()}, {@link #shortPackets()},
 * {@link #oversizePackets()}, {@link #inCsumErrors()} or {@link #inErrs()}, so
 * {@code inDatagrams == inPkts + shortPackets + oversizePackets + inCsumErrors + inErrs} always holds.
 */
public final class Counters {

    long inDatagrams;
    long inPkts;
    long inBytes;
    long outPkts;
    long outBytes;
    long inCsumErrors;
    long inErrs;
    long kcpInErrors;
    long shortPackets;
    long oversizePackets;
    long fecParityShards;
    long fecErrs;
    long fecRecovered;
    long fecShortShards;

    /** Datagrams handed to decode (KcpLab's own; kcp-go has no such counter). */
    public long inDatagrams() {
        return inDatagrams;
    }

    /** InPkts: datagrams that passed the crypto stage and the 24-byte minimum and went on to FEC/KCP. */
    public long inPkts() {
        return inPkts;
    }

    /** InBytes: bytes of those datagrams after the crypto header (as kcp-go counts them). */
    public long inBytes() {
        return inBytes;
    }

    /** OutPkts: datagrams emitted (data and parity). */
    public long outPkts() {
        return outPkts;
    }

    /** OutBytes: wire bytes emitted. */
    public long outBytes() {
        return outBytes;
    }

    /** InCsumErrors: checksum mismatches (wrong key or cipher, corruption, forgery). */
    public long inCsumErrors() {
        return inCsumErrors;
    }

    /** InErrs: FEC packets shorter than 8 bytes (kcp-go counts these; unreachable after the 24-byte check). */
    public long inErrs() {
        return inErrs;
    }

    /** KCPInErrors: inputs the KCP sink rejected. */
    public long kcpInErrors() {
        return kcpInErrors;
    }

    /**
     * Datagrams shorter than the crypto header, or shorter than a KCP header (24 bytes) after it. kcp-go drops
     * both silently; KcpLab counts them.
     */
    public long shortPackets() {
        return shortPackets;
    }

    /** Datagrams over 1500 bytes (kcp-go's receive buffers would truncate them, so they could never verify). */
    public long oversizePackets() {
        return oversizePackets;
    }

    /** FECParityShards: parity packets received. */
    public long fecParityShards() {
        return fecParityShards;
    }

    /** FECErrs: rebuilt data shards whose size field was not in 2..shard length. */
    public long fecErrs() {
        return fecErrs;
    }

    /** FECRecovered: rebuilt data shards that KCP accepted. */
    public long fecRecovered() {
        return fecRecovered;
    }

    /** FECShortShards: data shards pushed out of the FEC window before their group could be used. */
    public long fecShortShards() {
        return fecShortShards;
    }

    /** Datagrams dropped before reaching FEC/KCP, for any reason. */
    public long dropped() {
        return shortPackets + oversizePackets + inCsumErrors + inErrs;
    }

    @Override
    public String toString() {
        return "Counters{inDatagrams=" + inDatagrams + ", inPkts=" + inPkts + ", inBytes=" + inBytes
                + ", outPkts=" + outPkts + ", outBytes=" + outBytes + ", inCsumErrors=" + inCsumErrors
                + ", inErrs=" + inErrs + ", kcpInErrors=" + kcpInErrors + ", shortPackets=" + shortPackets
                + ", oversizePackets=" + oversizePackets + ", fecParityShards=" + fecParityShards
                + ", fecErrs=" + fecErrs + ", fecRecovered=" + fecRecovered + ", fecShortShards=" + fecShortShards
                + '}';
    }
}
