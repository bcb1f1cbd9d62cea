package io.kcplab.protocol.fec;

import java.util.Arrays;
import java.util.Objects;

/**
 * kcp-go 5.6.1's FEC decoder ({@code fec.go: fecDecoder.decode}) with its autotuner: a receive window of packets
 * sorted by seqid (signed 32-bit comparison), at most {@code rxlimit = 3n} of them kept, duplicates ignored,
 * entries older than 60 s dropped, and a group's missing data shards rebuilt as soon as any {@code ds} of its
 * {@code n} shards are present.
 *
 * <p>The caller hands every FEC packet ({@code 0xF1} and {@code 0xF2}) to {@link #decode} and, separately, feeds
 * received data shards straight to KCP: the decoder only reports the data shards it rebuilt, through a
 * {@link RecoveredShardSink}. It never trusts a packet: anything malformed is counted and dropped, nothing
 * throws. Memory is bounded (at most 769 buffers of 1500 bytes in the window plus n scratch buffers) and, once
 * the pool is warm, the decoder itself allocates nothing (the RS codec's decode may; Backblaze's does); only an
 * autotune to a new (ds, ps) allocates its codec.
 *
 * <p>Kept from kcp-go on purpose: a group leaves the window once rebuilt, so when {@code ps > ds} the parity
 * shards that arrive later can rebuild it a second time (with one data shard, every lone parity shard is a whole
 * group). The sink then gets data shards that had arrived already; KCP drops them as duplicates.
 *
 * <p>Not kept from kcp-go, because the seqids are the peer's to choose: the window is ordered by signed seqid
 * difference, which stops being a total order once seqids 2^31 apart share it, so a packet of another group can
 * sit between a group's members. KcpLab picks a group's members entry by entry (one per slot), pads and frees
 * only those (kcp-go frees an index range, dropping whatever sits between), and once a second also expires stale
 * entries wherever they sit, not only at the window's head.
 *
 * <p>Counters named after kcp-go's SNMP fields: {@link #parityShards()} = FECParityShards (parity packets
 * received), {@link #recovered()} ~ FECRecovered (rebuilt shards handed on; kcp-go counts only those that KCP
 * then accepts), {@link #errors()} = FECErrs (rebuilt shards whose size field is not in 2..shard length),
 * {@link #shortShards()} = FECShortShards (data shards pushed out of the window unrecovered). KcpLab's own:
 * duplicates, malformed, expired, retunes.
 *
 * <p>Not thread-safe: one decoder per session.
 */
public final class FecDecoder {

    /** kcp-go's {@code fecExpire}. */
    public static final int EXPIRE_MS = 60_000;
    /** kcp-go's {@code rxFECMulti}: the window holds this many groups. */
    public static final int RX_MULTI = 3;
    private static final int HDR = FecEncoder.FEC_HEADER_SIZE;
    private static final int SWEEP_INTERVAL_MS = 1000;

    /** Makes the RS codec for a (ds, ps) the decoder switches to; called lazily, once per distinct pair. */
    @FunctionalInterface
    public interface CodecFactory {
        ErasureCodec create(int dataShards, int parityShards);
    }

    private final FecAutotune autotune = new FecAutotune();
    private final FecShapeCache shapes;
    private final FecRxWindow rx = new FecRxWindow();
    private final FecDecoderCounters counters = new FecDecoderCounters();
    private int lastSweepMs;

    // current group shape
    private int dataShards;
    private int parityShards;
    private int shardSize;
    private int rxlimit;
    private ErasureCodec codec;
    private byte[][] shardCache;
    private boolean[] presentCache;
    private int[] memberCache;

    public FecDecoder(int dataShards, int parityShards, CodecFactory codecFactory) {
        ShardCounts.check(dataShards, parityShards);
        this.shapes = new FecShapeCache(Objects.requireNonNull(codecFactory, "codecFactory"));
        reshape(dataShards, parityShards);
    }

    /** With KcpLab's fast codec ({@link ErasureCodec#fast}). */
    public FecDecoder(int dataShards, int parityShards) {
        this(dataShards, parityShards, ErasureCodec::fast);
    }

