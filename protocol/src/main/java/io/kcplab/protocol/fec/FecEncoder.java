package io.kcplab.protocol.fec;

import java.util.Arrays;
import java.util.Objects;

/**
 * kcp-go 5.6.1's FEC encoder ({@code fec.go: fecEncoder}), byte for byte: the peer can only recover our losses
 * if our seqids, group boundaries, zero padding and parity bytes are exactly what its decoder expects.
 *
 * <p>Every outgoing datagram is a data shard. {@link #encode} stamps {@code seqid u32 LE | 0x00F1 u16 LE |
 * size u16 LE} into {@code pkt[H .. H+8)}, where {@code size} = 2 + KCP bytes (it counts itself). The shard
 * region {@code [H+6, len)} is copied into the encoder's own buffer, so the caller may encrypt {@code pkt} in
 * place afterwards. When the {@code dataShards}-th packet of a group arrives, the data shards are zero-padded to
 * the longest full packet of the group ({@code maxSize}) and {@code parityShards} parity packets of
 * {@code maxSize} bytes are produced, seqids following the data shards. Parity is only ever produced by the
 * ds-th packet: nothing flushes a half-full group (kcp-go has no timer either).
 *
 * <p>Seqids: data shards advance with a plain 32-bit increment, parity shards with {@code (next + 1) % paws},
 * {@code paws = floor(0xFFFFFFFF / n) * n}, so groups never straddle the wrap.
 *
 * <p>Steady state allocates nothing. Not thread-safe: one encoder per session.
 */
public final class FecEncoder {

    /** kcp-go's {@code mtuLimit}: no datagram is longer, and every shard buffer has this size. */
    public static final int MTU_LIMIT = 1500;
    public static final int TYPE_DATA = 0xF1;
    public static final int TYPE_PARITY = 0xF2;
    /** seqid(4) + type(2). */
    public static final int FEC_HEADER_SIZE = 6;
    /** seqid(4) + type(2) + size(2): what a session reserves in front of the KCP bytes. */
    public static final int FEC_HEADER_SIZE_PLUS_2 = 8;

    private final int dataShards;
    private final int parityShards;
    private final int headerOffset;
    private final int payloadOffset;
    private final long paws;
    private final ErasureCodec codec;

    /**
     * Data shards first, then parity; the parity buffers are the parity packets. A row is allocated on first use
     * and grown (to a power of two, at most {@link #MTU_LIMIT}) when a longer packet needs it, so a session that
     * sends small messages holds small rows: an idle echo session costs a few KB here instead of 13 x 1500 bytes.
     */
    private final byte[][] shards;
    private final int[] shardLength;

    private int next;          // u32 seqid of the next packet
    private int shardCount;    // data shards collected in the current group
    private int maxSize;       // longest full packet of the current group
    private int parityLength;  // maxSize of the last completed group

    /**
     * @param headerOffset H: the bytes in front of the FEC header that the crypto layer owns (20 with a cipher,
     *                     0 without one)
     * @param codec        an RS codec for exactly {@code (dataShards, parityShards)}
     */
    public FecEncoder(int dataShards, int parityShards, int headerOffset, ErasureCodec codec) {
        ShardCounts.check(dataShards, parityShards);
        Objects.requireNonNull(codec, "codec");
        if (codec.dataShards() != dataShards || codec.parityShards() != parityShards) {
            throw new IllegalArgumentException("codec is for " + codec.dataShards() + "/" + codec.parityShards()
                    + " shards but the encoder is " + dataShards + "/" + parityShards);
        }
        if (headerOffset < 0 || headerOffset + FEC_HEADER_SIZE_PLUS_2 > MTU_LIMIT) {
            throw new IllegalArgumentException("headerOffset must be in 0.." + (MTU_LIMIT - FEC_HEADER_SIZE_PLUS_2)
                    + " (20 with a cipher, 0 without); got " + headerOffset);
        }
        this.dataShards = dataShards;
        this.parityShards = parityShards;
        this.headerOffset = headerOffset;
        this.payloadOffset = headerOffset + FEC_HEADER_SIZE;
        int n = dataShards + parityShards;
        this.paws = (0xFFFF_FFFFL / n) * n;
        this.codec = codec;
        this.shards = new byte[n][];
        this.shardLength = new int[dataShards];
    }

    /** With KcpLab's fast codec ({@link ErasureCodec#fast}). */
    public FecEncoder(int dataShards, int parityShards, int headerOffset) {
        this(dataShards, parityShards, headerOffset, fastCodec(dataShards, parityShards));
    }

