package io.kcplab.protocol.wire;

import io.kcplab.protocol.SimdSettings;

import io.kcplab.protocol.checksum.PacketChecksum;
import io.kcplab.protocol.crypto.BlockCrypt;
import io.kcplab.protocol.crypto.Ciphers;
import io.kcplab.protocol.fec.ErasureCodec;
import io.kcplab.protocol.fec.FecDecoder;
import io.kcplab.protocol.fec.FecEncoder;
import java.util.Objects;

/**
 * The datagram pipeline between KCP and the network, sans-I/O: one KCP datagram in, one or more wire datagrams
 * out (the data packet, then the parity packets of the FEC group it completes), and back. kcp-go 5.6.1's layout
 * and order of operations (sess.go {@code output}, {@code packetInput}, {@code kcpInput}; docs/wire-format.md §1):
 *
 * <pre>
 *   [nonce 16][checksum 4|8][FEC seqid 4][FEC type 2][size 2][KCP segments ...]
 *    \______ crypto header _/\____________ FEC header (8) ___/
 * </pre>
 *
 * The crypto header exists iff a cipher is configured (kcptun always has one, {@code none} included); the FEC
 * header iff both shard counts are positive. The checksum covers every byte after itself; the cipher covers the
 * whole datagram, nonce included.
 *
 * <p><b>Send.</b> KCP writes its datagram at offset {@link #headerSize()} of a buffer (ikcp's reserved bytes);
 * encoding fills the FEC header and feeds the FEC encoder, then for the data packet and each parity packet fills
 * a nonce and the checksum, encrypts the packets in one {@link BlockCrypt#encryptBatch} and hands them to the sink,
 * data first. Two ways:
 * <ul>
 * <li>{@link #encode}: at once, this datagram and the parity packets it completes.</li>
 * <li>{@link #encodeDeferred} then {@link #flush}: the datagrams of a whole KCP flush are framed into a bounded
 * batch of the codec's own buffers and sealed (nonces, checksums, one lock-step encryption) together. CFB
 * encryption of one packet is a serial chain of block encryptions; a batch runs its packets' chains side by side
 * ({@link BlockCrypt#encryptBatch}), which is what makes AES keep up with kcp-go. A full batch is sealed and sent
 * early. Nonces are drawn, and datagrams sent, in exactly the order {@link #encode} would use, so the wire bytes
 * are the same for the same nonce source; only the moment of sending moves to the end of the flush.</li>
 * </ul>
 *
 * <p><b>Receive.</b> {@link #decode} never throws on datagram content: too short, too long, failing the
 * checksum, malformed FEC — each is counted in {@link Counters} and dropped. Data shards go straight to KCP
 * (their size field is not trusted, like kcp-go); parity goes to the FEC decoder, created on the first FEC
 * packet if FEC is off locally (kcp-go's lazy (1,1) decoder, which autotune then fits to the peer's group
 * shape); rebuilt data shards follow the packet that completed them, as non-regular input.
 *
 * <p>Steady state allocates nothing (batch buffers are allocated the first time a batch grows to them, at most
 * {@link Builder#sendBatchLimit} of them). Not thread-safe and not re-entrant for decode: one codec per session,
 * driven from one thread (KCP may encode on this codec from inside the decode sink, as kcp-go flushes from
 * input; a {@link DatagramSink} must not encode on the codec that is calling it).
 */
public final class PacketCodec {

    /** kcp-go's {@code mtuLimit}: no wire datagram is longer; the receiver's buffers have this size. */
    public static final int MTU_LIMIT = FecEncoder.MTU_LIMIT;
    /** ikcp's segment header: shorter datagrams are dropped after the crypto stage (kcp-go's IKCP_OVERHEAD). */
    public static final int KCP_OVERHEAD = 24;
    public static final int NONCE_SIZE = NonceSource.NONCE_SIZE;
    public static final int FEC_HEADER_SIZE_PLUS_2 = FecEncoder.FEC_HEADER_SIZE_PLUS_2;
    /**
     * Default bound of a deferred batch, in wire datagrams: 32 packets was the best lock-step AES-CFB batch measured
     * (BENCHMARKS.md, ciphers), and 32 buffers of 1500 bytes per session is a modest, bounded cost.
     */
    public static final int DEFAULT_SEND_BATCH = 32;

    private final WireProfile profile;
    private final BlockCrypt cipher;          // null: no crypto header at all
    private final int cryptoHeader;           // 0, 20 (kcp-go) or 24 (highway)
    private final int headerSize;             // cryptoHeader + 8 with FEC
    private final Counters counters = new Counters();
    private final SendBatch send;
    private final ReceivePath receive;

