package io.kcplab.transport;

import io.kcplab.protocol.ConnectionConfig;
import io.kcplab.protocol.kcp.KcpProfile;
import io.kcplab.protocol.wire.PacketCodec;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything that shapes a session or a listener's sessions: the protocol {@link ConnectionConfig}, the wire
 * framing, socket options and the transport's bounds. Immutable; build with {@link #builder()}, which validates
 * every field and names it in the error message.
 *
 * <p>Defaults: the connection config's own defaults (kcptun's: kcp-go engine, fast mode, MTU 1350, windows
 * 1024/1024, FEC 10/3, aes), write delay off, no DSCP, OS socket buffers, 65536 sessions per listener, accept
 * backlog 128 (kcp-go), idle timeout off, dead link after the engine's 20 retransmissions of one segment, no
 * read/write timeout, 64 KiB hand-off buffers.
 */
public final class SessionOptions {

    /** Upper bound of {@link Builder#handoffBufferBytes}. */
    public static final int MAX_HANDOFF_BYTES = 64 << 20;

    private final ConnectionConfig connection;
    private final Wire wire;
    private final boolean writeDelay;
    private final int dscp;
    private final int socketReceiveBuffer;
    private final int socketSendBuffer;
    private final int maxSessions;
    private final int acceptBacklog;
    private final Duration idleTimeout;
    private final int deadLink;
    private final Duration readTimeout;
    private final Duration writeTimeout;
    private final int handoffBufferBytes;
    private final Integer conv;
    private final int maxMessageSize;