    /**
     * Processes one FEC packet {@code pkt[off .. off+len)} (starting at its seqid) received at {@code nowMs}
     * (a u32 millisecond clock; compared by signed difference). Calls {@code sink} once per data shard it
     * rebuilds, in shard order.
     */
    public void decode(byte[] pkt, int off, int len, int nowMs, RecoveredShardSink sink) {
        if (pkt == null || off < 0 || len < FecEncoder.FEC_HEADER_SIZE_PLUS_2 || len > FecEncoder.MTU_LIMIT
                || off > pkt.length - len) {
            counters.malformed++; // kcp-go's receive buffers are 1500 bytes, so nothing longer can reach its decoder
            return;
        }
        int type = (pkt[off + 4] & 0xFF) | (pkt[off + 5] & 0xFF) << 8;
        if (type != FecEncoder.TYPE_DATA && type != FecEncoder.TYPE_PARITY) {
            counters.malformed++;
            return;
        }
        boolean isData = type == FecEncoder.TYPE_DATA;
        int seqid = (pkt[off] & 0xFF) | (pkt[off + 1] & 0xFF) << 8 | (pkt[off + 2] & 0xFF) << 16
                | (pkt[off + 3] & 0xFF) << 24;
        if (!isData) {
            counters.parityShards++;
        }

        autotune.sample(isData, seqid);
        boolean dataSlot = Integer.remainderUnsigned(seqid, shardSize) < dataShards;
        if (dataSlot != isData) {
            maybeRetune();
        }

        int insertIdx = rx.insertionPoint(seqid);
        if (insertIdx < 0) {
            counters.duplicates++;
            return;
        }
        rx.insert(insertIdx, pkt, off, len, seqid, nowMs, isData);

        tryRecover(seqid, insertIdx, sink);

        if (rx.count > rxlimit) { // kcp-go drops one entry per call, even after autotune shrank the limit
            if (rx.data[0]) {
                counters.shortShards++;
            }
            rx.freeRange(0, 1);
        }

        int numExpired = rx.expiredAtHead(nowMs, EXPIRE_MS);
        if (numExpired > 0) {
            counters.expired += numExpired;
            rx.freeRange(0, numExpired);
        }
        // kcp-go expires only the window's head, which is enough while seqid order is arrival order. A peer that
        // sends far-away seqids can park entries behind the head for ever and starve recovery; once a second,
        // expire them wherever they sit.
        if (nowMs - lastSweepMs >= SWEEP_INTERVAL_MS || nowMs - lastSweepMs < 0) {
            lastSweepMs = nowMs;
            counters.expired += rx.sweepExpired(nowMs, EXPIRE_MS);
        }
    }

    private void tryRecover(int seqid, int insertIdx, RecoveredShardSink sink) {
        int slotOfNew = Integer.remainderUnsigned(seqid, shardSize);
        int shardBegin = seqid - slotOfNew;
        int shardEnd = shardBegin + shardSize - 1;
        int searchBegin = Math.max(0, insertIdx - slotOfNew);
        int searchEnd = Math.min(searchBegin + shardSize - 1, rx.count - 1);
        if (searchEnd - searchBegin + 1 < dataShards) {
            return;
        }

        // Collect the group's members by index. The window is ordered by signed seqid difference, which is not a
        // total order once seqids 2^31 or more apart share the window (a peer chooses them freely): then a packet
        // of another group can sit between members, and a seqid can appear twice. So membership is decided per
        // entry, one entry per slot, and only members are padded and freed — never an index range.
        byte[][] shards = shardCache;
        boolean[] present = presentCache;
        int[] members = memberCache;
        Arrays.fill(shards, null);
        Arrays.fill(present, false);
        int numShard = 0;
        int numDataShard = 0;
        int maxlen = 0;
        for (int i = searchBegin; i <= searchEnd; i++) {
            int s = rx.seq[i];
            if (s - shardEnd > 0) {
                break;
            }
            if (s - shardBegin >= 0) {
                int slot = Integer.remainderUnsigned(s, shardSize);
                if (present[slot]) {
                    continue; // a second entry for one seqid: the window's order let a duplicate in
                }
                shards[slot] = rx.buf[i];
                present[slot] = true;
                members[numShard++] = i;
                if (rx.data[i]) {
                    numDataShard++;
                }
                maxlen = Math.max(maxlen, rx.len[i] - HDR);
            }
        }

        if (numDataShard == dataShards) {
            rx.freeMembers(members, numShard); // nothing lost
        } else if (numShard >= dataShards) {
            reconstruct(shards, present, members, numShard, maxlen, sink);
        }
    }

