package io.kcplab.bench.session;

import static io.kcplab.bench.session.Bench.d;
import static io.kcplab.bench.session.Bench.f;
import static io.kcplab.bench.session.Bench.fields;
import static io.kcplab.bench.session.Bench.median;
import static io.kcplab.bench.session.Bench.num;
import static io.kcplab.bench.session.Bench.ratio;
import static io.kcplab.bench.session.Bench.spread;

import io.kcplab.protocol.ConnectionConfig;
import io.kcplab.transport.KcpListener;
import io.kcplab.transport.KcpSession;
import io.kcplab.transport.KcpTransport;
import io.kcplab.transport.SessionOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Section 4: kcp-go's own session benchmarks (sess_test.go's BenchmarkEchoSpeed* and BenchmarkSinkSpeed*)
 * reproduced, as MB/s of message bytes (kcp-go's b.SetBytes(nbytes) per message):
 * <ul>
 *   <li>echo: client salsa20 + FEC 10/3, windows 1024/1024, 16 MiB socket buffers; listener salsa20 with FEC 10/0
 *   (off: replies carry no FEC) and 4 MiB buffers, its sessions windows 4096/4096, DSCP 46; fast3 (1,10,2,1), MTU
 *   1400, stream mode, no ack-nodelay everywhere. The client writes one message of N bytes and reads N bytes
 *   back before the next (echo_tester).</li>
 *   <li>sink: the same without cipher and FEC; the client writes N-byte buffers back to back (sink_tester); the
 *   clock stops when the server has read every byte written (kcp-go's benchmark stops at the last Write).</li>
 * </ul>
 * Each run is a fresh listener + client running for {@code --ms}. kcp-go: {@code kcpsess speed}, one process per
 * workload (a second pair in one kcp-go process sometimes stalls for seconds behind the first pair's leftover
 * server session). KcpLab: one JVM, one {@link KcpTransport}; first {@code --jvm-warmup-ms} cycling through the
 * workloads (1 s echo, 0.25 s sink runs), then every workload runs {@code --warmup-ms} untimed on its own pair. Keys: kcptun's derivation of "testkey" on both (sess_test.go uses another salt; the
 * cost is the same).
 */
final class SpeedBench {

    static final int[] SIZES = {4096, 65536, 524288, 1048576};

    private SpeedBench() {
    }

    static SessionOptions client(boolean echo) {
        ConnectionConfig c = ConnectionConfig.builder().noDelay(1, 10, 2, 1).windows(1024, 1024).mtu(1400)
                .streamMode(true).ackNoDelay(false).cipher(echo ? "salsa20" : null).key("testkey")
                .fec(echo ? 10 : 0, echo ? 3 : 0).build();
        return SessionOptions.builder().connection(c).socketReceiveBuffer(16 << 20).socketSendBuffer(16 << 20)
                .readTimeout(Duration.ofMinutes(1)).writeTimeout(Duration.ofMinutes(1)).build();
    }

    static SessionOptions server(boolean echo) {
        ConnectionConfig c = ConnectionConfig.builder().noDelay(1, 10, 2, 1).windows(4096, 4096).mtu(1400)
                .streamMode(true).ackNoDelay(false).cipher(echo ? "salsa20" : null).key("testkey")
                .fec(echo ? 10 : 0, 0).build();
        return SessionOptions.builder().connection(c).dscp(46).socketReceiveBuffer(4 << 20)
                .socketSendBuffer(4 << 20).build();
    }

    /** One run of at least {@code ms} on a fresh pair: MB/s. */
    static double once(KcpTransport t, boolean echo, int size, long ms) throws Exception {
        try (KcpListener l = KcpListener.bind(t, new InetSocketAddress("127.0.0.1", 0), server(echo))) {
            AtomicLong received = new AtomicLong();
            Thread handler = new Thread(() -> {
                try {
                    KcpSession s = l.accept(Duration.ofSeconds(10));
                    byte[] buf = new byte[65536];
                    while (true) {
                        int n = s.read(buf, 0, buf.length);
                        if (n < 0) {
                            return;
                        }
                        received.addAndGet(n);
                        if (echo) {
                            s.write(buf, 0, n);
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    // the pair is closed at the end of the run
                }
            }, "speed-handler");
            handler.setDaemon(true);
            handler.start();
            KcpSession c = KcpSession.dial(t, new InetSocketAddress("127.0.0.1", l.localAddress().getPort()),
                    client(echo));
            try {
                byte[] buf = new byte[size];
                long count = 0;
                long t0 = System.nanoTime();
                long end = t0 + ms * 1_000_000L;
                while (System.nanoTime() < end) {
                    c.write(buf, 0, size);
                    if (echo) {
                        int got = 0;
                        while (got < size) {
                            int n = c.read(buf, 0, size - got);
                            if (n < 0) {
                                throw new IOException("echo ended");
                            }
                            got += n;
                        }
                    }
                    count++;
                }
                long want = count * size;
                long limit = System.nanoTime() + 30_000_000_000L;
                while (received.get() < want) {
                    if (System.nanoTime() > limit) {
                        throw new IOException("server read " + received.get() + " of " + want + " bytes");
                    }
                    Thread.onSpinWait();
                    Thread.sleep(0, 100_000);
                }
                double secs = (System.nanoTime() - t0) / 1e9;
                return count * (double) size / secs / 1e6;
            } finally {
                c.close();
            }
        }
    }

    static void run(Map<String, String> o) throws Exception {
        long ms = num(o, "ms", 2000);
        long warmupMs = num(o, "warmup-ms", 1000);
        int reps = (int) num(o, "reps", 3);
        Path jsonl = Bench.outDir(o).resolve("speed.jsonl");
        List<List<String>> rows = new ArrayList<>();
        long jvmWarmupMs = num(o, "jvm-warmup-ms", 20000);
        try (KcpTransport t = KcpTransport.create()) {
            // JVM warm-up: the cipher, FEC and engine paths of both workloads compiled before anything is timed. A
            // cold JVM needs seconds for its first 64 KiB echo and ~15 s of echo traffic to reach full speed.
            long warmEnd = System.nanoTime() + jvmWarmupMs * 1_000_000L;
            while (System.nanoTime() < warmEnd) {
                for (int size : SIZES) {
                    once(t, true, size, 1000);
                    once(t, false, size, 250);
                }
            }
            for (String kind : List.of("echo", "sink")) {
                boolean echo = kind.equals("echo");
                for (int size : SIZES) {
                    if (warmupMs > 0) {
                        double w = once(t, echo, size, warmupMs);
                        Bench.record(jsonl, fields("peer", "kcplab", "kind", kind, "size", size, "warmup", true,
                                "MBps", Bench.r3(w)));
                    }
                    List<Double> go = new ArrayList<>(), kl = new ArrayList<>();
                    for (int i = 0; i < reps; i++) {
                        Map<String, Object> g = Bench.runGo(Duration.ofSeconds(ms / 1000 + 90), "speed", "--kind",
                                kind, "--sizes", Integer.toString(size), "--ms", Long.toString(ms), "--warmup-ms",
                                "0").get(0);
                        go.add(d(g, "MBps"));
                        g.put("rep", i);
                        Bench.record(jsonl, g);
                        double k = once(t, echo, size, ms);
                        kl.add(k);
                        Bench.record(jsonl, fields("peer", "kcplab", "kind", kind, "size", size, "rep", i,
                                "MBps", Bench.r3(k)));
                    }
                    String name = (echo ? "EchoSpeed" : "SinkSpeed") + label(size);
                    rows.add(List.of(name, spread(go, "%.1f"), spread(kl, "%.1f"), ratio(median(kl), median(go))));
                }
            }
        }
        System.out.println("### 4. kcp-go's session benchmarks reproduced (sess_test.go workloads; MB/s of message "
                + "bytes; " + ms / 1000.0 + " s per run on a fresh pair, median (range) of " + reps
                + "; KcpLab warm-up: " + jvmWarmupMs / 1000 + " s cycling through all eight workloads, then one untimed "
                + warmupMs / 1000.0 + " s run per workload)");
        System.out.println();
        Bench.table(System.out, List.of("benchmark", "kcp-go 5.6.1 MB/s", "KcpLab MB/s", "KcpLab / kcp-go"), rows);
    }

    static String label(int size) {
        return size >= 1 << 20 ? (size >> 20) + "M" : (size >> 10) + "K";
    }
}
