package io.kcplab.transport.relay;

import java.net.InetSocketAddress;

/**
 * Settings of a {@link UdpRelay}.
 *
 * @param listen              where clients send (port 0: any free port, see {@link UdpRelay#localAddress()})
 * @param target              where the relay forwards to
 * @param maxClients          client addresses served at once (one upstream socket each); datagrams from more
 *                            are refused and counted
 * @param idleTimeoutMillis   a client silent in both directions this long is forgotten and its socket closed
 * @param statsIntervalMillis period of the periodic statistics callback; 0 = none
 * @param socketBufferBytes   SO_RCVBUF/SO_SNDBUF asked for on every socket (the kernel may grant less); 0 = the
 *                            system default
 */
public record RelayConfig(InetSocketAddress listen, InetSocketAddress target, int maxClients,
                          long idleTimeoutMillis, long statsIntervalMillis, int socketBufferBytes) {

    public static final int MAX_CLIENTS = 4096;
    public static final int DEFAULT_MAX_CLIENTS = 64;
    public static final long DEFAULT_IDLE_TIMEOUT_MILLIS = 60_000;
    public static final int DEFAULT_SOCKET_BUFFER = 4 << 20;

    public RelayConfig {
        if (listen == null || listen.isUnresolved()) {
            throw new IllegalArgumentException("listen address must be a resolved address, got " + listen);
        }
        if (target == null || target.isUnresolved() || target.getPort() == 0) {
            throw new IllegalArgumentException("target must be a resolved address with a port in 1..65535, got "
                    + target);
        }
        if (maxClients < 1 || maxClients > MAX_CLIENTS) {
            throw new IllegalArgumentException("maxClients " + maxClients + " is out of range; accepted: 1.."
                    + MAX_CLIENTS);
        }
        if (idleTimeoutMillis < 1) {
            throw new IllegalArgumentException("idleTimeoutMillis must be >= 1, got " + idleTimeoutMillis);
        }
        if (statsIntervalMillis < 0) {
            throw new IllegalArgumentException("statsIntervalMillis must be >= 0, got " + statsIntervalMillis);
        }
        if (socketBufferBytes < 0) {
            throw new IllegalArgumentException("socketBufferBytes must be >= 0, got " + socketBufferBytes);
        }
    }

    /** Defaults for everything but the addresses. */
    public static RelayConfig of(InetSocketAddress listen, InetSocketAddress target) {
        return new RelayConfig(listen, target, DEFAULT_MAX_CLIENTS, DEFAULT_IDLE_TIMEOUT_MILLIS, 0,
                DEFAULT_SOCKET_BUFFER);
    }

    public RelayConfig withMaxClients(int v) {
        return new RelayConfig(listen, target, v, idleTimeoutMillis, statsIntervalMillis, socketBufferBytes);
    }

    public RelayConfig withIdleTimeoutMillis(long v) {
        return new RelayConfig(listen, target, maxClients, v, statsIntervalMillis, socketBufferBytes);
    }

    public RelayConfig withStatsIntervalMillis(long v) {
        return new RelayConfig(listen, target, maxClients, idleTimeoutMillis, v, socketBufferBytes);
    }

    public RelayConfig withSocketBufferBytes(int v) {
        return new RelayConfig(listen, target, maxClients, idleTimeoutMillis, statsIntervalMillis, v);
    }
}