    private static ErasureCodec fastCodec(int dataShards, int parityShards) {
        ShardCounts.check(dataShards, parityShards);
        return ErasureCodec.fast(dataShards, parityShards);
    }

    /**
     * Adds the outgoing datagram {@code pkt[0 .. len)} as the next data shard and stamps its FEC header and size.
     *
     * @return the number of parity packets now ready: {@code parityShards} when this packet completed a group,
     *         otherwise 0. They stay valid until the next call that completes a group.
     * @throws IllegalArgumentException if {@code len} leaves no room for the header or exceeds 1500 bytes
     */
    public int encode(byte[] pkt, int len) {
        if (len < payloadOffset + 2 || len > MTU_LIMIT || len > pkt.length) {
            throw new IllegalArgumentException("FEC data packet length must be in " + (payloadOffset + 2) + ".."
                    + Math.min(MTU_LIMIT, pkt.length) + " (header offset " + headerOffset + " + 8 header bytes, at"
                    + " most " + MTU_LIMIT + " bytes in a buffer of " + pkt.length + "); got " + len);
        }
        writeHeader(pkt, headerOffset, next, TYPE_DATA);
        next++; // plain u32 increment: a group never crosses paws, so data shards never need the modulo
        putLe16(pkt, payloadOffset, len - payloadOffset);

        System.arraycopy(pkt, payloadOffset, row(shardCount, len), payloadOffset, len - payloadOffset);
        shardLength[shardCount] = len;
        shardCount++;
        if (len > maxSize) {
            maxSize = len;
        }
        if (shardCount < dataShards) {
            return 0;
        }

        for (int i = 0; i < dataShards; i++) {
            Arrays.fill(row(i, maxSize), shardLength[i], maxSize, (byte) 0);
        }
        for (int j = 0; j < parityShards; j++) {
            row(dataShards + j, maxSize);
        }
        codec.encodeParity(shards, payloadOffset, maxSize - payloadOffset);
        for (int j = 0; j < parityShards; j++) {
            writeHeader(shards[dataShards + j], headerOffset, next, TYPE_PARITY);
            next = (int) (((next & 0xFFFF_FFFFL) + 1) % paws);
        }
        parityLength = maxSize;
        shardCount = 0;
        maxSize = 0;
        return parityShards;
    }

    /**
     * Parity packet {@code j} of the last completed group: bytes {@code [0, parityLength())} are the datagram,
     * {@code [0, H)} left for the crypto header. The buffer is reused by the next group.
     */
    public byte[] parityPacket(int j) {
        Objects.checkIndex(j, parityShards);
        return shards[dataShards + j];
    }

    /** Length of every parity packet of the last completed group (= its longest data packet). */
    public int parityLength() {
        return parityLength;
    }

    public int dataShards() {
        return dataShards;
    }

    public int parityShards() {
        return parityShards;
    }

    public int headerOffset() {
        return headerOffset;
    }

    /** The seqid the next packet will get (u32 in an int). */
    public int nextSeqid() {
        return next;
    }

    /** Test hook: start at an arbitrary group boundary, to exercise the wrap at paws. */
    void startAtSeqid(int seqid) {
        if (shardCount != 0 || Integer.remainderUnsigned(seqid, dataShards + parityShards) != 0
                || (seqid & 0xFFFF_FFFFL) >= paws) {
            throw new IllegalStateException("seqid " + Integer.toUnsignedString(seqid)
                    + " is not a group start below paws, or a group is open");
        }
        next = seqid;
    }

    /** Row {@code i}, at least {@code size} bytes long; a row that grows keeps its bytes. */
    private byte[] row(int i, int size) {
        byte[] r = shards[i];
        if (r == null || r.length < size) {
            int capacity = Math.min(MTU_LIMIT, Math.max(256, Integer.highestOneBit(size - 1) << 1));
            r = shards[i] = r == null ? new byte[capacity] : Arrays.copyOf(r, capacity);
        }
        return r;
    }

    static void writeHeader(byte[] b, int off, int seqid, int type) {
        b[off] = (byte) seqid;
        b[off + 1] = (byte) (seqid >>> 8);
        b[off + 2] = (byte) (seqid >>> 16);
        b[off + 3] = (byte) (seqid >>> 24);
        putLe16(b, off + 4, type);
    }

    static void putLe16(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
    }
}
