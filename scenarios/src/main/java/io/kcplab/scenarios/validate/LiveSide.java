package io.kcplab.scenarios.validate;

import io.kcplab.protocol.ConnectionConfig;
import io.kcplab.scenarios.Scenario;
import io.kcplab.scenarios.live.RelayThread;
import io.kcplab.scenarios.sweep.RunCase;
import io.kcplab.transport.KcpListener;
import io.kcplab.transport.KcpSession;
import io.kcplab.transport.KcpTransport;
import io.kcplab.transport.SessionOptions;
import io.kcplab.transport.relay.RelayStats;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The live half of a validation: the same workloads as {@link SimulatedSide}, on KcpLab sessions over real UDP
 * sockets on 127.0.0.1, through the relay applying the scenario's link with the run's seed. Client and server
 * sessions, and the relay, run in this process on their own threads (the relay has its own socket loop).
 */
final class LiveSide {

    /** A live transfer that makes no progress for this long is abandoned (counted as not finished). */
    private static final Duration STALL = Duration.ofSeconds(30);
    private static final int CHUNK = 16 * 1024;

    private LiveSide() {
    }

    static List<Measurement> run(ValidateSpec spec) throws IOException {
        List<Measurement> out = new ArrayList<>();
        try (KcpTransport transport = KcpTransport.create()) {
            for (int i = 0; i < spec.bulk().size(); i++) {
                Bulk b = bulk(transport, spec.bulk().get(i), spec.bulkBytes());
                double[] rtt = echo(transport, spec.echo().get(i));
                out.add(new Measurement(b.finished ? spec.bulkBytes() * 8 / b.seconds / 1e6 : 0, b.seconds,
                        b.retransmissions, rtt[0], rtt[1], b.finished, b.relayLateMaxMs));
            }
        }
        return out;
    }

    /**
     * One end's session options. Write delay as the simulated end has it: a session flushes on write by default,
     * while the simulated ikcp profile queues until the next update as ikcp_send does.
     */
    private static SessionOptions options(ConnectionConfig end) {
        return SessionOptions.builder().connection(end).writeDelay(end.writeDelay()).readTimeout(STALL)
                .writeTimeout(STALL).build();
    }

