package io.kcplab.scenarios.live;

import io.kcplab.scenarios.spec.LinkSpec;
import io.kcplab.sim.live.LiveLink;
import io.kcplab.transport.relay.RelayConfig;
import io.kcplab.transport.relay.RelayStats;
import io.kcplab.transport.relay.UdpRelay;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code kcplab relay} inside this process: the transport's {@link UdpRelay} socket loop on a daemon thread, from a
 * free port on 127.0.0.1 to a target, each direction a {@link LiveLink} named like the simulator's directions, so
 * that a seed draws on the live path what it draws in a scenario run.
 */
public final class RelayThread implements AutoCloseable {

    /** The simulator's direction names (a link's random draws are keyed by them). */
    public static final String UP = "client->server";
    public static final String DOWN = "server->client";

    private final UdpRelay relay;
    private final CompletableFuture<RelayStats> finished = new CompletableFuture<>();

    private RelayThread(UdpRelay relay) {
        this.relay = relay;
        Thread t = new Thread(this::loop, "kcplab-relay-" + relay.localAddress().getPort());
        t.setDaemon(true);
        t.start();
    }

    /** Starts a relay to {@code target} applying {@code up} client to server and {@code down} back. */
    public static RelayThread start(InetSocketAddress target, LinkSpec up, LinkSpec down, List<long[]> partitions,
                                    long seed, String label) throws IOException {
        RelayConfig config = RelayConfig.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), target);
        LiveRelayPath upPath = new LiveRelayPath(new LiveLink(UP, up.profile(), up.schedule(partitions), seed), label);
        LiveRelayPath downPath = new LiveRelayPath(new LiveLink(DOWN, down.profile(), down.schedule(partitions), seed),
                label);
        return new RelayThread(UdpRelay.open(config, upPath, downPath));
    }

    /** Where clients send. */
    public InetSocketAddress address() {
        return relay.localAddress();
    }

    /** Stops the loop (idempotent) and returns its final counters. */
    public RelayStats stop() {
        relay.stop();
        try {
            return finished.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("relay did not stop: " + e, e);
        }
    }

    @Override
    public void close() {
        try {
            stop();
        } finally {
            try {
                relay.close();
            } catch (IOException e) {
                // the sockets of a stopped relay: nothing left to do
            }
        }
    }

    private void loop() {
        try {
            finished.complete(relay.run(0, null));
        } catch (Throwable t) {
            finished.completeExceptionally(t);
        }
    }
}
