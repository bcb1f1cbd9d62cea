package io.kcplab.scenarios.cli;

import io.kcplab.scenarios.live.LiveRelayPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kcplab.sim.live.LiveLink;
import io.kcplab.sim.net.LinkProfile;
import io.kcplab.transport.relay.RelayConfig;
import io.kcplab.transport.relay.RelayStats;
import io.kcplab.transport.relay.UdpRelay;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code kcplab relay} end to end on 127.0.0.1: the simulator's links applied to real datagrams. Loss decisions of
 * a loss-only link depend only on the order of datagrams, so the relay must drop exactly the datagrams the
 * simulated link drops under the same seed; delays are checked against the wall clock with a tolerance for a
 * loaded machine.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@SuppressWarnings("try") // resources held open for a block without being read; closers that wait for threads
class RelayCommandTest {

    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");

    private final List<AutoCloseable> closeLater = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = closeLater.size() - 1; i >= 0; i--) {
            closeLater.get(i).close();
        }
    }

    /** A UDP echo target recording the sequence numbers it got and when. */
    static final class Echo implements AutoCloseable {
        final DatagramSocket socket;
        final Thread thread;
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

        int port() {
            return socket.getLocalPort();
        }

        private void loop() {
            byte[] buf = new byte[2048];
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            while (running) {
                try {
                    p.setLength(buf.length);
                    socket.receive(p);
                    long now = System.nanoTime();
                    if (p.getLength() >= 8) {
                        arrivals.add(new long[] {ByteBuffer.wrap(buf, 0, 8).getLong(), now});
                    }
                    socket.send(p);
                } catch (SocketTimeoutException e) {
                    // check running
                } catch (IOException e) {
                    return;
                }
            }
        }

        long[] sequences() {
            return arrivals.stream().mapToLong(a -> a[0]).toArray();
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join(2000);
            socket.close();
        }
    }

    private Echo echo() throws IOException {
        Echo e = new Echo();
        closeLater.add(e);
        return e;
    }

    private DatagramSocket client() throws IOException {
        DatagramSocket s = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
        s.setReceiveBufferSize(4 << 20);
        s.setSoTimeout(3000);
        closeLater.add(s);
        return s;
    }

    /** Sends seq 0..n-1 (8-byte header, {@code size} bytes), paced at about 20 datagrams per millisecond. */
    private static long[] sendPaced(DatagramSocket s, InetSocketAddress to, int n, int size) throws Exception {
        long[] sentAt = new long[n];
        byte[] b = new byte[size];
        DatagramPacket p = new DatagramPacket(b, size, to);
        for (int i = 0; i < n; i++) {
            ByteBuffer.wrap(b).putLong(0, i);
            sentAt[i] = System.nanoTime();
            s.send(p);
            if (i % 20 == 19) {
                Thread.sleep(1);
            }
        }
        return sentAt;
    }

    /** The command running on a thread, its output visible while it runs. */
    final class Cli implements AutoCloseable {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final Thread thread;
        volatile int code = -1;

        Cli(String... args) {
            CommandLine cl = KcpLabCommand.commandLine();
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            thread = new Thread(() -> code = cl.execute(args), "kcplab-relay-test");
            thread.start();
            closeLater.add(this);
        }

        InetSocketAddress relayAddress() throws InterruptedException {
            for (int i = 0; i < 200; i++) {
                Matcher m = LISTENING.matcher(out.toString());
                if (m.find()) {
                    return new InetSocketAddress(LOOPBACK, Integer.parseInt(m.group(1)));
                }
                assertTrue(thread.isAlive(), "relay exited early: " + out + err);
                Thread.sleep(25);
            }
            throw new AssertionError("relay did not start: " + out + err);
        }

        int awaitExit() throws InterruptedException {
            thread.join(20_000);
            assertFalse(thread.isAlive(), "relay stopped by itself (--duration)");
            return code;
        }

        @Override
        public void close() throws InterruptedException {
            thread.join(20_000);
        }
    }

    static final class Result {
        final int code;
        final String out;
        final String err;

        Result(int code, String out, String err) {
            this.code = code;
            this.out = out;
            this.err = err;
        }
    }

    static Result kcplab(String... args) {
        CommandLine cl = KcpLabCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void aPerfectLinkForwardsEverythingInOrderAndRepliesComeBack() throws Exception {
        Echo target = echo();
        Cli cli = new Cli("relay", "--listen", "127.0.0.1:0", "--to", "127.0.0.1:" + target.port(), "--link",
                "loss: 0%", "--duration", "2500ms", "--stats-interval", "1s");
        InetSocketAddress relay = cli.relayAddress();
        DatagramSocket c = client();
        int n = 1_000;
        sendPaced(c, relay, n, 100);
        long[] echoed = new long[n];
        byte[] b = new byte[2048];
        for (int i = 0; i < n; i++) {
            DatagramPacket p = new DatagramPacket(b, b.length);
            c.receive(p);
            echoed[i] = ByteBuffer.wrap(b).getLong();
        }
        long[] expected = new long[n];
        Arrays.setAll(expected, i -> i);
        assertTrue(Arrays.equals(expected, target.sequences()), "the target got all, in order");
        assertTrue(Arrays.equals(expected, echoed), "the client got every reply, in order");
        assertEquals(0, cli.awaitExit(), cli.err.toString());
        String out = cli.out.toString();
        assertTrue(out.contains(", final after"), out);
        String fin = out.substring(out.indexOf(", final after"));
        assertTrue(fin.contains("up   [loss: 0%] received 1000 (100000 B), forwarded 1000 (100000 B); dropped 0"),
                fin);
        assertTrue(fin.contains("down [loss: 0%] received 1000 (100000 B), forwarded 1000"), fin);
        assertTrue(out.indexOf("after 1.") < out.indexOf(", final after"), "a periodic report before the end: "
                + out);
    }

    @Test
    void thirtyPercentLossDropsExactlyWhatTheSimulatedLinkDrops() throws Exception {
        Echo target = echo();
        LinkProfile lossy = LinkProfile.builder().loss(0.30).build();
        long seed = 20;
        LiveRelayPath up = new LiveRelayPath(new LiveLink(RelayCommand.UP_NAME, lossy, null, seed),
                "loss: 30%");
        LiveRelayPath down = new LiveRelayPath(
                new LiveLink(RelayCommand.DOWN_NAME, LinkProfile.PERFECT, null, seed), "perfect");
        UdpRelay relay = UdpRelay.open(RelayConfig.of(new InetSocketAddress(LOOPBACK, 0),
                new InetSocketAddress(LOOPBACK, target.port())), up, down);
        closeLater.add(relay);
        RelayStats[] last = new RelayStats[1];
        Thread loop = new Thread(() -> {
            try {
                last[0] = relay.run(0, null);
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        }, "relay");
        loop.start();
        DatagramSocket c = client();
        int n = 5_000;
        sendPaced(c, relay.localAddress(), n, 64);
        Thread.sleep(300);
        relay.stop();
        loop.join(5_000);
        RelayStats s = last[0];

        // the same link, simulated offline with the same seed: the same datagrams survive
        LiveLink offline = new LiveLink(RelayCommand.UP_NAME, lossy, null, seed);
        BitSet survivors = new BitSet();
        byte[] b = new byte[64];
        for (int i = 0; i < n; i++) {
            ByteBuffer.wrap(b).putLong(0, i);
            offline.offer(0, b, 0, b.length, i, (tag, buf, off, len, sent, due) ->
                    survivors.set((int) ByteBuffer.wrap(buf, off, len).getLong()));
        }
        offline.advanceTo(n, (tag, buf, off, len, sent, due) ->
                survivors.set((int) ByteBuffer.wrap(buf, off, len).getLong()));
        BitSet got = new BitSet();
        for (long seq : target.sequences()) {
            got.set((int) seq);
        }

        assertEquals(n, s.up().received(), s.format("relay"));
        assertEquals(n, s.up().path().offered());
        long lost = s.up().path().lost();
        assertEquals(n, s.up().forwarded() + lost + s.up().sendFailed() + s.up().orphaned()
                + s.up().path().inFlight(), "forwarded + dropped = offered: " + s.format("relay"));
        assertTrue(s.up().path().conserved());
        double rate = (double) lost / n;
        assertTrue(Math.abs(rate - 0.30) < 0.03, "measured loss " + rate);
        assertEquals(n - offline.counters().delivered(), lost, "as many losses as the simulated link");
        assertEquals(survivors, got, "the very datagrams the simulated link lets through reached the target");
        assertEquals(got.cardinality(), s.down().received(), "every survivor was answered");
        assertEquals(s.down().received(), s.down().forwarded());
        assertTrue(s.up().path().burstLost() > 0 && s.up().path().longestBurst() >= 2, s.format("relay"));
        System.out.printf("relay loss check: %d of %d dropped (%.2f%%), simulated link: %d; %s%n", lost, n,
                100.0 * lost / n, n - offline.counters().delivered(), s.format("relay"));
    }

    @Test
    void delaysPerDirectionAreApplied() throws Exception {
        Echo target = echo();
        Cli cli = new Cli("relay", "--listen", "127.0.0.1:0", "--to", "127.0.0.1:" + target.port(), "--up",
                "delay: 30ms", "--down", "{delay: 20ms}", "--duration", "4s");
        InetSocketAddress relay = cli.relayAddress();
        DatagramSocket c = client();
        int n = 200;
        long[] rtt = new long[n];
        long[] sentAt = new long[n];
        byte[] b = new byte[64];
        byte[] r = new byte[2048];
        for (int i = 0; i < n; i++) { // 200 datagrams over ~1 s, replies collected as they come
            ByteBuffer.wrap(b).putLong(0, i);
            sentAt[i] = System.nanoTime();
            c.send(new DatagramPacket(b, b.length, relay));
            Thread.sleep(5);
        }
        for (int i = 0; i < n; i++) {
            DatagramPacket p = new DatagramPacket(r, r.length);
            c.receive(p);
            int seq = (int) ByteBuffer.wrap(r).getLong();
            rtt[seq] = (System.nanoTime() - sentAt[seq]) / 1000;
        }
        long[] oneWay = target.arrivals.stream().filter(a -> a[0] < n)
                .mapToLong(a -> (a[1] - sentAt[(int) a[0]]) / 1000).sorted().toArray();
        assertEquals(n, oneWay.length);
        long upMedian = oneWay[n / 2];
        assertTrue(oneWay[0] >= 29_000, "never early: " + oneWay[0] + " µs");
        // generous bounds: on a loaded 2-core machine the relay thread may run several milliseconds late
        assertTrue(upMedian >= 30_000 && upMedian < 45_000, "median one-way delay up " + upMedian + " µs");
        // round trips, one at a time: 30 ms up + 20 ms down
        long[] pings = new long[20];
        for (int k = 0; k < pings.length; k++) {
            ByteBuffer.wrap(b).putLong(0, 1_000 + k);
            long t0 = System.nanoTime();
            c.send(new DatagramPacket(b, b.length, relay));
            DatagramPacket p = new DatagramPacket(r, r.length);
            c.receive(p);
            assertEquals(1_000 + k, ByteBuffer.wrap(r).getLong());
            pings[k] = (System.nanoTime() - t0) / 1000;
        }
        Arrays.sort(pings);
        assertTrue(pings[0] >= 49_000, "never early: RTT " + pings[0] + " µs");
        assertTrue(pings[pings.length / 2] >= 50_000 && pings[pings.length / 2] < 70_000,
                "median RTT " + pings[pings.length / 2] + " µs");
        assertEquals(0, cli.awaitExit(), cli.err.toString());
        String out = cli.out.toString();
        assertTrue(out.contains("up: delay: 30ms; down: {delay: 20ms}"), out);
        Matcher late = Pattern.compile("up   .*late mean ([0-9.]+) ms").matcher(out);
        assertTrue(late.find(), out);
        System.out.printf("relay delay check: one-way up (30 ms) min %.2f ms, median %.2f ms, p90 %.2f ms; "
                + "RTT (50 ms) min %.2f ms, median %.2f ms, max %.2f ms; %s%n", oneWay[0] / 1e3, upMedian / 1e3,
                oneWay[n * 9 / 10] / 1e3, pings[0] / 1e3, pings[pings.length / 2] / 1e3,
                pings[pings.length - 1] / 1e3, out.substring(out.indexOf("final")));
    }

    @Test
    void aLinksFileWithBothDirectionsIsAccepted(@TempDir Path tmp) throws Exception {
        Echo target = echo();
        Path file = tmp.resolve("links.yaml");
        Files.writeString(file, "up: lte\ndown: {profile: lte, loss: 5%}\n");
        Result r = kcplab("relay", "--listen", "127.0.0.1:0", "--to", "127.0.0.1:" + target.port(), "--link",
                file.toString(), "--duration", "100ms");
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.contains("up: lte; down: {profile: lte, loss: 5%}"), r.out);
        Path one = tmp.resolve("one.yml");
        Files.writeString(one, "profile: handover\nloss: 1%\n");
        Result h = kcplab("relay", "--listen", "127.0.0.1:0", "--to", "127.0.0.1:" + target.port(), "--up",
                one.toString(), "--duration", "50ms");
        assertEquals(0, h.code, h.err);
    }

    @Test
    void badInputExitsWithTwoAndOneLine() throws Exception {
        DatagramSocket taken = client();
        String to = "127.0.0.1:9";
        String[][] cases = {
            {"--listen", "127.0.0.1:0", "--to", to, "--link", "nosuch"},
            {"--listen", "127.0.0.1:0", "--to", to, "--link", "loss: 150%"},
            {"--listen", "127.0.0.1:0", "--to", to, "--up", "{delay: fast}"},
            {"--listen", "127.0.0.1:0", "--to", to, "--down", "missing.yaml"},
            {"--listen", "127.0.0.1:0", "--to", to, "--link", "{loss: [unclosed"},
            {"--listen", "127.0.0.1:0", "--to", to, "--link", "{loss:5%}"},
            {"--listen", "127.0.0.1:0", "--to", to, "--link", "loss:"},
            {"--listen", "127.0.0.1:0", "--to", to, "--link", "{up: lte}"},
            {"--listen", "127.0.0.1:0", "--to", "127.0.0.1"},
            {"--listen", "127.0.0.1:0", "--to", "127.0.0.1:70000"},
            {"--listen", "127.0.0.1:0", "--to", "127.0.0.1:0"},
            {"--listen", "127.0.0.1:x", "--to", to},
            {"--listen", "no.such.host.invalid:7000", "--to", to},
            {"--listen", "127.0.0.1:" + taken.getLocalPort(), "--to", to},
            {"--listen", "127.0.0.1:0", "--to", to, "--duration", "soon"},
            {"--listen", "127.0.0.1:0", "--to", to, "--max-clients", "0"},
        };
        for (String[] c : cases) {
            String[] args = new String[c.length + 1];
            args[0] = "relay";
            System.arraycopy(c, 0, args, 1, c.length);
            Result r = kcplab(args);
            String what = String.join(" ", args) + " -> " + r.err;
            assertEquals(2, r.code, what);
            String err = r.err.strip();
            assertFalse(err.contains("\n"), "one line: " + what);
            assertTrue(err.startsWith("kcplab: --"), "names the option: " + what);
            assertFalse(err.contains("Exception") || err.contains("\tat "), "no stack trace: " + what);
        }
        Result unknown = kcplab("relay", "--listen", "127.0.0.1:0", "--to", to, "--link", "nosuch");
        assertTrue(unknown.err.contains("unknown link profile 'nosuch'") && unknown.err.contains("lte"),
                unknown.err);
        Result bind = kcplab("relay", "--listen", "127.0.0.1:" + taken.getLocalPort(), "--to", to);
        assertTrue(bind.err.contains("cannot bind"), bind.err);
    }
}
