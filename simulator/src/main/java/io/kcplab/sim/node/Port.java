package io.kcplab.sim.node;

import io.kcplab.protocol.QuietTimer;
import io.kcplab.sim.Simulation;

/**
 * A bound UDP port on a simulated host: the handler's way out (send), and its single timer (wakeAt), which is
 * what a sans-I/O protocol needs: {@code Connection.nextWakeup(now)} maps onto {@link #wakeAt}.
 */
public final class Port {

    private final Host host;
    private final int number;
    private final DatagramHandler handler;
    private final Simulation sim;
    private final PortTimers timers;
    private final int id;        // this port's row in the timers
    private int peerAddress;
    private int peerPort = -1;
    private long datagramsSent;
    private long datagramsReceived;

    Port(Host host, int number, DatagramHandler handler) {
        this.host = host;
        this.number = number;
        this.handler = handler;
        this.sim = host.network().simulation();
        this.timers = host.network().timers();
        // what a wakeup mixes into the run hash: address and port
        this.id = timers.register(this, ((long) host.address() << 16) | number);
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
        timers.wakeAt(id, atMicros);
    }

    public void wakeAfter(long delayMicros) {
        wakeAt(sim.now() + Math.max(0, delayMicros));
    }

    public void cancelWakeup() {
        timers.cancel(id);
    }

    /** The pending wakeup time, Long.MAX_VALUE if none. */
    public long wakeupTime() {
        return timers.wakeupTime(id);
    }

    /**
     * Lets the simulator run this port's ticks on {@code timer} without calling the handler, while they would only
     * move a quiet connection's flush timer (see {@code Connection.exportQuiet}); ends with {@link #resumeQuiet}.
     */
    void quiet(QuietTimer timer) {
        timers.quiet(id, timer);
    }

    /** Ends {@link #quiet}: the flush timer its ticks left, or {@link QuietTimer#NOT_QUIET} if none ran here. */
    long resumeQuiet() {
        return timers.resume(id);
    }

    public long datagramsSent() {
        return datagramsSent;
    }

    public long datagramsReceived() {
        return datagramsReceived;
    }

    public long wakeups() {
        return timers.wakeups(id);
    }

    void deliver(long nowMicros, byte[] buf, int off, int len, int srcAddress, int srcPort) {
        datagramsReceived++;
        handler.onDatagram(this, nowMicros, buf, off, len, srcAddress, srcPort);
    }

    /** The wakeup is due; {@link PortTimers} has done its bookkeeping. */
    void fire(long nowMicros) {
        handler.onWakeup(this, nowMicros);
    }

    @Override
    public String toString() {
        return host.name() + ":" + number;
    }
}
