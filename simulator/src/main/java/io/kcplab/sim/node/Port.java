package io.kcplab.sim.node;

import io.kcplab.sim.EventHandler;
import io.kcplab.sim.Simulation;

/**
 * A bound UDP port on a simulated host: the handler's way out (send), and its single timer (wakeAt), which is
 * what a sans-I/O protocol needs: {@code Connection.nextWakeup(now)} maps onto {@link #wakeAt}.
 */
public final class Port implements EventHandler {

    private final Host host;
    private final int number;
    private final DatagramHandler handler;
    private final Simulation sim;
    private final long hashId;   // what a wakeup mixes into the run hash: address and port
    private int peerAddress;
    private int peerPort = -1;
    private boolean wakePending;
    private long wakeHandle;
    private long wakeAtMicros = Long.MAX_VALUE;
    private long datagramsSent;
    private long datagramsReceived;
    private long wakeups;

    Port(Host host, int number, DatagramHandler handler) {
        this.host = host;
        this.number = number;
        this.handler = handler;
        this.sim = host.network().simulation();
        this.hashId = ((long) host.address() << 16) | number;
    }

    public Host host() {
        return host;
    }

    public int number() {
        return number;
    }

    public DatagramHandler handler() {
        return handler;
    }

    /** The virtual clock (microseconds). */
    public long now() {
        return sim.now();
    }

    /** Fixes the destination of {@link #send}. */
    public Port connect(int address, int port) {
        Host.checkPort(port);
        this.peerAddress = address;
        this.peerPort = port;
        return this;
    }

    public Port connect(Port remote) {
        return connect(remote.host().address(), remote.number());
    }

    /** Sends to the connected peer. */
    public void send(byte[] buf, int off, int len) {
        if (peerPort < 0) {
            throw new IllegalStateException("port " + host.name() + ":" + number + " is not connected; call "
                    + "connect(address, port) or use sendTo");
        }
        sendTo(peerAddress, peerPort, buf, off, len);
    }

    /** Sends one datagram now; the bytes are copied, the buffer stays the caller's. */
    public void sendTo(int dstAddress, int dstPort, byte[] buf, int off, int len) {
        Host.checkPort(dstPort);
        datagramsSent++;
        host.route(dstAddress).send(host.address(), number, dstAddress, dstPort, buf, off, len);
    }

    /**
     * Asks for {@link DatagramHandler#onWakeup} at {@code atMicros} (now if in the past). One timer per port: a
     * new request replaces the pending one, as a KCP engine's next check time replaces the previous.
     */
    public void wakeAt(long atMicros) {
        long at = Math.max(atMicros, sim.now());
        if (wakePending) {
            if (wakeAtMicros == at) {
                return;
            }
            sim.cancel(wakeHandle);
        }
        wakePending = true;
        wakeAtMicros = at;
        wakeHandle = sim.schedule(at, this, 0);
    }

    public void wakeAfter(long delayMicros) {
        wakeAt(sim.now() + Math.max(0, delayMicros));
    }

    public void cancelWakeup() {
        if (wakePending) {
            sim.cancel(wakeHandle);
            wakePending = false;
            wakeAtMicros = Long.MAX_VALUE;
        }
    }

    /** The pending wakeup time, Long.MAX_VALUE if none. */
    public long wakeupTime() {
        return wakeAtMicros;
    }

    public long datagramsSent() {
        return datagramsSent;
    }

    public long datagramsReceived() {
        return datagramsReceived;
    }

    public long wakeups() {
        return wakeups;
    }

    void deliver(long nowMicros, byte[] buf, int off, int len, int srcAddress, int srcPort) {
        datagramsReceived++;
        handler.onDatagram(this, nowMicros, buf, off, len, srcAddress, srcPort);
    }

    @Override
    public void onEvent(long nowMicros, long arg) {
        wakePending = false;
        wakeAtMicros = Long.MAX_VALUE;
        wakeups++;
        sim.runHash().mix(nowMicros, hashId);
        handler.onWakeup(this, nowMicros);
    }

    @Override
    public String toString() {
        return host.name() + ":" + number;
    }
}
