package io.kcplab.transport.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The relay's socket loop on 127.0.0.1 with simple paths (the simulator's links are tested through it in the
 * scenarios module): order, routing of replies to the right client, one upstream socket per client, idle expiry,
 * the client limit, counters that add up, delays honoured.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@SuppressWarnings("try") // resources held open for a block without being read; closers that wait for threads
class UdpRelayTest {

    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final List<AutoCloseable> closeLater = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = closeLater.size() - 1; i >= 0; i--) {
            closeLater.get(i).close();
        }
    }

    /** A UDP echo server: sends every datagram back to its sender; remembers who sent what. */
    static final class Echo implements AutoCloseable {
        final DatagramSocket socket;
        final Thread thread;
        final ConcurrentLinkedQueue<InetSocketAddress> sources = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<long[]> arrivals = new ConcurrentLinkedQueue<>(); // {seq, nanoTime}
        volatile boolean running = true;

        Echo() throws IOException {
            socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
            socket.setReceiveBufferSize(4 << 20);
            socket.setSoTimeout(50);
            thread = new Thread(this::loop, "echo");
            thread.setDaemon(true);
            thread.start();
        }

        InetSocketAddress address() {
            return (InetSocketAddress) socket.getLocalSocketAddress();
        }

        private void loop() {
            byte[] buf = new byte[2048];
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            while (running) {
                try {
                    p.setLength(buf.length);
                    socket.receive(p);
                    long now = System.nanoTime();
                    sources.add((InetSocketAddress) p.getSocketAddress());
                    if (p.getLength() >= 8) {
                        arrivals.add(new long[] {ByteBuffer.wrap(buf, 0, 8).getLong(), now});
                    }
                    socket.send(p);
                } catch (SocketTimeoutException e) {
                    // poll running
                } catch (IOException e) {
                    return;
                }
            }
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join(2000);
            socket.close();
        }
    }

    /** A client socket with a receive timeout. */
    static DatagramSocket client() throws IOException {
        DatagramSocket s = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
        s.setReceiveBufferSize(4 << 20);
        s.setSoTimeout(2000);
        return s;
    }

    static void send(DatagramSocket s, InetSocketAddress to, long seq, int size) throws IOException {
        byte[] b = new byte[size];
        ByteBuffer.wrap(b).putLong(seq);
        s.send(new DatagramPacket(b, size, to));
    }

    static long receiveSeq(DatagramSocket s) throws IOException {
        byte[] b = new byte[2048];
        DatagramPacket p = new DatagramPacket(b, b.length);
        s.receive(p);
        return ByteBuffer.wrap(b).getLong();
    }

    /** A relay running on its own thread; {@link #finish()} stops it and returns its final counters. */
    final class Running implements AutoCloseable {
        final UdpRelay relay;
        final Thread thread;
        volatile RelayStats last;
        volatile Throwable failure;

        Running(RelayConfig config, RelayPath up, RelayPath down) throws IOException {
            relay = UdpRelay.open(config, up, down);
            thread = new Thread(() -> {
                try {
                    last = relay.run(0, null);
                } catch (Throwable t) {
                    failure = t;
                }
            }, "relay");
            thread.start();
            closeLater.add(this);
        }

        InetSocketAddress address() {
            return relay.localAddress();
        }

        RelayStats finish() throws Exception {
            relay.stop();
            thread.join(5000);
            assertTrue(!thread.isAlive(), "relay thread stopped");
            if (failure != null) {
                throw new AssertionError("relay failed", failure);
            }
            return last;
        }

        @Override
        public void close() throws Exception {
            relay.stop();
            thread.join(5000);
            relay.close();
        }
    }

    private Echo echo() throws IOException {
        Echo e = new Echo();
        closeLater.add(e);
        return e;
    }

    private DatagramSocket clientSocket() throws IOException {
        DatagramSocket s = client();
        closeLater.add(s);
        return s;
    }

    private static RelayConfig config(Echo target) {
        return RelayConfig.of(new InetSocketAddress(LOOPBACK, 0), target.address());
    }

    /** Fixed delay, seeded random loss; copies datagrams into a FIFO (delivery order = offer order). */
    static final class DelayLossPath implements RelayPath {
        final long delayMicros;
        final double loss;
        final SplittableRandom random;
        final ArrayDeque<Object[]> held = new ArrayDeque<>();
        long offered;
        long delivered;
        long lost;

        DelayLossPath(long delayMicros, double loss, long seed) {
            this.delayMicros = delayMicros;
            this.loss = loss;
            this.random = new SplittableRandom(seed);
        }

        @Override
        public void offer(long tag, byte[] buf, int off, int len, long nowMicros, Delivery sink) {
            advanceTo(nowMicros, sink);
            offered++;
            if (random.nextDouble() < loss) {
                lost++;
                return;
            }
            byte[] copy = java.util.Arrays.copyOfRange(buf, off, off + len);
            held.add(new Object[] {tag, copy, nowMicros});
            if (delayMicros == 0) {
                advanceTo(nowMicros, sink);
            }
        }

        @Override
        public void advanceTo(long nowMicros, Delivery sink) {
            while (!held.isEmpty() && (long) held.peek()[2] + delayMicros <= nowMicros) {
                Object[] h = held.poll();
                byte[] b = (byte[]) h[1];
                delivered++;
                sink.deliver((long) h[0], b, 0, b.length, (long) h[2], (long) h[2] + delayMicros);
            }
        }

        @Override
        public long nextDueMicros() {
            return held.isEmpty() ? Long.MAX_VALUE : (long) held.peek()[2] + delayMicros;
        }

        @Override
        public PathStats stats() {
            return new PathStats(offered, delivered, lost, 0, 0, 0, 0, 0, 0, 0, 0, 0, held.size(), "test");
        }
    }

    @Test
    void forwardsInOrderAndRoutesRepliesBack() throws Exception {
        Echo target = echo();
        Running r = new Running(config(target), RelayPath.direct(), RelayPath.direct());
        DatagramSocket c = clientSocket();
        for (int i = 0; i < 500; i++) {
            send(c, r.address(), i, 100);
            assertEquals(i, receiveSeq(c), "echo of datagram " + i + " through the relay");
        }
        RelayStats s = r.finish();
        assertEquals(500, s.up().received());
        assertEquals(500, s.up().forwarded());
        assertEquals(500, s.down().forwarded());
        assertEquals(1, s.clientsOpened());
        assertEquals(50_000, s.up().forwardedBytes());
        List<Long> order = new ArrayList<>();
        for (long[] a : target.arrivals) {
            order.add(a[0]);
        }
        for (int i = 0; i < order.size(); i++) {
            assertEquals(i, order.get(i));
        }
        assertTrue(s.format("relay").contains("forwarded 500"), s.format("relay"));
    }

    @Test
    void eachClientGetsItsOwnUpstreamSocketAndOnlyItsOwnReplies() throws Exception {
        Echo target = echo();
        Running r = new Running(config(target), RelayPath.direct(), new DelayLossPath(2_000, 0, 1));
        DatagramSocket[] clients = new DatagramSocket[4];
        for (int k = 0; k < clients.length; k++) {
            clients[k] = clientSocket();
        }
        int rounds = 50;
        for (int i = 0; i < rounds; i++) {
            for (int k = 0; k < clients.length; k++) {
                send(clients[k], r.address(), k * 1_000_000L + i, 64);
            }
            for (int k = 0; k < clients.length; k++) {
                assertEquals(k * 1_000_000L + i, receiveSeq(clients[k]), "client " + k + " gets its own reply");
            }
        }
        Set<InetSocketAddress> seen = new HashSet<>(target.sources);
        assertEquals(clients.length, seen.size(), "the target sees one address per client: " + seen);
        for (InetSocketAddress a : seen) {
            assertNotEquals(r.address().getPort(), a.getPort(), "not the listen socket");
        }
        RelayStats s = r.finish();
        assertEquals(clients.length, s.clientsActive());
        assertEquals(rounds * clients.length, s.down().forwarded());
        assertEquals(rounds * clients.length, s.down().path().offered());
    }

    @Test
    void lossCountersAddUp() throws Exception {
        Echo target = echo();
        DelayLossPath up = new DelayLossPath(20_000, 0.3, 7);
        Running r = new Running(config(target), up, RelayPath.direct());
        DatagramSocket c = clientSocket();
        int n = 2_000;
        for (int i = 0; i < n; i++) {
            send(c, r.address(), i, 100);
            if (i % 20 == 19) {
                Thread.sleep(1);
            }
        }
        Thread.sleep(300); // the last ones are 20 ms away; replies drain
        RelayStats s = r.finish();
        assertEquals(n, s.up().received());
        assertEquals(n, s.up().path().offered());
        assertTrue(s.up().path().conserved());
        assertEquals(0, s.up().path().inFlight());
        assertEquals(s.up().path().delivered(), s.up().forwarded() + s.up().sendFailed() + s.up().orphaned());
        double lossRate = (double) s.up().path().lost() / n;
        assertTrue(Math.abs(lossRate - 0.3) < 0.04, "loss " + lossRate);
        assertEquals(s.up().forwarded(), target.arrivals.size(), "every forwarded datagram reached the target");
        assertEquals(s.up().forwarded(), s.down().received(), "and was answered");
    }

    @Test
    void delayIsHonoured() throws Exception {
        Echo target = echo();
        long delay = 20_000;
        Running r = new Running(config(target), new DelayLossPath(delay, 0, 1), RelayPath.direct());
        DatagramSocket c = clientSocket();
        int n = 100;
        long[] sentAt = new long[n];
        for (int i = 0; i < n; i++) {
            sentAt[i] = System.nanoTime();
            send(c, r.address(), i, 100);
            Thread.sleep(4);
        }
        for (int i = 0; i < n; i++) {
            receiveSeq(c);
        }
        r.finish();
        long[] delays = target.arrivals.stream().mapToLong(a -> (a[1] - sentAt[(int) a[0]]) / 1000).sorted()
                .toArray();
        assertEquals(n, delays.length);
        long median = delays[delays.length / 2];
        assertTrue(delays[0] >= delay - 1_000, "never early: " + delays[0] + " µs");
        // generous: a loaded 2-core machine may run the relay thread late by several milliseconds
        assertTrue(median >= delay && median < delay + 15_000, "median one-way delay " + median + " µs");
    }

    @Test
    void idleClientsExpireAndTheLimitRefusesNewOnes() throws Exception {
        Echo target = echo();
        RelayConfig cfg = config(target).withMaxClients(2).withIdleTimeoutMillis(300);
        Running r = new Running(cfg, RelayPath.direct(), RelayPath.direct());
        DatagramSocket a = clientSocket();
        DatagramSocket b = clientSocket();
        DatagramSocket c = clientSocket();
        send(a, r.address(), 1, 16);
        assertEquals(1, receiveSeq(a));
        send(b, r.address(), 2, 16);
        assertEquals(2, receiveSeq(b));
        c.setSoTimeout(200);
        send(c, r.address(), 3, 16);
        assertThrows(SocketTimeoutException.class, () -> receiveSeq(c), "a third client is refused");
        InetSocketAddress firstUpstreamOfA = target.sources.peek();
        Thread.sleep(1_500); // a and b go idle and expire
        c.setSoTimeout(2000);
        send(c, r.address(), 4, 16);
        assertEquals(4, receiveSeq(c), "room again after the idle ones expired");
        send(a, r.address(), 5, 16);
        assertEquals(5, receiveSeq(a));
        InetSocketAddress laterUpstreamOfA = null;
        for (InetSocketAddress x : target.sources) {
            laterUpstreamOfA = x;
        }
        assertNotEquals(firstUpstreamOfA, laterUpstreamOfA, "a new upstream socket for a returning client");
        RelayStats s = r.finish();
        assertEquals(1, s.refused());
        assertEquals(2, s.clientsExpired());
        assertEquals(4, s.clientsOpened());
        assertEquals(2, s.clientsActive());
    }

    @Test
    void bindingATakenAddressFailsWithBindException() throws Exception {
        Echo target = echo();
        DatagramSocket taken = clientSocket();
        RelayConfig cfg = RelayConfig.of((InetSocketAddress) taken.getLocalSocketAddress(), target.address());
        assertThrows(BindException.class, () -> UdpRelay.open(cfg, RelayPath.direct(), RelayPath.direct()));
        assertThrows(IllegalArgumentException.class, () -> config(target).withMaxClients(0));
    }

    @Test
    void durationStopsTheLoopByItself() throws Exception {
        Echo target = echo();
        try (UdpRelay relay = UdpRelay.open(config(target).withStatsIntervalMillis(50), RelayPath.direct(),
                RelayPath.direct())) {
            List<RelayStats> periodic = new ArrayList<>();
            long t0 = System.nanoTime();
            RelayStats s = relay.run(300, periodic::add);
            long took = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(took >= 290 && took < 3_000, "ran " + took + " ms");
            assertTrue(periodic.size() >= 3 && periodic.size() <= 7, "periodic stats: " + periodic.size());
            assertTrue(s.elapsedMicros() >= 300_000);
        }
    }
}
