package io.kcplab.protocol;

import io.kcplab.protocol.crypto.Ciphers;
import io.kcplab.protocol.crypto.KeyDerivation;
import io.kcplab.protocol.kcp.KcpProfile;
import io.kcplab.protocol.wire.WireProfile;
import java.util.Objects;

/**
 * Everything that shapes one {@link Connection}: engine profile and tuning, FEC, cipher, checksum profile.
 * Immutable and shareable between many connections (the cipher key is derived once per config, not per
 * connection: kcptun's PBKDF2 costs 4096 HMAC rounds).
 *
 * <p>Defaults follow kcptun 20210922 on both ends (docs/wire-format.md §5.1): engine {@code kcp-go}, mode
 * {@code fast}, MTU 1350, windows 1024/1024, FEC 10/3, cipher {@code aes} with kcptun's default key, stream mode
 * on, write delay as the engine does it ({@link #writeDelay()}). Field names in error messages are the
 * scenario-file keys.
 */
public final class ConnectionConfig {

    public static final String KCPTUN_DEFAULT_KEY = "it's a secrect";

    private final KcpProfile engine;
    private final int nodelay;
    private final int interval;
    private final int resend;
    private final int nc;
    private final int sndWnd;
    private final int rcvWnd;
    private final int mtu;
    private final boolean streamMode;
    private final boolean ackNoDelay;
    /** Explicit write delay, or null for the engine profile's own rule (see {@link #writeDelay()}). */
    private final Boolean writeDelay;
    private final int minRto;
    private final int dataShards;
    private final int parityShards;
    private final String cipher;
    private final String key;
    private final WireProfile checksum;
    private final SimdSettings simd;
    private volatile byte[] pass;