    private SessionOptions(Builder b, ConnectionConfig effective, Wire wire) {
        this.connection = effective;
        this.wire = wire;
        this.writeDelay = effective.writeDelay();
        this.dscp = b.dscp;
        this.socketReceiveBuffer = b.socketReceiveBuffer;
        this.socketSendBuffer = b.socketSendBuffer;
        this.maxSessions = b.maxSessions;
        this.acceptBacklog = b.acceptBacklog;
        this.idleTimeout = b.idleTimeout;
        this.deadLink = b.deadLink;
        this.readTimeout = b.readTimeout;
        this.writeTimeout = b.writeTimeout;
        this.handoffBufferBytes = b.handoffBufferBytes;
        this.conv = b.conv;
        this.maxMessageSize = maxMessage(effective);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** All defaults (see the class comment). */
    public static SessionOptions defaults() {
        return builder().build();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.connection = connection;
        b.wire = wire;
        b.writeDelay = writeDelay;
        b.dscp = dscp;
        b.socketReceiveBuffer = socketReceiveBuffer;
        b.socketSendBuffer = socketSendBuffer;
        b.maxSessions = maxSessions;
        b.acceptBacklog = acceptBacklog;
        b.idleTimeout = idleTimeout;
        b.deadLink = deadLink;
        b.readTimeout = readTimeout;
        b.writeTimeout = writeTimeout;
        b.handoffBufferBytes = handoffBufferBytes;
        b.conv = conv;
        return b;
    }

    /** The effective protocol config (its checksum profile follows {@link #wire()}). */
    public ConnectionConfig connection() {
        return connection;
    }

    public Wire wire() {
        return wire;
    }

    public boolean writeDelay() {
        return writeDelay;
    }

    /** DSCP code point 0..63 (0: leave IP_TOS alone). */
    public int dscp() {
        return dscp;
    }

    /** SO_RCVBUF in bytes, 0 for the OS default. */
    public int socketReceiveBuffer() {
        return socketReceiveBuffer;
    }

    /** SO_SNDBUF in bytes, 0 for the OS default. */
    public int socketSendBuffer() {
        return socketSendBuffer;
    }

    public int maxSessions() {
        return maxSessions;
    }

    public int acceptBacklog() {
        return acceptBacklog;
    }

    /** {@link Duration#ZERO}: off. */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** Retransmissions of one segment after which the link is dead; 0 for the engine's default (20). */
    public int deadLink() {
        return deadLink;
    }

    /** Per-call read timeout; {@link Duration#ZERO}: none. */
    public Duration readTimeout() {
        return readTimeout;
    }

    /** Per-call write timeout; {@link Duration#ZERO}: none. */
    public Duration writeTimeout() {
        return writeTimeout;
    }

    /** Capacity of each per-session hand-off buffer (application to loop, loop to application). */
    public int handoffBufferBytes() {
        return handoffBufferBytes;
    }

    /** The conversation id a dialled session uses; null: drawn from {@link java.security.SecureRandom}. */
    public Integer conv() {
        return conv;
    }

    /** Largest message the engine accepts in message mode (fragment limit x MSS). */
    public int maxMessageSize() {
        return maxMessageSize;
    }

    private static int maxMessage(ConnectionConfig c) {
        int header = (c.cipher() == null ? 0 : PacketCodec.NONCE_SIZE + c.checksum().checksumSize())
                + (c.fecEnabled() ? PacketCodec.FEC_HEADER_SIZE_PLUS_2 : 0);
        int mss = c.mtu() - PacketCodec.KCP_OVERHEAD - header;
        int fragments = c.engine() == KcpProfile.KCP_GO ? 255 : 127;
        return fragments * mss;
    }

    @Override
    public String toString() {
        return "SessionOptions{" + connection.describe() + ", wire=" + wire.label() + ", writeDelay=" + writeDelay
                + ", dscp=" + dscp + ", maxSessions=" + maxSessions + ", backlog=" + acceptBacklog + ", idle="
                + idleTimeout + ", deadLink=" + deadLink + ", handoff=" + handoffBufferBytes + '}';
    }

    /** Builder with the defaults of the class comment; {@link #build()} validates. */
    public static final class Builder {
        private ConnectionConfig connection = ConnectionConfig.defaults();
        private Wire wire;
        private boolean writeDelay;
        private int dscp;
        private int socketReceiveBuffer;
        private int socketSendBuffer;
        private int maxSessions = 65536;
        private int acceptBacklog = 128;
        private Duration idleTimeout = Duration.ZERO;
        private int deadLink;
        private Duration readTimeout = Duration.ZERO;
        private Duration writeTimeout = Duration.ZERO;
        private int handoffBufferBytes = 64 << 10;
        private Integer conv;

        private Builder() {
        }

        /** Engine, tuning, windows, MTU, stream mode, FEC, cipher and key. */
        public Builder connection(ConnectionConfig config) {
            this.connection = Objects.requireNonNull(config, "connection");
            return this;
        }

        /**
         * The framing. Unset: {@code raw} when the config has no cipher and no FEC, else the config's checksum
         * profile. {@code kcp-go}/{@code highway} set the config's checksum profile.
         */
        public Builder wire(Wire wire) {
            this.wire = Objects.requireNonNull(wire, "wire");
            return this;
        }

        /**
         * kcp-go's SetWriteDelay: written data waits for the next timer tick instead of leaving at once. Off (the
         * default), a session flushes on write whatever the engine, unless the config sets write delay explicitly.
         */
        public Builder writeDelay(boolean on) {
            this.writeDelay = on;
            return this;
        }

        /** DSCP 0..63, sent as IP_TOS = dscp << 2. */
        public Builder dscp(int dscp) {
            this.dscp = dscp;
            return this;
        }

        public Builder socketReceiveBuffer(int bytes) {
            this.socketReceiveBuffer = bytes;
            return this;
        }

        public Builder socketSendBuffer(int bytes) {
            this.socketSendBuffer = bytes;
            return this;
        }

        /** Sessions a listener holds at once; datagrams opening more are dropped and counted. */
        public Builder maxSessions(int n) {
            this.maxSessions = n;
            return this;
        }

        /** Sessions created but not yet accepted; datagrams opening more are dropped and counted. */
        public Builder acceptBacklog(int n) {
            this.acceptBacklog = n;
            return this;
        }

        /** Close a session that received no datagram for this long ({@link Duration#ZERO}: never). */
        public Builder idleTimeout(Duration d) {
            this.idleTimeout = Objects.requireNonNull(d, "idleTimeout");
            return this;
        }

        /** Retransmissions of one segment that make the link dead (1..1000; 0: engine default 20). */
        public Builder deadLink(int retransmissions) {
            this.deadLink = retransmissions;
            return this;
        }

        public Builder readTimeout(Duration d) {
            this.readTimeout = Objects.requireNonNull(d, "readTimeout");
            return this;
        }

        public Builder writeTimeout(Duration d) {
            this.writeTimeout = Objects.requireNonNull(d, "writeTimeout");
            return this;
        }

        /** Bytes buffered per direction between the application thread and the event loop. */
        public Builder handoffBufferBytes(int bytes) {
            this.handoffBufferBytes = bytes;
            return this;
        }

        /** Fixed conversation id for {@link KcpSession#dial}; null draws one from SecureRandom. */
        public Builder conv(Integer conv) {
            this.conv = conv;
            return this;
        }

        public SessionOptions build() {
            require(dscp >= 0 && dscp <= 63, "dscp", dscp, "0..63");
            require(socketReceiveBuffer >= 0, "socketReceiveBuffer", socketReceiveBuffer,
                    "0 (OS default) or a positive byte count");
            require(socketSendBuffer >= 0, "socketSendBuffer", socketSendBuffer,
                    "0 (OS default) or a positive byte count");
            require(maxSessions >= 1 && maxSessions <= 1 << 24, "maxSessions", maxSessions, "1..16777216");
            require(acceptBacklog >= 1 && acceptBacklog <= 65535, "acceptBacklog", acceptBacklog, "1..65535");
            require(!idleTimeout.isNegative(), "idleTimeout", idleTimeout, "zero (off) or a positive duration");
            require(deadLink >= 0 && deadLink <= 1000, "deadLink", deadLink, "0 (engine default 20) or 1..1000");
            require(!readTimeout.isNegative(), "readTimeout", readTimeout, "zero (none) or a positive duration");
            require(!writeTimeout.isNegative(), "writeTimeout", writeTimeout, "zero (none) or a positive duration");
            require(handoffBufferBytes >= 1024 && handoffBufferBytes <= MAX_HANDOFF_BYTES, "handoffBufferBytes",
                    handoffBufferBytes, "1024.." + MAX_HANDOFF_BYTES + " bytes");
            ConnectionConfig c = HostSimd.onThisHost(connection); // the host's CPU and -D overrides
            Wire w = wire;
            if (w == null) {
                w = c.cipher() == null && !c.fecEnabled() ? Wire.RAW
                        : c.checksum() == Wire.HIGHWAY.profile() ? Wire.HIGHWAY : Wire.KCP_GO;
            }
            if (w == Wire.RAW) {
                if (c.cipher() != null || c.fecEnabled()) {
                    throw new IllegalArgumentException("wire: raw carries plain KCP segments and cannot be combined"
                            + " with crypt \"" + c.cipher() + "\" or fec " + c.dataShards() + "/" + c.parityShards()
                            + "; accepted: raw with cipher(null) and fec(0,0), or wire kcp-go / highway");
                }
            } else if (w == Wire.HIGHWAY && c.cipher() == null) {
                throw new IllegalArgumentException("wire: highway carries its MAC in the crypto header, which"
                        + " cipher(null) removes; accepted: a cipher (\"none\" keeps the MAC without encryption),"
                        + " or wire raw / kcp-go");
            } else if (c.checksum() != w.profile()) {
                c = c.toBuilder().checksum(w.profile()).build();
            }
            // A session writes as kcp-go's does, whatever the engine: at once, unless write delay is set here or
            // explicitly in the config (the engine then holds the flush for the tick). The ikcp profile's own rule
            // (queue until update) is for C-style hosts such as the simulator.
            boolean delay = writeDelay || Boolean.TRUE.equals(c.writeDelaySetting());
            if (delay != c.writeDelay() || (delay && c.writeDelaySetting() == null)) {
                c = c.toBuilder().writeDelay(delay).build();
            }
            return new SessionOptions(this, c, w);
        }

        private static void require(boolean ok, String field, Object value, String accepted) {
            if (!ok) {
                throw new IllegalArgumentException(field + ": " + value + " is out of range; accepted: " + accepted);
            }
        }
    }
}
