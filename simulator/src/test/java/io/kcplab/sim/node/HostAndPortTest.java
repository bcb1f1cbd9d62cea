package io.kcplab.sim.node;

import io.kcplab.sim.Simulation;
import io.kcplab.sim.net.LinkProfile;
import io.kcplab.sim.testing.LinkRun;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The host-side API a sans-I/O protocol plugs into: receive, transmit, one timer per port. */
class HostAndPortTest {

    /** Echo server: sends every datagram back to where it came from. */
    static final class Echo implements DatagramHandler {
        @Override
        public void onDatagram(Port port, long now, byte[] buf, int off, int len, int srcAddress, int srcPort) {
            port.sendTo(srcAddress, srcPort, buf, off, len);
        }
    }

    /** A timer-driven client shaped like a Connection host: wakes, transmits, reschedules, measures RTT. */
    static final class PingClient implements DatagramHandler {
        final List<Long> rtts = new ArrayList<>();
        final byte[] out = new byte[16];
        int sent;

        @Override
        public void onBind(Port port) {
            port.wakeAt(0);
        }

        @Override
        public void onWakeup(Port port, long now) {
            ConstantRateSender.fill(out, sent++, now);
            port.send(out, 0, out.length);
            if (sent < 20) {
                port.wakeAt(now + 10_000);
            }
        }

        @Override
        public void onDatagram(Port port, long now, byte[] buf, int off, int len, int srcAddress, int srcPort) {
            rtts.add(now - ConstantRateSender.getLong(buf, off + 8));
        }
    }

    @Test
    void echoOverASymmetricPathTakesOneRoundTrip() {
        Simulation sim = new Simulation(1);
        Network net = new Network(sim);
        Host client = net.addHost("client");
        Host server = net.addHost("server");
        net.connect(client, server, LinkProfile.builder().delayMillis(25).build());
        Port serverPort = server.bind(4000, new Echo());
        PingClient ping = new PingClient();
        Port clientPort = client.bind(5000, ping);
        clientPort.connect(serverPort);
        sim.runUntil(1_000_000);
        assertEquals(20, ping.rtts.size());
        ping.rtts.forEach(rtt -> assertEquals(50_000L, rtt));
        assertEquals(20, serverPort.datagramsReceived());
        assertEquals("10.0.0.2", server.addressString());
        System.out.println("HostAndPortTest echo: " + sim.summary());
    }

    @Test
    void aPartitionCutsBothDirectionsForItsWindow() {
        Simulation sim = new Simulation(1);
        Network net = new Network(sim);
        Host client = net.addHost("client");
        Host server = net.addHost("server");
        Path path = net.connect(client, server, LinkProfile.builder().delayMillis(25).build());
        path.partition(45_000, 120_000); // requests at 0..190 ms every 10 ms; replies leave 25 ms later
        Port serverPort = server.bind(4000, new Echo());
        PingClient ping = new PingClient();
        client.bind(5000, ping).connect(serverPort);
        sim.runUntil(1_000_000);
        // requests sent in [45, 120) ms are cut (50..110: 7); replies that would leave the server in [45, 120) ms belong
        // to requests sent in [20, 95) ms, of which those sent at 20, 30 and 40 ms reached the server (3)
        assertEquals(7, path.forward().counters().dropped(io.kcplab.sim.net.DropCause.OUTAGE));
        assertEquals(3, path.reverse().counters().dropped(io.kcplab.sim.net.DropCause.OUTAGE));
        assertEquals(20 - 7 - 3, ping.rtts.size());
    }

    @Test
    void aLaterWakeRequestReplacesThePendingOne() {
        Simulation sim = new Simulation(1);
        Network net = new Network(sim);
        Host h = net.addHost("h");
        List<Long> wakes = new ArrayList<>();
        Port p = h.bind(1, new DatagramHandler() {
            @Override
            public void onDatagram(Port port, long now, byte[] b, int o, int l, int sa, int sp) {
            }

            @Override
            public void onWakeup(Port port, long now) {
                wakes.add(now);
            }
        });
        p.wakeAt(100);
        p.wakeAt(50);
        p.wakeAt(70);
        assertEquals(70, p.wakeupTime());
        sim.runUntil(1000);
        assertEquals(List.of(70L), wakes);
        p.wakeAt(10); // in the past: runs now
        p.cancelWakeup();
        sim.runUntil(2000);
        assertEquals(List.of(70L), wakes);
    }

    @Test
    void unboundPortsAndMissingRoutesAreReported() {
        Simulation sim = new Simulation(1);
        Network net = new Network(sim);
        Host a = net.addHost("a");
        Host b = net.addHost("b");
        Host c = net.addHost("c");
        net.connect(a, b, LinkProfile.PERFECT);
        Port pa = a.bind(1, new Echo());
        pa.sendTo(b.address(), 999, new byte[10], 0, 10);
        sim.runUntil(10);
        assertEquals(1, b.unreachable());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> pa.sendTo(c.address(), 1, new byte[1], 0, 1));
        assertTrue(e.getMessage().contains("no path to 10.0.0.3"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> a.bind(1, new Echo()));
        assertThrows(IllegalArgumentException.class, () -> a.bind(70_000, new Echo()));
        assertThrows(IllegalStateException.class, () -> pa.send(new byte[1], 0, 1), "not connected");
    }

    @Test
    void packetBuffersAreReusedInSteadyState() {
        LinkRun r = new LinkRun(4, LinkProfile.builder().delayMillis(10).loss(0.1).duplicate(0.05).build(),
                1200, 1000, 100_000);
        r.start();
        r.sim.runFor(2_000_000);
        long warm = r.network.pool().allocated();
        r.sim.runFor(60_000_000);
        assertTrue(r.sender.sent() > 60_000);
        assertEquals(warm, r.network.pool().allocated(), "no packet allocations after warm-up");
    }
}