    private ConnectionConfig(Builder b) {
        this.engine = b.engine;
        this.nodelay = b.nodelay;
        this.interval = b.interval;
        this.resend = b.resend;
        this.nc = b.nc;
        this.sndWnd = b.sndWnd;
        this.rcvWnd = b.rcvWnd;
        this.mtu = b.mtu;
        this.streamMode = b.streamMode;
        this.ackNoDelay = b.ackNoDelay;
        this.writeDelay = b.writeDelay;
        this.minRto = b.minRto;
        this.dataShards = b.dataShards;
        this.parityShards = b.parityShards;
        this.cipher = b.cipher;
        this.key = b.key;
        this.checksum = b.checksum;
        this.simd = b.simd;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** kcptun's defaults (see the class comment). */
    public static ConnectionConfig defaults() {
        return builder().build();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.engine = engine;
        b.nodelay = nodelay;
        b.interval = interval;
        b.resend = resend;
        b.nc = nc;
        b.sndWnd = sndWnd;
        b.rcvWnd = rcvWnd;
        b.mtu = mtu;
        b.streamMode = streamMode;
        b.ackNoDelay = ackNoDelay;
        b.writeDelay = writeDelay;
        b.minRto = minRto;
        b.dataShards = dataShards;
        b.parityShards = parityShards;
        b.cipher = cipher;
        b.key = key;
        b.checksum = checksum;
        b.simd = simd;
        return b;
    }

    public KcpProfile engine() {
        return engine;
    }

    public int nodelay() {
        return nodelay;
    }

    public int interval() {
        return interval;
    }

    public int resend() {
        return resend;
    }

    public int nc() {
        return nc;
    }

    public int sndWnd() {
        return sndWnd;
    }

    public int rcvWnd() {
        return rcvWnd;
    }

    public int mtu() {
        return mtu;
    }

    public boolean streamMode() {
        return streamMode;
    }

    public boolean ackNoDelay() {
        return ackNoDelay;
    }

    /**
     * Whether a write leaves its data queued for the next timer tick (kcp-go's {@code SetWriteDelay}) instead of
     * flushing at once; a delayed write still flushes when the send side is full (waitsnd &ge; snd_wnd or
     * rmt_wnd), as kcp-go's does. Unless set explicitly, it follows the engine profile: {@code ikcp} queues, as
     * {@code ikcp_send} does (the data leaves at the next {@code ikcp_update} or {@code ikcp_flush}); {@code
     * kcp-go} flushes, as its session's {@code Write} does.
     */
    public boolean writeDelay() {
        return writeDelay != null ? writeDelay : engine == KcpProfile.IKCP;
    }

    /** The explicit write-delay setting, or null when {@link #writeDelay()} follows the engine profile. */
    public Boolean writeDelaySetting() {
        return writeDelay;
    }

    /** 0: the engine's own minimum RTO for the nodelay setting. */
    public int minRto() {
        return minRto;
    }

    public int dataShards() {
        return dataShards;
    }

    public int parityShards() {
        return parityShards;
    }

    public boolean fecEnabled() {
        return dataShards > 0 && parityShards > 0;
    }

    /** The kcptun cipher name, or null for no crypto layer at all (no nonce, no checksum: library-only framing). */
    public String cipher() {
        return cipher;
    }

    public String key() {
        return key;
    }

    public WireProfile checksum() {
        return checksum;
    }

    /** Which Vector API kernels this connection's codec uses; no effect on the bytes. */
    public SimdSettings simd() {
        return simd;
    }

    /** kcptun's derived key material, PBKDF2-SHA1(key, "kcp-go", 4096, 32); computed once per config. */
    public byte[] pass() {
        byte[] p = pass;
        if (p == null) {
            p = KeyDerivation.kcptun(key);
            pass = p;
        }
        return p;
    }

    /** A short human-readable summary, e.g. "kcp-go fast3 mtu=1350 wnd=1024/1024 fec=10/3 aes kcp-go-crc". */
    public String describe() {
        return engine.name().toLowerCase().replace('_', '-') + " nodelay=" + nodelay + "/" + interval + "/" + resend
                + "/" + nc + " mtu=" + mtu + " wnd=" + sndWnd + "/" + rcvWnd + " fec=" + dataShards + "/"
                + parityShards + " crypt=" + (cipher == null ? "off" : cipher) + " checksum=" + checksum.label()
                + (streamMode ? " stream" : " message")
                + (writeDelay == null ? "" : writeDelay ? " write-delay" : " flush-on-write");
    }

    @Override
    public String toString() {
        return describe();
    }

    /** Builder with kcptun's defaults; {@link #build()} validates every field. */
    public static final class Builder {
        private KcpProfile engine = KcpProfile.KCP_GO;
        private int nodelay = ModePreset.FAST.nodelay;
        private int interval = ModePreset.FAST.interval;
        private int resend = ModePreset.FAST.resend;
        private int nc = ModePreset.FAST.nc;
        private int sndWnd = 1024;
        private int rcvWnd = 1024;
        private int mtu = 1350;
        private boolean streamMode = true;
        private boolean ackNoDelay;
        private Boolean writeDelay;
        private int minRto;
        private int dataShards = 10;
        private int parityShards = 3;
        private String cipher = "aes";
        private String key = KCPTUN_DEFAULT_KEY;
        private WireProfile checksum = WireProfile.KCP_GO;
        private SimdSettings simd = SimdSettings.defaults();

        private Builder() {
        }

        public Builder engine(KcpProfile engine) {
            this.engine = Objects.requireNonNull(engine, "engine");
            return this;
        }

        public Builder mode(ModePreset preset) {
            return noDelay(preset.nodelay, preset.interval, preset.resend, preset.nc);
        }

        public Builder noDelay(int nodelay, int interval, int resend, int nc) {
            this.nodelay = nodelay;
            this.interval = interval;
            this.resend = resend;
            this.nc = nc;
            return this;
        }

        public Builder windows(int sndWnd, int rcvWnd) {
            this.sndWnd = sndWnd;
            this.rcvWnd = rcvWnd;
            return this;
        }

        public Builder mtu(int mtu) {
            this.mtu = mtu;
            return this;
        }

        public Builder streamMode(boolean on) {
            this.streamMode = on;
            return this;
        }

        public Builder ackNoDelay(boolean on) {
            this.ackNoDelay = on;
            return this;
        }

        /** Sets write delay explicitly, whatever the engine; see {@link ConnectionConfig#writeDelay()}. */
        public Builder writeDelay(boolean on) {
            this.writeDelay = on;
            return this;
        }

        /** Write delay back to the engine profile's rule (the default): ikcp queues, kcp-go flushes. */
        public Builder writeDelayPerEngine() {
            this.writeDelay = null;
            return this;
        }

        public Builder minRto(int minRto) {
            this.minRto = minRto;
            return this;
        }

        /** FEC group shape; 0/0 turns FEC off (both must be positive for FEC to be on, as in kcp-go). */
        public Builder fec(int dataShards, int parityShards) {
            this.dataShards = dataShards;
            this.parityShards = parityShards;
            return this;
        }

        /** A kcptun cipher name ({@link Ciphers#names()}), or null for no crypto layer. */
        public Builder cipher(String cipher) {
            this.cipher = cipher;
            return this;
        }

        public Builder key(String key) {
            this.key = Objects.requireNonNull(key, "key");
            return this;
        }

        public Builder checksum(WireProfile checksum) {
            this.checksum = Objects.requireNonNull(checksum, "checksum");
            return this;
        }

        /**
         * The Vector API kernels to use ({@link SimdSettings#defaults()} unless set): the edge passes what it knows
         * about the CPU and any operator overrides here; the core reads no system property.
         */
        public Builder simd(SimdSettings simd) {
            this.simd = Objects.requireNonNull(simd, "simd");
            return this;
        }

        public ConnectionConfig build() {
            require(nodelay >= 0 && nodelay <= 2, "nodelay", nodelay, "0, 1 or 2");
            require(interval >= 10 && interval <= 5000, "interval", interval, "10..5000 ms");
            require(resend >= 0 && resend <= 255, "resend", resend, "0..255 (0 turns fast retransmit off)");
            require(nc == 0 || nc == 1, "nc", nc, "0 (congestion control on) or 1 (off)");
            require(sndWnd >= 1 && sndWnd <= 65535, "sndwnd", sndWnd, "1..65535 segments");
            require(rcvWnd >= 1 && rcvWnd <= 65535, "rcvwnd", rcvWnd, "1..65535 segments (16 bits on the wire)");
            require(minRto >= 0 && minRto <= 60000, "minrto", minRto, "0 (engine default) or 1..60000 ms");
            require(dataShards >= 0 && parityShards >= 0 && dataShards + parityShards <= 256, "datashard/parityshard",
                    dataShards + "/" + parityShards, "0..255 each, at most 256 together (0 turns FEC off)");
            if (cipher != null && !Ciphers.names().contains(cipher)) {
                throw new IllegalArgumentException("crypt: unknown cipher \"" + cipher + "\"; accepted: "
                        + String.join(", ", Ciphers.names()) + " (or no crypto layer)");
            }
            int header = (cipher == null ? 0 : 16 + checksum.checksumSize())
                    + (dataShards > 0 && parityShards > 0 ? 8 : 0);
            int minMtu = 24 + header + 1;
            require(mtu >= Math.max(50, minMtu) && mtu <= 1500, "mtu", mtu,
                    Math.max(50, minMtu) + "..1500 bytes (room for the 24-byte KCP header and " + header
                            + " bytes of FEC/crypto header)");
            return new ConnectionConfig(this);
        }

        private static void require(boolean ok, String field, Object value, String accepted) {
            if (!ok) {
                throw new IllegalArgumentException(field + ": " + value + " is out of range; accepted: " + accepted);
            }
        }
    }
}
