package io.kcplab.sim.node;

import io.kcplab.protocol.Connection;
import io.kcplab.protocol.ConnectionConfig;
import io.kcplab.protocol.QuietTimer;
import io.kcplab.protocol.wire.NonceSource;

/**
 * Runs one unmodified {@link Connection} on a simulated {@link Port}: datagrams in, datagrams out, and the
 * connection's timer mapped onto the port's single wakeup. The simulator's clock is in microseconds; the
 * connection sees milliseconds (floor), as a real host's millisecond clock would.
 *
 * <p>An {@link Application} on top writes and reads the conversation's bytes; it is told about progress after
 * every datagram and every tick, so it can read what arrived and write into the space the window opened.
 */
public final class KcpEndpoint implements DatagramHandler {

    private final int conv;
    private final ConnectionConfig config;
    private final long nonceSeed;
    private final Application application;
    private final int peerAddress;
    private final int peerPort;
    private Port port;
    private Connection connection;
    private boolean skipIdleWork;
    /** skipIdleWork and an application that ignores idle ticks: quiet ticks may run in the port's timers. */
    private boolean quietTicksElsewhere;
    private final QuietTimer quietTimer = new QuietTimer();

    /**
     * @param nonceSeed   seeds the crypto header's nonces (drawn from the scenario's random streams by the caller)
     * @param peerAddress the other end's simulated address; with {@code peerPort}, where datagrams go
     */
    public KcpEndpoint(int conv, ConnectionConfig config, long nonceSeed, Application application, int peerAddress,
            int peerPort) {
        this.conv = conv;
        this.config = config;
        this.nonceSeed = nonceSeed;
        this.application = application;
        this.peerAddress = peerAddress;
        this.peerPort = peerPort;
    }

    @Override
    public void onBind(Port port) {
        this.port = port;
        port.connect(peerAddress, peerPort); // before the connection exists: its first flush may send at once
        long nowMs = port.now() / 1000;
        this.connection = new Connection(conv, config, port::send, NonceSource.seeded(nonceSeed), nowMs);
        this.skipIdleWork = port.host().network().simulation().skipsIdleWork();
        connection.skipIdleFlushes(skipIdleWork);
        this.quietTicksElsewhere = skipIdleWork && application.ignoresIdleTicks();
        application.onStart(this, port.now());
        reschedule(port.now());
    }

    @Override
    public void onDatagram(Port port, long nowMicros, byte[] buf, int off, int len, int srcAddress, int srcPort) {
        resumeQuietTicks();
        connection.receive(buf, off, len, nowMicros / 1000);
        application.onProgress(this, nowMicros);
        reschedule(nowMicros);
    }

    @Override
    public void onWakeup(Port port, long nowMicros) {
        resumeQuietTicks();
        boolean worked = connection.tick(nowMicros / 1000);
        if (worked || !skipIdleWork || !application.ignoresIdleTicks()) {
            application.onProgress(this, nowMicros);
        }
        reschedule(nowMicros);
    }

    /** Lets the application poke the endpoint from its own timer (new bytes to write). */
    public void poke(long nowMicros) {
        resumeQuietTicks();
        application.onProgress(this, nowMicros);
        reschedule(nowMicros);
    }

    private void reschedule(long nowMicros) {
        long nowMs = nowMicros / 1000;
        long next = connection.nextWakeup(nowMs);
        // Connection guarantees progress: after a tick at nowMs, nextWakeup moves past nowMs (no spin)
        port.wakeAt(Math.max(next * 1000, nowMicros));
        if (quietTicksElsewhere && connection.exportQuiet(quietTimer)) {
            port.quiet(quietTimer); // the next ticks only move the flush timer: the port's timers run them
        }
    }

    /** Hands the flush timer that quiet ticks moved back to the connection, before anything else touches it. */
    private void resumeQuietTicks() {
        long flushAt = port.resumeQuiet();
        if (flushAt != QuietTimer.NOT_QUIET) {
            connection.resumeFlushTimer((int) flushAt);
        }
    }

    /** The connection, with any quiet ticks the port ran handed back to it first. */
    public Connection connection() {
        if (port != null) {
            resumeQuietTicks();
        }
        return connection;
    }

    public Port port() {
        return port;
    }

    public long nowMillis() {
        return port.now() / 1000;
    }
}
