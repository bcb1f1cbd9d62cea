package io.kcplab.interop.live;

import io.kcplab.scenarios.live.LiveRelayPath;

import io.kcplab.sim.live.LiveLink;
import io.kcplab.transport.relay.RelayConfig;
import io.kcplab.transport.relay.RelayStats;
import io.kcplab.transport.relay.UdpRelay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code kcplab relay} in-process: the transport's {@link UdpRelay} socket loop on its own thread, each direction
 * the simulator's {@link LiveLink} (as {@code kcplab relay --link} builds it), on 127.0.0.1 with a free port. The
 * directions are named like the simulator's ({@code client->server}, {@code server->client}), so a seed draws what
 * a scenario run (and {@code kcplab relay --seed}) draws.
 */
final class LiveRelay implements AutoCloseable {

    private final UdpRelay relay;
    private final LinkCase link;
    private final long seed;
    private final CompletableFuture<RelayStats> finished = new CompletableFuture<>();
    private final Thread thread;

    private LiveRelay(UdpRelay relay, LinkCase link, long seed) {
        this.relay = relay;
        this.link = link;
        this.seed = seed;
        this.thread = new Thread(this::loop, "live-relay-" + relay.localAddress().getPort());
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** A relay from a free port on 127.0.0.1 to {@code target}, through {@code link} in each direction. */
    static LiveRelay start(InetSocketAddress target, LinkCase link, long seed) {
        try {
            RelayConfig config = RelayConfig.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), target);
            LiveRelayPath up = new LiveRelayPath(new LiveLink("client->server", link.profile, null, seed), link.label);
            LiveRelayPath down = new LiveRelayPath(new LiveLink("server->client", link.profile, null, seed), link.label);
            return new LiveRelay(UdpRelay.open(config, up, down), link, seed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where clients send. */
    InetSocketAddress address() {
        return relay.localAddress();
    }

    LinkCase link() {
        return link;
    }

    long seed() {
        return seed;
    }

    /** Stops the loop (idempotent) and returns its final counters. */
    RelayStats stop() {
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
                // sockets of a stopped relay: nothing to do
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

    /** One short line: what each direction dropped, reordered and how late the loop ran. */
    static String summary(RelayStats s) {
        return String.format(Locale.ROOT, "relay up %d/%d dropped, %d reordered; down %d/%d dropped, %d reordered;"
                        + " late max %.1f ms", s.up().path().dropped(), s.up().path().offered(),
                s.up().path().reordered(), s.down().path().dropped(), s.down().path().offered(),
                s.down().path().reordered(), Math.max(s.up().lateMaxMicros(), s.down().lateMaxMicros()) / 1e3);
    }

}
