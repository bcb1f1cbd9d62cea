package io.kcplab.sim.node;

import io.kcplab.sim.net.Link;
import io.kcplab.sim.net.Packet;
import io.kcplab.sim.net.PacketSink;
import io.kcplab.sim.trace.TraceKind;

import java.util.Arrays;

/**
 * A simulated machine with one IPv4 address, UDP ports bound to handlers, and a route (an outgoing {@link Link})
 * per peer host. Datagrams for a port nothing is bound to are counted as unreachable and dropped.
 */
public final class Host implements PacketSink {

    private final Network network;
    private final int index;
    private final String name;
    private final int address;
    private Link[] routes = new Link[0];      // by destination host index
    private int[] portNumbers = new int[8];   // sorted, the first portCount used
    private Port[] ports = new Port[8];
    private int portCount;
    private long unreachable;

    Host(Network network, int index, String name, int address) {
        this.network = network;
        this.index = index;
        this.name = name;
        this.address = address;
    }

    public Network network() {
        return network;
    }

    public String name() {
        return name;
    }

    /** IPv4 address as a big-endian int. */
    public int address() {
        return address;
    }

    public String addressString() {
        return Network.formatAddress(address);
    }

    int index() {
        return index;
    }

    /** Binds {@code port} (1..65535) to {@code handler} and calls {@link DatagramHandler#onBind}. */
    public Port bind(int port, DatagramHandler handler) {
        checkPort(port);
        if (port == 0) {
            throw new IllegalArgumentException("port must be in [1, 65535], got 0");
        }
        if (handler == null) {
            throw new IllegalArgumentException("handler must not be null");
        }
        int at = Arrays.binarySearch(portNumbers, 0, portCount, port);
        if (at >= 0) {
            throw new IllegalStateException("port " + port + " on host " + name + " is already bound");
        }
        int ins = -at - 1;
        Port p = new Port(this, port, handler);
        if (portCount == ports.length) { // doubling: binding a server's 10,000 ports one by one stays linear
            portNumbers = Arrays.copyOf(portNumbers, portCount * 2);
            ports = Arrays.copyOf(ports, portCount * 2);
        }
        System.arraycopy(portNumbers, ins, portNumbers, ins + 1, portCount - ins);
        System.arraycopy(ports, ins, ports, ins + 1, portCount - ins);
        portNumbers[ins] = port;
        ports[ins] = p;
        portCount++;
        handler.onBind(p);
        return p;
    }

    /** The port bound to {@code number}, or null. */
    public Port port(int number) {
        int at = Arrays.binarySearch(portNumbers, 0, portCount, number);
        return at >= 0 ? ports[at] : null;
    }

    /** Datagrams that arrived for an unbound port. */
    public long unreachable() {
        return unreachable;
    }

    void addRoute(Host destination, Link link) {
        if (destination.index >= routes.length) {
            routes = Arrays.copyOf(routes, Math.max(destination.index + 1, routes.length * 2));
        }
        if (routes[destination.index] != null) {
            throw new IllegalStateException("host " + name + " already has a path to " + destination.name);
        }
        routes[destination.index] = link;
    }

    Link route(int dstAddress) {
        int i = network.indexOf(dstAddress);
        Link link = i >= 0 && i < routes.length ? routes[i] : null;
        if (link == null) {
            throw new IllegalStateException("host " + name + " has no path to " + Network.formatAddress(dstAddress)
                    + "; connect the hosts with Network.connect first");
        }
        return link;
    }

    @Override
    public void receive(long nowMicros, Link link, Packet packet) {
        Port p = port(packet.dstPort());
        if (p == null) {
            unreachable++;
            network.simulation().tracer().onLinkEvent(nowMicros, TraceKind.UNREACHABLE, link, packet);
            return;
        }
        p.deliver(nowMicros, packet.data(), 0, packet.length(), packet.srcAddress(), packet.srcPort());
    }

    static void checkPort(int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be in [1, 65535], got " + port);
        }
    }

    @Override
    public String toString() {
        return name + "(" + addressString() + ")";
    }
}
