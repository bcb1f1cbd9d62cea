package io.kcplab.sim.node;

import io.kcplab.sim.Simulation;
import io.kcplab.sim.net.Link;
import io.kcplab.sim.net.LinkProfile;
import io.kcplab.sim.net.PacketPool;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Hosts and the paths between them. Host i gets the address 10.0.0.1 + i; link names are
 * {@code "<host a>-><host b>"}, which also name their random streams, so a scenario's draws depend on names,
 * never on creation order.
 */
public final class Network {

    public static final int BASE_ADDRESS = 0x0A000001; // 10.0.0.1
    private static final int MAX_HOSTS = 1 << 23;

    private final Simulation sim;
    private final PacketPool pool = new PacketPool();
    private final List<Host> hosts = new ArrayList<>();
    private final Map<String, Host> hostsByName = new HashMap<>();
    private final List<Link> links = new ArrayList<>();
    private final Map<String, Link> linksByName = new HashMap<>();
    private final PortTimers timers;

    public Network(Simulation sim) {
        this.sim = sim;
        this.timers = new PortTimers(sim);
    }

    public Simulation simulation() {
        return sim;
    }

    /**
     * Ticks of quiet KCP connections that ran on the ports' timers alone, without calling the connection (they
     * would only have moved its flush timer); part of {@link io.kcplab.sim.Simulation#eventsRun()}.
     */
    public long quietTicks() {
        return timers.quietTicks();
    }

    PortTimers timers() {
        return timers;
    }

    public PacketPool pool() {
        return pool;
    }

    public Host addHost(String name) {
        if (name == null || name.isEmpty() || name.contains("->") || name.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("host name must be non-empty without whitespace or '->', got '"
                    + name + "'");
        }
        if (hostsByName.containsKey(name)) {
            throw new IllegalArgumentException("host name '" + name + "' is already used");
        }
        if (hosts.size() >= MAX_HOSTS) {
            throw new IllegalStateException("at most " + MAX_HOSTS + " hosts");
        }
        Host h = new Host(this, hosts.size(), name, BASE_ADDRESS + hosts.size());
        hosts.add(h);
        hostsByName.put(name, h);
        return h;
    }

    public Host host(String name) {
        return hostsByName.get(name);
    }

    public List<Host> hosts() {
        return Collections.unmodifiableList(hosts);
    }

    public List<Link> links() {
        return Collections.unmodifiableList(links);
    }

    public Link link(String name) {
        return linksByName.get(name);
    }

    /** Joins a and b: {@code aToB} shapes a→b, {@code bToA} shapes b→a. */
    public Path connect(Host a, Host b, LinkProfile aToB, LinkProfile bToA) {
        if (a == b) {
            throw new IllegalArgumentException("cannot connect host " + a.name() + " to itself");
        }
        Link forward = newLink(a, b, aToB);
        Link reverse = newLink(b, a, bToA);
        a.addRoute(b, forward);
        b.addRoute(a, reverse);
        return new Path(a, b, forward, reverse);
    }

    /** A symmetric path: the same profile in both directions (each direction still has its own state). */
    public Path connect(Host a, Host b, LinkProfile both) {
        return connect(a, b, both, both);
    }

    private Link newLink(Host from, Host to, LinkProfile profile) {
        String name = from.name() + "->" + to.name();
        Link link = new Link(sim, links.size(), name, profile, pool, to);
        links.add(link);
        linksByName.put(name, link);
        return link;
    }

    int indexOf(int address) {
        long i = (address & 0xFFFFFFFFL) - BASE_ADDRESS;
        return i >= 0 && i < hosts.size() ? (int) i : -1;
    }

    public static String formatAddress(int a) {
        return (a >>> 24) + "." + ((a >>> 16) & 0xFF) + "." + ((a >>> 8) & 0xFF) + "." + (a & 0xFF);
    }
}