    private static RelayThread relay(RunCase c, KcpListener l) throws IOException {
        Scenario s = c.scenario();
        InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(), l.localAddress().getPort());
        return RelayThread.start(target, s.up(), s.down(), s.partitions(), c.seed(), "validate");
    }

    private record Bulk(double seconds, long retransmissions, boolean finished, double relayLateMaxMs) {
    }

    /** The client writes the scenario's bulk bytes (a seeded pattern); the server reads and checks every byte. */
    private static Bulk bulk(KcpTransport t, RunCase c, long total) throws IOException {
        Scenario s = c.scenario();
        try (KcpListener l = KcpListener.bind(t, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                options(s.serverConfig()));
             RelayThread relay = relay(c, l)) {
            long t0 = System.nanoTime();
            KcpSession client = KcpSession.dial(t, relay.address(), options(s.config()));
            AtomicReference<IOException> writeFailure = new AtomicReference<>();
            Thread writer = new Thread(() -> {
                SplittableRandom pattern = new SplittableRandom(c.seed());
                byte[] chunk = new byte[CHUNK];
                try {
                    for (long sent = 0; sent < total; sent += chunk.length) {
                        int n = (int) Math.min(chunk.length, total - sent);
                        pattern.nextBytes(chunk);
                        client.write(chunk, 0, n);
                    }
                } catch (IOException e) {
                    writeFailure.set(e);
                }
            }, "kcplab-validate-writer");
            writer.setDaemon(true);
            writer.start();
            KcpSession server = l.accept(STALL);
            if (server == null) {
                client.close();
                return new Bulk(elapsed(t0), 0, false, lateMaxMs(relay.stop()));
            }
            boolean finished = receive(server, total, c.seed());
            double seconds = elapsed(t0);
            long retrans = client.stats().retransmissions() + server.stats().retransmissions();
            client.close();
            server.close();
            return new Bulk(seconds, retrans, finished && writeFailure.get() == null, lateMaxMs(relay.stop()));
        }
    }

    /** Reads {@code total} bytes and compares them with the writer's pattern; false on a stall or a wrong byte. */
    private static boolean receive(KcpSession server, long total, long seed) throws IOException {
        SplittableRandom pattern = new SplittableRandom(seed);
        byte[] expected = new byte[CHUNK];
        byte[] in = new byte[CHUNK];
        int expectedAt = CHUNK;
        long got = 0;
        try {
            while (got < total) {
                int n = server.read(in, 0, in.length);
                if (n < 0) {
                    return false;
                }
                for (int i = 0; i < n; i++) {
                    if (expectedAt == CHUNK) {
                        pattern.nextBytes(expected);
                        expectedAt = 0;
                    }
                    if (in[i] != expected[expectedAt++]) {
                        throw new IOException("live bulk transfer delivered a wrong byte at " + (got + i));
                    }
                }
                got += n;
            }
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        }
    }

    /**
     * The echo workload as the simulator runs it: a request every interval; a round trip ends when the response
     * bytes up to that request's end have been read. Returns {p50, p90} in ms (NaN if none completed).
     */
    private static double[] echo(KcpTransport t, RunCase c) throws IOException {
        Scenario s = c.scenario();
        var w = s.workloads().get(0);
        int request = (int) w.size();
        long intervalNanos = w.intervalMicros() * 1000;
        long durationNanos = s.durationMicros() * 1000;
        try (KcpListener l = KcpListener.bind(t, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                options(s.serverConfig()));
             RelayThread relay = relay(c, l)) {
            KcpSession client = KcpSession.dial(t, relay.address(), options(s.config()));
            Thread echoer = new Thread(() -> serveEcho(l), "kcplab-validate-echo");
            echoer.setDaemon(true);
            echoer.start();
            int max = (int) (durationNanos / intervalNanos) + 1;
            long[] issuedAt = new long[max];
            double[] rtts = new double[max];
            int[] completed = {0};
            int[] issued = {0};
            Thread reader = new Thread(() -> {
                byte[] in = new byte[64 * 1024];
                long delivered = 0;
                try {
                    while (true) {
                        int n = client.read(in, 0, in.length);
                        if (n < 0) {
                            return;
                        }
                        delivered += n;
                        long now = System.nanoTime();
                        synchronized (issuedAt) {
                            while (completed[0] < issued[0] && delivered >= (long) (completed[0] + 1) * request) {
                                rtts[completed[0]] = (now - issuedAt[completed[0]]) / 1e6;
                                completed[0]++;
                            }
                        }
                    }
                } catch (IOException e) {
                    // closed or timed out: the round trips so far count
                }
            }, "kcplab-validate-echo-reader");
            reader.setDaemon(true);
            reader.start();
            byte[] payload = new byte[request];
            new SplittableRandom(c.seed()).nextBytes(payload);
            long start = System.nanoTime();
            for (int k = 0; k < max; k++) {
                long due = start + k * intervalNanos;
                if (due - start >= durationNanos) {
                    break;
                }
                sleepUntil(due);
                synchronized (issuedAt) {
                    issuedAt[k] = System.nanoTime();
                    issued[0] = k + 1;
                }
                client.write(payload, 0, request);
            }
            long grace = System.nanoTime() + 2_000_000_000L; // let the last responses arrive
            while (System.nanoTime() < grace) {
                synchronized (issuedAt) {
                    if (completed[0] == issued[0]) {
                        break;
                    }
                }
                sleepUntil(System.nanoTime() + 5_000_000);
            }
            client.close();
            double[] done;
            synchronized (issuedAt) {
                done = Arrays.copyOf(rtts, completed[0]);
            }
            return new double[] {percentile(done, 0.50), percentile(done, 0.90)};
        }
    }

    private static void serveEcho(KcpListener l) {
        try {
            KcpSession s = l.accept(STALL);
            if (s == null) {
                return;
            }
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = s.read(buf, 0, buf.length)) >= 0) {
                s.write(buf, 0, n);
            }
        } catch (IOException e) {
            // the client closed: the echo server ends with it
        }
    }

    /** Nearest-rank percentile of unsorted samples. */
    static double percentile(double[] samples, double q) {
        if (samples.length == 0) {
            return Double.NaN;
        }
        double[] s = samples.clone();
        Arrays.sort(s);
        int rank = (int) Math.ceil(q * s.length);
        return s[Math.max(0, Math.min(s.length - 1, rank - 1))];
    }

    private static void sleepUntil(long deadlineNanos) {
        long left;
        while ((left = deadlineNanos - System.nanoTime()) > 0) {
            try {
                Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static double lateMaxMs(RelayStats s) {
        return Math.max(s.up().lateMaxMicros(), s.down().lateMaxMicros()) / 1e3;
    }

    private static double elapsed(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
