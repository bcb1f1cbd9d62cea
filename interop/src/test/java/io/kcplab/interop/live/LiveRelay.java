package io.kcplab.interop.live;

import io.kcplab.scenarios.live.RelayThread;
import io.kcplab.scenarios.spec.LinkSpec;
import io.kcplab.transport.relay.RelayStats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;

/**
 * {@code kcplab relay} in-process ({@link RelayThread}) for one {@link LinkCase}, on 127.0.0.1 with a free port.
 * The directions are named like the simulator's, so a seed draws what a scenario run (and
 * {@code kcplab relay --seed}) draws.
 */
final class LiveRelay implements AutoCloseable {

    private final RelayThread relay;
    private final LinkCase link;
    private final long seed;

    private LiveRelay(RelayThread relay, LinkCase link, long seed) {
        this.relay = relay;
        this.link = link;
        this.seed = seed;
    }

    /** A relay from a free port on 127.0.0.1 to {@code target}, through {@code link} in each direction. */
    static LiveRelay start(InetSocketAddress target, LinkCase link, long seed) {
        LinkSpec spec = new LinkSpec(link.profile, List.of());
        try {
            return new LiveRelay(RelayThread.start(target, spec, spec, List.of(), seed, link.label), link, seed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where clients send. */
    InetSocketAddress address() {
        return relay.address();
    }

    LinkCase link() {
        return link;
    }

    long seed() {
        return seed;
    }

    /** Stops the loop (idempotent) and returns its final counters. */
    RelayStats stop() {
        return relay.stop();
    }

    @Override
    public void close() {
        relay.close();
    }

    /** One short line: what each direction dropped, reordered and how late the loop ran. */
    static String summary(RelayStats s) {
        return String.format(Locale.ROOT, "relay up %d/%d dropped, %d reordered; down %d/%d dropped, %d reordered;"
                        + " late max %.1f ms", s.up().path().dropped(), s.up().path().offered(),
                s.up().path().reordered(), s.down().path().dropped(), s.down().path().offered(),
                s.down().path().reordered(), Math.max(s.up().lateMaxMicros(), s.down().lateMaxMicros()) / 1e3);
    }
}
