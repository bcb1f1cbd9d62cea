package io.kcplab.transport.tunnel;

import io.kcplab.transport.SessionOptions;
import io.kcplab.transport.smux.SmuxConfig;
import java.util.Objects;

/**
 * A tunnel end's settings, as kcptun's: the KCP session options (stream mode), the smux session (version, buffers,
 * keepalive, compression), and for the client the number of KCP+smux sessions used round-robin ({@code --conn}),
 * their lifetime ({@code --autoexpire}, seconds, 0 = forever) and how long an expired one may finish its streams
 * ({@code --scavengettl}); {@code quiet} drops the per-stream open/close log lines.
 */
public record TunnelConfig(SessionOptions kcp, SmuxConfig smux, int conn, int autoExpireSeconds,
        int scavengeTtlSeconds, boolean quiet) {

    public TunnelConfig {
        Objects.requireNonNull(kcp, "kcp");
        Objects.requireNonNull(smux, "smux");
        if (!kcp.connection().streamMode()) {
            throw new IllegalArgumentException("kcp: a tunnel needs KCP's stream mode, as kcptun sets it");
        }
        if (conn < 1 || conn > 65535) {
            throw new IllegalArgumentException("conn: " + conn + "; accepted: 1..65535");
        }
        if (autoExpireSeconds < 0) {
            throw new IllegalArgumentException("autoexpire: " + autoExpireSeconds + "; accepted: 0 (off) or more");
        }
        if (scavengeTtlSeconds < 0) {
            throw new IllegalArgumentException("scavengettl: " + scavengeTtlSeconds + "; accepted: 0 or more");
        }
    }

    /** One session, no expiry, kcptun's scavenger TTL, logging stream opens and closes. */
    public static TunnelConfig of(SessionOptions kcp, SmuxConfig smux) {
        return new TunnelConfig(kcp, smux, 1, 0, 600, false);
    }
}
