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
    private static final int MTU = FecEncoder.MTU_LIMIT;
    private static final int HDR = FecEncoder.FEC_HEADER_SIZE;
    private static final int CODEC_CACHE = 4;
    private static final int SWEEP_INTERVAL_MS = 1000;

    /** Makes the RS codec for a (ds, ps) the decoder switches to; called lazily, once per distinct pair. */
    @FunctionalInterface
    public interface CodecFactory {
        ErasureCodec create(int dataShards, int parityShards);
    }

    private final CodecFactory codecFactory;
    private final FecAutotune autotune = new FecAutotune();

    // current group shape
    private int dataShards;
    private int parityShards;
    private int shardSize;
    private int rxlimit;
    private ErasureCodec codec;
    private byte[][] shardCache;
    private boolean[] presentCache;
    private int[] memberCache;

    // small cache of codecs so autotune flapping between two shapes does not allocate
    private final ErasureCodec[] codecs = new ErasureCodec[CODEC_CACHE];
    private final byte[][][] shardCaches = new byte[CODEC_CACHE][][];
    private final boolean[][] presentCaches = new boolean[CODEC_CACHE][];
    private final int[][] memberCaches = new int[CODEC_CACHE][];
    private int codecVictim;

    // rx window, sorted by seqid; each buffer holds the packet from its FEC header on
    private byte[][] rxBuf;
    private int[] rxLen;
    private int[] rxSeq;
    private int[] rxTs;
    private boolean[] rxData;
    private int rxCount;
    private int lastSweepMs;

    // buffer pool (1500 bytes each), bounded by window capacity + scratch
    private byte[][] pool;
    private int poolCount;

    private long parityShardsReceived;
    private long recoveredShards;
    private long recoveryErrors;
    private long shortShardsCount;
    private long duplicates;
    private long malformed;
    private long expired;
    private long retunes;
    private long decodeFailures;

    public FecDecoder(int dataShards, int parityShards, CodecFactory codecFactory) {
        ShardCounts.check(dataShards, parityShards);
        this.codecFactory = Objects.requireNonNull(codecFactory, "codecFactory");
        this.rxBuf = new byte[0][];
        this.rxLen = new int[0];
        this.rxSeq = new int[0];
        this.rxTs = new int[0];
        this.rxData = new boolean[0];
        this.pool = new byte[0][];
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
        if (pkt == null || off < 0 || len < FecEncoder.FEC_HEADER_SIZE_PLUS_2 || len > MTU
                || off > pkt.length - len) {
            malformed++; // kcp-go's receive buffers are 1500 bytes, so nothing longer can reach its decoder
            return;
        }
        int type = (pkt[off + 4] & 0xFF) | (pkt[off + 5] & 0xFF) << 8;
        if (type != FecEncoder.TYPE_DATA && type != FecEncoder.TYPE_PARITY) {
            malformed++;
            return;
        }
        boolean isData = type == FecEncoder.TYPE_DATA;
        int seqid = (pkt[off] & 0xFF) | (pkt[off + 1] & 0xFF) << 8 | (pkt[off + 2] & 0xFF) << 16
                | (pkt[off + 3] & 0xFF) << 24;
        if (!isData) {
            parityShardsReceived++;
        }

        autotune.sample(isData, seqid);
        boolean dataSlot = Integer.remainderUnsigned(seqid, shardSize) < dataShards;
        if (dataSlot != isData) {
            maybeRetune();
        }

        // insertion point, scanning from the newest; a seqid already present is a duplicate
        int insertIdx = 0;
        for (int i = rxCount - 1; i >= 0; i--) {
            if (seqid == rxSeq[i]) {
                duplicates++;
                return;
            }
            if (seqid - rxSeq[i] > 0) {
                insertIdx = i + 1;
                break;
            }
        }
        ensureWindowCapacity(rxCount + 1);
        byte[] copy = takeBuffer();
        System.arraycopy(pkt, off, copy, 0, len);
        shiftRight(insertIdx);
        rxBuf[insertIdx] = copy;
        rxLen[insertIdx] = len;
        rxSeq[insertIdx] = seqid;
        rxTs[insertIdx] = nowMs;
        rxData[insertIdx] = isData;
        rxCount++;

        tryRecover(seqid, insertIdx, sink);

        if (rxCount > rxlimit) { // kcp-go drops one entry per call, even after autotune shrank the limit
            if (rxData[0]) {
                shortShardsCount++;
            }
            freeRange(0, 1);
        }

        int numExpired = 0;
        while (numExpired < rxCount && nowMs - rxTs[numExpired] > EXPIRE_MS) {
            numExpired++;
        }
        if (numExpired > 0) {
            expired += numExpired;
            freeRange(0, numExpired);
        }
        // kcp-go expires only the window's head, which is enough while seqid order is arrival order. A peer that
        // sends far-away seqids can park entries behind the head for ever and starve recovery; once a second,
        // expire them wherever they sit.
        if (nowMs - lastSweepMs >= SWEEP_INTERVAL_MS || nowMs - lastSweepMs < 0) {
            lastSweepMs = nowMs;
            sweepExpired(nowMs);
        }
    }

    private void tryRecover(int seqid, int insertIdx, RecoveredShardSink sink) {
        int slotOfNew = Integer.remainderUnsigned(seqid, shardSize);
        int shardBegin = seqid - slotOfNew;
        int shardEnd = shardBegin + shardSize - 1;
        int searchBegin = Math.max(0, insertIdx - slotOfNew);
        int searchEnd = Math.min(searchBegin + shardSize - 1, rxCount - 1);
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
            int s = rxSeq[i];
            if (s - shardEnd > 0) {
                break;
            }
            if (s - shardBegin >= 0) {
                int slot = Integer.remainderUnsigned(s, shardSize);
                if (present[slot]) {
                    continue; // a second entry for one seqid: the window's order let a duplicate in
                }
                shards[slot] = rxBuf[i];
                present[slot] = true;
                members[numShard++] = i;
                if (rxData[i]) {
                    numDataShard++;
                }
                maxlen = Math.max(maxlen, rxLen[i] - HDR);
            }
        }

        if (numDataShard == dataShards) {
            freeMembers(members, numShard); // nothing lost
        } else if (numShard >= dataShards) {
            reconstruct(shards, present, members, numShard, maxlen, sink);
        }
    }

    private void reconstruct(byte[][] shards, boolean[] present, int[] members, int numShard, int maxlen,
                             RecoveredShardSink sink) {
        // pad the members with zeros to the longest one (their buffers are freed right after)
        for (int m = 0; m < numShard; m++) {
            int i = members[m];
            Arrays.fill(rxBuf[i], rxLen[i], HDR + maxlen, (byte) 0);
        }
        for (int k = 0; k < shardSize; k++) {
            if (!present[k]) {
                shards[k] = takeBuffer();
            }
        }
        try {
            boolean ok;
            try {
                codec.decodeMissing(shards, present, HDR, maxlen);
                ok = true;
            } catch (RuntimeException e) { // cannot happen with >= ds distinct shards; counted rather than thrown
                decodeFailures++;
                ok = false;
            }
            for (int k = 0; ok && k < dataShards; k++) {
                if (present[k]) {
                    continue;
                }
                byte[] shard = shards[k];
                int sz = (shard[HDR] & 0xFF) | (shard[HDR + 1] & 0xFF) << 8;
                if (sz >= 2 && sz <= maxlen) {
                    recoveredShards++;
                    sink.recovered(shard, HDR, sz);
                } else {
                    recoveryErrors++;
                }
            }
        } finally {
            for (int k = 0; k < shardSize; k++) {
                if (!present[k]) {
                    giveBuffer(shards[k]);
                    shards[k] = null;
                }
            }
            freeMembers(members, numShard);
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
                decodeFailures++;
                return;
            }
            reshape(autoDs, autoPs);
            retunes++;
        }
    }

    private void reshape(int ds, int ps) {
        int hit = -1;
        for (int i = 0; i < CODEC_CACHE; i++) {
            if (codecs[i] != null && codecs[i].dataShards() == ds && codecs[i].parityShards() == ps) {
                hit = i;
                break;
            }
        }
        if (hit < 0) {
            ErasureCodec created = codecFactory.create(ds, ps);
            if (created.dataShards() != ds || created.parityShards() != ps) {
                throw new IllegalStateException("codec factory made a " + created.dataShards() + "/"
                        + created.parityShards() + " codec when asked for " + ds + "/" + ps);
            }
            hit = codecVictim;
            codecVictim = (codecVictim + 1) % CODEC_CACHE;
            codecs[hit] = created;
            shardCaches[hit] = new byte[ds + ps][];
            presentCaches[hit] = new boolean[ds + ps];
            memberCaches[hit] = new int[ds + ps];
        }
        dataShards = ds;
        parityShards = ps;
        shardSize = ds + ps;
        rxlimit = RX_MULTI * shardSize;
        codec = codecs[hit];
        shardCache = shardCaches[hit];
        presentCache = presentCaches[hit];
        memberCache = memberCaches[hit];
        ensureWindowCapacity(rxlimit + 1);
    }

    private void ensureWindowCapacity(int needed) {
        if (rxBuf.length >= needed) {
            return;
        }
        int cap = Math.max(needed, rxBuf.length);
        rxBuf = Arrays.copyOf(rxBuf, cap);
        rxLen = Arrays.copyOf(rxLen, cap);
        rxSeq = Arrays.copyOf(rxSeq, cap);
        rxTs = Arrays.copyOf(rxTs, cap);
        rxData = Arrays.copyOf(rxData, cap);
        pool = Arrays.copyOf(pool, cap + ShardCounts.MAX_TOTAL_SHARDS);
    }

    private void shiftRight(int at) {
        int tail = rxCount - at;
        if (tail > 0) {
            System.arraycopy(rxBuf, at, rxBuf, at + 1, tail);
            System.arraycopy(rxLen, at, rxLen, at + 1, tail);
            System.arraycopy(rxSeq, at, rxSeq, at + 1, tail);
            System.arraycopy(rxTs, at, rxTs, at + 1, tail);
            System.arraycopy(rxData, at, rxData, at + 1, tail);
        }
    }

    private void freeRange(int first, int n) {
        for (int i = first; i < first + n; i++) {
            giveBuffer(rxBuf[i]);
        }
        int tail = rxCount - (first + n);
        System.arraycopy(rxBuf, first + n, rxBuf, first, tail);
        System.arraycopy(rxLen, first + n, rxLen, first, tail);
        System.arraycopy(rxSeq, first + n, rxSeq, first, tail);
        System.arraycopy(rxTs, first + n, rxTs, first, tail);
        System.arraycopy(rxData, first + n, rxData, first, tail);
        rxCount -= n;
        Arrays.fill(rxBuf, rxCount, rxCount + n, null);
    }

    /** Frees the entries at the ascending window indices {@code idx[0 .. n)}, keeping every other entry's order. */
    private void freeMembers(int[] idx, int n) {
        int write = idx[0];
        int m = 0;
        for (int read = idx[0]; read < rxCount; read++) {
            if (m < n && read == idx[m]) {
                giveBuffer(rxBuf[read]);
                m++;
                continue;
            }
            moveEntry(read, write++);
        }
        Arrays.fill(rxBuf, write, rxCount, null);
        rxCount = write;
    }

    /** Drops every entry older than {@link #EXPIRE_MS}, wherever it sits in the window. */
    private void sweepExpired(int nowMs) {
        int write = 0;
        for (int read = 0; read < rxCount; read++) {
            if (nowMs - rxTs[read] > EXPIRE_MS) {
                giveBuffer(rxBuf[read]);
                expired++;
                continue;
            }
            moveEntry(read, write++);
        }
        Arrays.fill(rxBuf, write, rxCount, null);
        rxCount = write;
    }

    private void moveEntry(int from, int to) {
        if (from != to) {
            rxBuf[to] = rxBuf[from];
            rxLen[to] = rxLen[from];
            rxSeq[to] = rxSeq[from];
            rxTs[to] = rxTs[from];
            rxData[to] = rxData[from];
        }
    }

    private byte[] takeBuffer() {
        if (poolCount == 0) {
            return new byte[MTU];
        }
        byte[] b = pool[--poolCount];
        pool[poolCount] = null;
        return b;
    }

    private void giveBuffer(byte[] b) {
        if (poolCount < pool.length) {
            pool[poolCount++] = b;
        }
    }

    /** Drops every buffered packet (kcp-go's {@code release} on session close). */
    public void release() {
        if (rxCount > 0) {
            freeRange(0, rxCount);
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
        return rxCount;
    }

    /** The window's limit, 3 × (ds + ps). */
    public int rxlimit() {
        return rxlimit;
    }

    /** FECParityShards: parity packets received. */
    public long parityShards() {
        return parityShardsReceived;
    }

    /** FECRecovered: data shards rebuilt and handed to the sink. */
    public long recovered() {
        return recoveredShards;
    }

    /** FECErrs: rebuilt data shards dropped because their size field is not in 2..shard length. */
    public long errors() {
        return recoveryErrors;
    }

    /** FECShortShards: data shards pushed out of the full window before their group could be recovered. */
    public long shortShards() {
        return shortShardsCount;
    }

    /** Packets whose seqid was already in the window. */
    public long duplicates() {
        return duplicates;
    }

    /** Packets dropped unread: shorter than 8 bytes, longer than 1500, or of a type other than 0xF1/0xF2. */
    public long malformed() {
        return malformed;
    }

    /** Window entries dropped after 60 s. */
    public long expired() {
        return expired;
    }

    /** Times autotune switched the group shape. */
    public long retunes() {
        return retunes;
    }

    /** Reconstructions or retunes that could not be done (only forged streams cause them). */
    public long decodeFailures() {
        return decodeFailures;
    }
}