    private PacketCodec(Builder b) {
        this.profile = b.profile;
        this.cipher = b.cipher;
        PacketChecksum checksum = cipher == null ? null : profile.newChecksum(b.checksumSecret, b.simd);
        SimdSettings simd = b.simd;
        FecDecoder.CodecFactory codecs = b.codecFactory != null ? b.codecFactory
                : (ds, ps) -> ErasureCodec.fast(ds, ps, simd);
        this.cryptoHeader = cipher == null ? 0 : NONCE_SIZE + checksum.size();
        boolean fec = b.dataShards > 0 && b.parityShards > 0;
        this.headerSize = cryptoHeader + (fec ? FEC_HEADER_SIZE_PLUS_2 : 0);
        FecEncoder fecEncoder = null;
        FecDecoder fecDecoder = null;
        if (fec) {
            fecEncoder = new FecEncoder(b.dataShards, b.parityShards, cryptoHeader,
                    codecs.create(b.dataShards, b.parityShards));
            fecDecoder = new FecDecoder(b.dataShards, b.parityShards, codecs);
        }
        this.send = new SendBatch(cipher, checksum, b.nonces, cryptoHeader, headerSize, fecEncoder,
                fec ? b.parityShards : 0, b.sendBatch, counters);
        this.receive = new ReceivePath(cipher, checksum, cryptoHeader, fecDecoder, codecs, counters);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Bytes in front of the KCP bytes of every data datagram: pass to KCP's reserved-bytes setting, so KCP's
     * payload per datagram becomes {@code mtu - 24 - headerSize()} (kcptun defaults: 1350 - 24 - 28 = 1298).
     */
    public int headerSize() {
        return headerSize;
    }

    /** Bytes of nonce + checksum (0 without a cipher). */
    public int cryptoHeaderSize() {
        return cryptoHeader;
    }

    public WireProfile profile() {
        return profile;
    }

    /** The cipher's kcptun name, or null when there is no crypto layer. */
    public String cipherName() {
        return cipher == null ? null : cipher.name();
    }

    public Counters counters() {
        return counters;
    }

    /** The FEC decoder (null until the first FEC packet when FEC is off locally): its own detailed counters. */
    public FecDecoder fecDecoder() {
        return receive.fecDecoder();
    }

    // ------------------------------------------------------------------------------------------------ send

    /**
     * Frames the KCP datagram in {@code buf[headerSize() .. len)} and emits it (then any parity packets) through
     * {@code out}, at once. Bytes {@code [0, headerSize())} are overwritten; the whole of {@code buf[0, len)} is
     * encrypted in place, so KCP must not reuse its contents afterwards (it never does: ikcp rebuilds every
     * datagram). If deferred datagrams are waiting, they go first, through {@code out}, and this one joins their
     * batch (copied, so then {@code buf} keeps its plaintext apart from the headers).
     *
     * @throws IllegalArgumentException if {@code len} is outside {@code headerSize() .. min(1500, buf.length)}
     * @throws IllegalStateException    if called from inside this codec's own {@link DatagramSink}
     */
    public void encode(byte[] buf, int len, DatagramSink out) {
        send.encode(buf, len, out);
    }

    /**
     * Frames the KCP datagram in {@code buf[headerSize() .. len)} (and any parity packets it completes) into the
     * send batch, to be sealed and sent by {@link #flush}. The bytes are copied: KCP may reuse {@code buf} at once
     * (it does, for its next datagram). Bytes {@code [cryptoHeaderSize(), headerSize())} of {@code buf} are
     * overwritten (the FEC header). When the batch is full it is sealed and sent through {@code out} first, so a
     * long flush goes out in batches of {@link Builder#sendBatchLimit} datagrams.
     *
     * @throws IllegalArgumentException if {@code len} is outside {@code headerSize() .. min(1500, buf.length)}
     * @throws IllegalStateException    if called from inside this codec's own {@link DatagramSink}
     */
    public void encodeDeferred(byte[] buf, int len, DatagramSink out) {
        send.encodeDeferred(buf, len, out);
    }

    /** Seals and sends the datagrams that {@link #encodeDeferred} queued, in the order they were queued. */
    public void flush(DatagramSink out) {
        send.flush(out);
    }

    /** Wire datagrams queued by {@link #encodeDeferred} and not yet sent. */
    public int pendingDatagrams() {
        return send.pending();
    }

    // --------------------------------------------------------------------------------------------- receive

    /**
     * Processes one received datagram {@code wire[off, off + len)} at {@code nowMs} (a u32 millisecond clock, used
     * only to expire FEC state). The caller's bytes are not modified (decryption goes to an internal buffer).
     * KCP input arrives through {@code in}: the data packet's KCP bytes first (regular), then any data shards that
     * this packet let FEC rebuild (non-regular). Never throws on bad datagram content.
     */
    public void decode(byte[] wire, int off, int len, int nowMs, KcpInputSink in) {
        receive.decode(wire, off, len, nowMs, in);
    }

    // --------------------------------------------------------------------------------------------- config

    /** Settings for one codec. Defaults: {@link WireProfile#KCP_GO}, no cipher, FEC off. */
    public static final class Builder {
        private WireProfile profile = WireProfile.KCP_GO;
        private BlockCrypt cipher;
        private byte[] checksumSecret;
        private int dataShards;
        private int parityShards;
        private NonceSource nonces;
        private FecDecoder.CodecFactory codecFactory;  // null: ErasureCodec.fast with simd
        private SimdSettings simd = SimdSettings.defaults();
        private int sendBatch = DEFAULT_SEND_BATCH;

        private Builder() {
        }

        public Builder profile(WireProfile profile) {
            this.profile = Objects.requireNonNull(profile, "profile must be KCP_GO or HIGHWAY");
            return this;
        }

        /**
         * The packet cipher; null removes the crypto header entirely (library-only; kcptun always has one). The
         * instance is used for both directions and is owned by the codec from now on.
         */
        public Builder cipher(BlockCrypt cipher) {
            this.cipher = cipher;
            return this;
        }

        /**
         * kcptun's way: the cipher named by {@code --crypt} from {@code pass} = {@code KeyDerivation.kcptun(key)};
         * the same pass also keys the {@link WireProfile#HIGHWAY} checksum.
         */
        public Builder cipher(String name, byte[] pass) {
            this.cipher = Ciphers.create(name, pass);
            this.checksumSecret = pass.clone();
            return this;
        }

        /** Keys the {@link WireProfile#HIGHWAY} MAC (ignored by KCP_GO); null means the public integrity key. */
        public Builder checksumSecret(byte[] secret) {
            this.checksumSecret = secret == null ? null : secret.clone();
            return this;
        }

        /**
         * FEC group shape, as kcptun's {@code --datashard/--parityshard}: FEC is off when either is 0. At most 256
         * shards in total.
         */
        public Builder fec(int dataShards, int parityShards) {
            if (dataShards < 0 || parityShards < 0 || (dataShards > 0 && parityShards > 0
                    && dataShards + parityShards > 256)) {
                throw new IllegalArgumentException("FEC shards must be 0 (off) or dataShards >= 1, parityShards >= 1"
                        + " with dataShards + parityShards <= 256; got " + dataShards + "/" + parityShards);
            }
            this.dataShards = dataShards;
            this.parityShards = parityShards;
            return this;
        }

        /** Nonce source; required when a cipher is set (use {@link NonceSource#secure()} on real networks). */
        public Builder nonceSource(NonceSource nonces) {
            this.nonces = nonces;
            return this;
        }

        /**
         * Which Vector API kernels the default codec factory and the {@link WireProfile#HIGHWAY} checksum use
         * (defaults unless set); the bytes are the same either way.
         */
        public Builder simd(SimdSettings simd) {
            this.simd = Objects.requireNonNull(simd, "simd");
            return this;
        }

        /** The Reed-Solomon codec for each (ds, ps) shape; KcpLab's fast codec ({@link #simd}) by default. */
        public Builder erasureCodec(FecDecoder.CodecFactory factory) {
            this.codecFactory = Objects.requireNonNull(factory, "erasure codec factory");
            return this;
        }

        /**
         * Most wire datagrams {@link PacketCodec#encodeDeferred} holds before it seals and sends them (one buffer of
         * 1500 bytes each, allocated when first needed); 1..256, default {@value PacketCodec#DEFAULT_SEND_BATCH}.
         */
        public Builder sendBatchLimit(int datagrams) {
            if (datagrams < 1 || datagrams > 256) {
                throw new IllegalArgumentException("sendBatchLimit must be in 1..256 datagrams; got " + datagrams);
            }
            this.sendBatch = datagrams;
            return this;
        }

        public PacketCodec build() {
            if (cipher != null && nonces == null) {
                throw new IllegalStateException("a cipher needs a nonce source: nonceSource(NonceSource.secure())"
                        + " for real traffic or NonceSource.seeded(seed) for tests and simulations");
            }
            return new PacketCodec(this);
        }
    }
}