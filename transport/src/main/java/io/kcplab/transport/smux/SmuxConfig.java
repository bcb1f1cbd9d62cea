package io.kcplab.transport.smux;

import java.time.Duration;

/**
 * An smux session's settings (smux 1.5.16's Config, plus the snappy layer kcptun puts below smux). Defaults are
 * smux's own ({@link #builder()}); {@link #kcptun()} starts from kcptun's (smux v1, 4 MiB session buffer, 2 MiB
 * stream buffer, keepalive 10 s, compression on). Both ends must agree on the version and on compression: nothing
 * is negotiated.
 */
public final class SmuxConfig {

    private final int version;
    private final Duration keepAliveInterval;
    private final Duration keepAliveTimeout;
    private final boolean keepAliveDisabled;
    private final int maxFrameSize;
    private final int maxReceiveBuffer;
    private final int maxStreamBuffer;
    private final int acceptBacklog;
    private final boolean compression;

    private SmuxConfig(Builder b) {
        this.version = b.version;
        this.keepAliveInterval = b.keepAliveInterval;
        this.keepAliveTimeout = b.keepAliveTimeout;
        this.keepAliveDisabled = b.keepAliveDisabled;
        this.maxFrameSize = b.maxFrameSize;
        this.maxReceiveBuffer = b.maxReceiveBuffer;
        this.maxStreamBuffer = b.maxStreamBuffer;
        this.acceptBacklog = b.acceptBacklog;
        this.compression = b.compression;
    }

    /** smux's DefaultConfig: v1, keepalive 10 s / 30 s, frames of 32768, 4 MiB session buffer, 64 KiB stream buffer. */
    public static Builder builder() {
        return new Builder();
    }

    public static SmuxConfig defaults() {
        return builder().build();
    }

    /** kcptun 20210922's defaults: smux v1, --smuxbuf 4194304, --streambuf 2097152, --keepalive 10, compression on. */
    public static Builder kcptun() {
        return builder().maxReceiveBuffer(4194304).maxStreamBuffer(2097152).compression(true);
    }

    public int version() {
        return version;
    }

    public Duration keepAliveInterval() {
        return keepAliveInterval;
    }

    /** Fixed at 30 s by kcptun (smux's default). */
    public Duration keepAliveTimeout() {
        return keepAliveTimeout;
    }

    public boolean keepAliveDisabled() {
        return keepAliveDisabled;
    }

    public int maxFrameSize() {
        return maxFrameSize;
    }

    /** The session's receive token bucket (kcptun's --smuxbuf). */
    public int maxReceiveBuffer() {
        return maxReceiveBuffer;
    }

    /** v2: the window each stream announces (kcptun's --streambuf). */
    public int maxStreamBuffer() {
        return maxStreamBuffer;
    }

    /** Streams opened by the peer and not yet accepted; a SYN beyond it is answered with FIN. */
    public int acceptBacklog() {
        return acceptBacklog;
    }

    /** kcptun's snappy framed stream below smux (its default; --nocomp turns it off). */
    public boolean compression() {
        return compression;
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.version = version;
        b.keepAliveInterval = keepAliveInterval;
        b.keepAliveTimeout = keepAliveTimeout;
        b.keepAliveDisabled = keepAliveDisabled;
        b.maxFrameSize = maxFrameSize;
        b.maxReceiveBuffer = maxReceiveBuffer;
        b.maxStreamBuffer = maxStreamBuffer;
        b.acceptBacklog = acceptBacklog;
        b.compression = compression;
        return b;
    }

    @Override
    public String toString() {
        return "smux v" + version + " keepalive " + keepAliveInterval.toSeconds() + "s/" + keepAliveTimeout.toSeconds()
                + "s frame " + maxFrameSize + " smuxbuf " + maxReceiveBuffer + " streambuf " + maxStreamBuffer
                + (compression ? " snappy" : " nocomp");
    }

    public static final class Builder {
        private int version = 1;
        private Duration keepAliveInterval = Duration.ofSeconds(10);
        private Duration keepAliveTimeout = Duration.ofSeconds(30);
        private boolean keepAliveDisabled;
        private int maxFrameSize = Frame.MAX_FRAME_SIZE;
        private int maxReceiveBuffer = 4194304;
        private int maxStreamBuffer = 65536;
        private int acceptBacklog = 1024;
        private boolean compression;

        public Builder version(int v) {
            this.version = v;
            return this;
        }

        public Builder keepAliveInterval(Duration d) {
            this.keepAliveInterval = d;
            return this;
        }

        public Builder keepAliveTimeout(Duration d) {
            this.keepAliveTimeout = d;
            return this;
        }

        public Builder keepAliveDisabled(boolean off) {
            this.keepAliveDisabled = off;
            return this;
        }

        public Builder maxFrameSize(int bytes) {
            this.maxFrameSize = bytes;
            return this;
        }

        public Builder maxReceiveBuffer(int bytes) {
            this.maxReceiveBuffer = bytes;
            return this;
        }

        public Builder maxStreamBuffer(int bytes) {
            this.maxStreamBuffer = bytes;
            return this;
        }

        public Builder acceptBacklog(int n) {
            this.acceptBacklog = n;
            return this;
        }

        public Builder compression(boolean on) {
            this.compression = on;
            return this;
        }

        /** smux's VerifyConfig rules; a bad value throws with the field and the accepted values. */
        public SmuxConfig build() {
            if (version != 1 && version != 2) {
                throw new IllegalArgumentException("smuxver: " + version + "; accepted: 1, 2");
            }
            if (!keepAliveDisabled) {
                if (keepAliveInterval == null || keepAliveInterval.isZero() || keepAliveInterval.isNegative()) {
                    throw new IllegalArgumentException("keepalive: the interval must be positive");
                }
                if (keepAliveTimeout == null || keepAliveTimeout.compareTo(keepAliveInterval) < 0) {
                    throw new IllegalArgumentException("keepalive: the interval (" + keepAliveInterval.toSeconds()
                            + " s) must not exceed the timeout (" + keepAliveTimeout.toSeconds() + " s)");
                }
            }
            if (maxFrameSize < 1 || maxFrameSize > 65535) {
                throw new IllegalArgumentException("maxFrameSize: " + maxFrameSize + "; accepted: 1..65535");
            }
            if (maxReceiveBuffer < 1) {
                throw new IllegalArgumentException("smuxbuf: " + maxReceiveBuffer + "; accepted: 1..2147483647");
            }
            if (maxStreamBuffer < 1) {
                throw new IllegalArgumentException("streambuf: " + maxStreamBuffer + "; accepted: 1..2147483647");
            }
            if (acceptBacklog < 1) {
                throw new IllegalArgumentException("acceptBacklog: " + acceptBacklog + "; accepted: 1 or more");
            }
            return new SmuxConfig(this);
        }
    }
}