    private void reconstruct(byte[][] shards, boolean[] present, int[] members, int numShard, int maxlen,
                             RecoveredShardSink sink) {
        // pad the members with zeros to the longest one (their buffers are freed right after)
        for (int m = 0; m < numShard; m++) {
            int i = members[m];
            byte[] b = rx.widen(i, HDR + maxlen); // a small shard's buffer, in a group with a longer one
            shards[Integer.remainderUnsigned(rx.seq[i], shardSize)] = b;
            Arrays.fill(b, rx.len[i], HDR + maxlen, (byte) 0);
        }
        for (int k = 0; k < shardSize; k++) {
            if (!present[k]) {
                shards[k] = rx.takeBuffer(HDR + maxlen);
            }
        }
        try {
            boolean ok;
            try {
                codec.decodeMissing(shards, present, HDR, maxlen);
                ok = true;
            } catch (RuntimeException e) { // cannot happen with >= ds distinct shards; counted rather than thrown
                counters.decodeFailures++;
                ok = false;
            }
            for (int k = 0; ok && k < dataShards; k++) {
                if (present[k]) {
                    continue;
                }
                byte[] shard = shards[k];
                int sz = (shard[HDR] & 0xFF) | (shard[HDR + 1] & 0xFF) << 8;
                if (sz >= 2 && sz <= maxlen) {
                    counters.recovered++;
                    sink.recovered(shard, HDR, sz);
                } else {
                    counters.recoveryErrors++;
                }
            }
        } finally {
            for (int k = 0; k < shardSize; k++) {
                if (!present[k]) {
                    rx.giveBuffer(shards[k]);
                    shards[k] = null;
                }
            }
            rx.freeMembers(members, numShard);
        }
    }

    private void maybeRetune() {
        int autoDs = autotune.findPeriod(true);
        int autoPs = autotune.findPeriod(false);
        if (autoDs > 0 && autoPs > 0 && autoDs < 256 && autoPs < 256
                && (autoDs != dataShards || autoPs != parityShards)) {
            if (autoDs + autoPs > ShardCounts.MAX_TOTAL_SHARDS) {
                // kcp-go sets ds/ps before reedsolomon.New fails here, then indexes past its caches (a panic on
                // the next packet). We keep the old shape instead.
                counters.decodeFailures++;
                return;
            }
            reshape(autoDs, autoPs);
            counters.retunes++;
        }
    }

    private void reshape(int ds, int ps) {
        int slot = shapes.slot(ds, ps);
        dataShards = ds;
        parityShards = ps;
        shardSize = ds + ps;
        rxlimit = RX_MULTI * shardSize;
        codec = shapes.codec(slot);
        shardCache = shapes.shards(slot);
        presentCache = shapes.present(slot);
        memberCache = shapes.members(slot);
        rx.ensureCapacity(rxlimit + 1);
    }

    /** Drops every buffered packet (kcp-go's {@code release} on session close). */
    public void release() {
        if (rx.count > 0) {
            rx.freeRange(0, rx.count);
        }
    }


    /** The group shape in use now: the configured one until autotune learns the peer's. */
    public int currentDataShards() {
        return dataShards;
    }

    /** See {@link #currentDataShards()}. */
    public int currentParityShards() {
        return parityShards;
    }

    /** Packets now buffered in the receive window. */
    public int windowSize() {
        return rx.count;
    }

    /** The window's limit, 3 × (ds + ps). */
    public int rxlimit() {
        return rxlimit;
    }

    /** FECParityShards: parity packets received. */
    public long parityShards() {
        return counters.parityShards;
    }

    /** FECRecovered: data shards rebuilt and handed to the sink. */
    public long recovered() {
        return counters.recovered;
    }

    /** FECErrs: rebuilt data shards dropped because their size field is not in 2..shard length. */
    public long errors() {
        return counters.recoveryErrors;
    }

    /** FECShortShards: data shards pushed out of the full window before their group could be recovered. */
    public long shortShards() {
        return counters.shortShards;
    }

    /** Packets whose seqid was already in the window. */
    public long duplicates() {
        return counters.duplicates;
    }

    /** Packets dropped unread: shorter than 8 bytes, longer than 1500, or of a type other than 0xF1/0xF2. */
    public long malformed() {
        return counters.malformed;
    }

    /** Window entries dropped after 60 s. */
    public long expired() {
        return counters.expired;
    }

    /** Times autotune switched the group shape. */
    public long retunes() {
        return counters.retunes;
    }

    /** Reconstructions or retunes that could not be done (only forged streams cause them). */
    public long decodeFailures() {
        return counters.decodeFailures;
    }
}