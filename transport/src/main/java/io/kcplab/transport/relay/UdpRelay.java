package io.kcplab.transport.relay;

import java.io.Closeable;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * A UDP relay that sends real traffic through two {@link RelayPath}s in real time: datagrams from clients to the
 * listen address go through {@code up} to the target; the target's replies go through {@code down} back to the
 * client they answer.
 *
 * <p>Each client address gets its own upstream socket (connected to the target, ephemeral port chosen by the
 * system), so the target sees distinct clients; at most {@code maxClients} at once, and a client silent in both
 * directions for {@code idleTimeout} is forgotten. Both directions are one path each, shared by every client (one
 * bottleneck, as a netem qdisc on an interface would be); a datagram carries its client's slot and generation as
 * the path's tag, so a delivery for a client forgotten meanwhile is counted and dropped, never misrouted.
 *
 * <p>One thread does everything ({@link #run}): a {@link Selector} over the listen socket and the upstream sockets,
 * sleeping until the next datagram arrives or the next one falls due. Time is microseconds since {@link #run}
 * started ({@link System#nanoTime()}). Sleeps of a millisecond or more use {@code Selector.select(ms)} (rounded
 * down, so the loop wakes early rather than late); the sub-millisecond remainder is a {@code parkNanos}, during
 * which arriving datagrams wait (at most that remainder). Buffers are reused: no allocation per datagram apart
 * from what the JDK does for source addresses.
 */
public final class UdpRelay implements Closeable {

    /** Receive buffer: any UDP payload (IPv6 jumbograms aside). */
    private static final int MAX_DATAGRAM = 65_535;
    /** Largest payload a path is asked to carry: the largest UDP payload over IPv4. */
    public static final int MAX_PAYLOAD = 65_507;
    /** Datagrams read from one socket per wake-up, so that one busy socket does not starve the others. */
    private static final int BURST = 64;
    private static final long EXPIRY_CHECK_MICROS = 1_000_000;
    private static final long MAX_SLEEP_MICROS = 1_000_000;

    private final RelayConfig config;
    private final RelayPath up;
    private final RelayPath down;
    private final Selector selector;
    private final DatagramChannel listen;
    private final InetSocketAddress localAddress;
    private final byte[] rxArray = new byte[MAX_DATAGRAM];
    private final ByteBuffer rx = ByteBuffer.wrap(rxArray);
    private final ByteBuffer tx = ByteBuffer.allocate(MAX_DATAGRAM);
    private final Client[] slots;
    private final int[] freeSlots;
    private int freeCount;
    private final Map<SocketAddress, Client> byAddress = new HashMap<>();
    private final RelayPath.Delivery upSink = this::deliverUp;
    private final RelayPath.Delivery downSink = this::deliverDown;
    private final Counters upCounters = new Counters();
    private final Counters downCounters = new Counters();
    private long clientsOpened;
    private long clientsExpired;
    private long refused;
    private long startNanos;
    private long loopNow;
    private volatile boolean stopRequested;
    private volatile Thread loopThread;

    private UdpRelay(RelayConfig config, RelayPath up, RelayPath down, Selector selector, DatagramChannel listen)
            throws IOException {
        this.config = config;
        this.up = up;
        this.down = down;
        this.selector = selector;
        this.listen = listen;
        this.localAddress = (InetSocketAddress) listen.getLocalAddress();
        this.slots = new Client[config.maxClients()];
        this.freeSlots = new int[config.maxClients()];
        for (int i = config.maxClients() - 1; i >= 0; i--) {
            freeSlots[freeCount++] = i;
            slots[i] = new Client(i);
        }
        listen.register(selector, SelectionKey.OP_READ, null);
    }

    /**
     * Binds the listen socket (only there) and returns a relay ready to {@link #run}.
     *
     * @throws java.net.BindException when the listen address is taken or not local
     */
    public static UdpRelay open(RelayConfig config, RelayPath up, RelayPath down) throws IOException {
        if (config == null || up == null || down == null) {
            throw new IllegalArgumentException("config, up and down must not be null");
        }
        Selector selector = Selector.open();
        DatagramChannel listen = null;
        try {
            listen = DatagramChannel.open(family(config.listen()));
            buffers(listen, config.socketBufferBytes());
            listen.bind(config.listen());
            listen.configureBlocking(false);
            return new UdpRelay(config, up, down, selector, listen);
        } catch (IOException | RuntimeException e) {
            if (listen != null) {
                listen.close();
            }
            selector.close();
            throw e;
        }
    }

    /** The address clients send to (with the actual port when the configured one was 0). */
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    public RelayConfig config() {
        return config;
    }

    /**
     * Runs the relay on the calling thread until {@link #stop()} or until {@code durationMillis} elapsed (0 = no
     * limit); every {@code statsIntervalMillis} (when set) hands a snapshot to {@code periodic} on this thread.
     * Returns the final counters. Datagrams still held by a path at the end are discarded (counted in flight).
     */
    public RelayStats run(long durationMillis, Consumer<RelayStats> periodic) throws IOException {
        if (durationMillis < 0) {
            throw new IllegalArgumentException("durationMillis must be >= 0, got " + durationMillis);
        }
        loopThread = Thread.currentThread();
        startNanos = System.nanoTime();
        long deadline = durationMillis == 0 ? Long.MAX_VALUE : durationMillis * 1000;
        long statsEvery = config.statsIntervalMillis() * 1000;
        long nextStats = statsEvery == 0 || periodic == null ? Long.MAX_VALUE : statsEvery;
        long expiryEvery = Math.min(EXPIRY_CHECK_MICROS, config.idleTimeoutMillis() * 1000);
        long nextExpiry = expiryEvery;
        try {
            while (!stopRequested) {
                long now = nowMicros();
                if (now >= deadline) {
                    break;
                }
                loopNow = now;
                up.advanceTo(now, upSink);
                down.advanceTo(now, downSink);
                if (now >= nextExpiry) {
                    expireIdle(now);
                    nextExpiry = now + expiryEvery;
                }
                if (now >= nextStats) {
                    periodic.accept(stats());
                    while (nextStats <= now) {
                        nextStats += statsEvery;
                    }
                }
                long next = Math.min(Math.min(up.nextDueMicros(), down.nextDueMicros()),
                        Math.min(deadline, Math.min(nextStats, nextExpiry)));
                long wait = Math.min(next - nowMicros(), MAX_SLEEP_MICROS);
                int ready;
                if (wait >= 1000) {
                    ready = selector.select(wait / 1000);
                } else {
                    ready = selector.selectNow();
                    if (ready == 0 && wait > 0) {
                        LockSupport.parkNanos(wait * 1000);
                    }
                }
                if (ready > 0) {
                    handleReady();
                }
            }
        } catch (ClosedSelectorException e) {
            // closed from another thread: stop
        } finally {
            loopThread = null;
        }
        return stats();
    }

    /** Asks {@link #run} to return soon; safe from any thread (a shutdown hook, a test). */
    public void stop() {
        stopRequested = true;
        selector.wakeup();
        Thread t = loopThread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /** Counters now; call on the relay's thread (the periodic callback) or after {@link #run} returned. */
    public RelayStats stats() {
        long elapsed = startNanos == 0 ? 0 : nowMicros();
        return new RelayStats(elapsed, byAddress.size(), clientsOpened, clientsExpired, refused,
                upCounters.snapshot(up.stats()), downCounters.snapshot(down.stats()));
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (Client c : slots) {
            if (c.channel != null) {
                try {
                    c.channel.close();
                } catch (IOException e) {
                    first = first == null ? e : first;
                }
                c.channel = null;
            }
        }
        byAddress.clear();
        try {
            listen.close();
        } catch (IOException e) {
            first = first == null ? e : first;
        }
        selector.close();
        if (first != null) {
            throw first;
        }
    }

    private long nowMicros() {
        return (System.nanoTime() - startNanos) / 1000;
    }

    private void handleReady() {
        Iterator<SelectionKey> it = selector.selectedKeys().iterator();
        while (it.hasNext()) {
            SelectionKey key = it.next();
            it.remove();
            if (!key.isValid()) {
                continue;
            }
            Object attachment = key.attachment();
            if (attachment == null) {
                readClients();
            } else {
                readTarget((Client) attachment);
            }
        }
    }

    /** Datagrams from clients: through the up path towards the target. */
    private void readClients() {
        for (int i = 0; i < BURST; i++) {
            rx.clear();
            SocketAddress from;
            try {
                from = listen.receive(rx);
            } catch (IOException e) {
                upCounters.receiveErrors++;
                return;
            }
            if (from == null) {
                return;
            }
            int len = rx.position();
            long now = nowMicros();
            upCounters.received++;
            upCounters.receivedBytes += len;
            if (len > MAX_PAYLOAD) {
                upCounters.receiveErrors++; // only IPv6 can carry it; the link model cannot
                continue;
            }
            Client c = byAddress.get(from);
            if (c == null) {
                c = admit((InetSocketAddress) from, now);
                if (c == null) {
                    refused++;
                    continue;
                }
            }
            c.lastActive = now;
            loopNow = now;
            up.offer(c.tag(), rxArray, 0, len, now, upSink);
        }
    }

    /** Replies from the target to one client: through the down path back to that client. */
    private void readTarget(Client c) {
        for (int i = 0; i < BURST && c.channel != null; i++) {
            rx.clear();
            SocketAddress from;
            try {
                from = c.channel.receive(rx);
            } catch (IOException e) {
                // ICMP port unreachable (nobody listens at the target yet) and the like
                downCounters.receiveErrors++;
                return;
            }
            if (from == null) {
                return;
            }
            int len = rx.position();
            long now = nowMicros();
            downCounters.received++;
            downCounters.receivedBytes += len;
            if (len > MAX_PAYLOAD) {
                downCounters.receiveErrors++;
                continue;
            }
            c.lastActive = now;
            loopNow = now;
            down.offer(c.tag(), rxArray, 0, len, now, downSink);
        }
    }

    private Client admit(InetSocketAddress from, long now) {
        if (freeCount == 0) {
            expireIdle(now);
            if (freeCount == 0) {
                return null;
            }
        }
        DatagramChannel ch = null;
        try {
            ch = DatagramChannel.open(family(config.target()));
            buffers(ch, config.socketBufferBytes());
            ch.configureBlocking(false);
            ch.connect(config.target());
            Client c = slots[freeSlots[freeCount - 1]];
            ch.register(selector, SelectionKey.OP_READ, c);
            freeCount--; // taken only once nothing can fail any more
            c.channel = ch;
            c.address = from;
            c.lastActive = now;
            byAddress.put(from, c);
            clientsOpened++;
            return c;
        } catch (IOException e) {
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // already failing
                }
            }
            return null;
        }
    }

    private void expireIdle(long now) {
        long idle = config.idleTimeoutMillis() * 1000;
        for (Client c : slots) {
            if (c.channel != null && now - c.lastActive >= idle) {
                forget(c);
                clientsExpired++;
            }
        }
    }

    private void forget(Client c) {
        byAddress.remove(c.address);
        try {
            c.channel.close(); // also cancels its key
        } catch (IOException ignored) {
            // closing a UDP socket does not fail in a way that matters here
        }
        c.channel = null;
        c.address = null;
        c.generation++;
        freeSlots[freeCount++] = c.slot;
    }

    private Client client(long tag) {
        int slot = (int) (tag >>> 32);
        if (slot < 0 || slot >= slots.length) {
            return null;
        }
        Client c = slots[slot];
        return c.channel != null && c.generation == (int) tag ? c : null;
    }

    private void deliverUp(long tag, byte[] buf, int off, int len, long sentMicros, long dueMicros) {
        upCounters.late(loopNow - dueMicros);
        Client c = client(tag);
        if (c == null) {
            upCounters.orphaned++;
            return;
        }
        tx.clear();
        tx.put(buf, off, len).flip();
        try {
            if (c.channel.write(tx) == len) {
                upCounters.forwarded++;
                upCounters.forwardedBytes += len;
                return;
            }
        } catch (IOException e) {
            // ICMP unreachable reported on the connected socket, or the like
        }
        upCounters.sendFailed++;
    }

    private void deliverDown(long tag, byte[] buf, int off, int len, long sentMicros, long dueMicros) {
        downCounters.late(loopNow - dueMicros);
        Client c = client(tag);
        if (c == null) {
            downCounters.orphaned++;
            return;
        }
        tx.clear();
        tx.put(buf, off, len).flip();
        try {
            if (listen.send(tx, c.address) == len) {
                downCounters.forwarded++;
                downCounters.forwardedBytes += len;
                return;
            }
        } catch (IOException e) {
            // the client's host is unreachable or the like
        }
        downCounters.sendFailed++;
    }

    private static ProtocolFamily family(InetSocketAddress a) {
        return a.getAddress() instanceof Inet4Address ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6;
    }

    private static void buffers(DatagramChannel ch, int bytes) {
        if (bytes <= 0) {
            return;
        }
        try {
            ch.setOption(StandardSocketOptions.SO_RCVBUF, bytes);
            ch.setOption(StandardSocketOptions.SO_SNDBUF, bytes);
        } catch (IOException | UnsupportedOperationException e) {
            // the system default then; the kernel caps the value at net.core.[rw]mem_max anyway
        }
    }

    /** One client address: its slot, the generation that tags its datagrams, its upstream socket. */
    private static final class Client {
        final int slot;
        int generation;
        InetSocketAddress address;
        DatagramChannel channel;
        long lastActive;

        Client(int slot) {
            this.slot = slot;
        }

        long tag() {
            return ((long) slot << 32) | (generation & 0xFFFFFFFFL);
        }
    }

    private static final class Counters {
        long received;
        long receivedBytes;
        long forwarded;
        long forwardedBytes;
        long sendFailed;
        long orphaned;
        long receiveErrors;
        long lateCount;
        long lateSum;
        long lateMax;

        void late(long micros) {
            long v = Math.max(0, micros);
            lateCount++;
            lateSum += v;
            lateMax = Math.max(lateMax, v);
        }

        RelayStats.Direction snapshot(PathStats path) {
            return new RelayStats.Direction(received, receivedBytes, forwarded, forwardedBytes, sendFailed, orphaned,
                    receiveErrors, lateCount == 0 ? 0 : lateSum / lateCount, lateMax, path);
        }
    }
}
