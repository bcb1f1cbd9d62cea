package io.kcplab.bench.session;

import static io.kcplab.bench.session.Bench.d;
import static io.kcplab.bench.session.Bench.f;
import static io.kcplab.bench.session.Bench.fields;
import static io.kcplab.bench.session.Bench.median;
import static io.kcplab.bench.session.Bench.num;
import static io.kcplab.bench.session.Bench.ratio;
import static io.kcplab.bench.session.Bench.spread;

import io.kcplab.protocol.ConnectionConfig;
import io.kcplab.protocol.kcp.KcpProfile;
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
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Section 1: bulk goodput and CPU seconds per GB of a session pair in one process. KcpLab: a listener and a dialled
 * session on one {@link KcpTransport} (its default: one event loop per processor) in this JVM, CPU from
 * {@code OperatingSystemMXBean.getProcessCpuTime} (every thread of the JVM, JIT and GC included). kcp-go 5.6.1:
 * {@code kcpsess bulk}, a Listener and a UDPSession in one Go process, CPU from getrusage. Same work on both: the
 * client writes 32 KiB from a pre-filled buffer, the server reads 1 MiB at a time and counts; fast3 (1,10,2,1),
 * windows 1024/1024, MTU 1350, stream mode, 4 MiB socket buffers; aes-128 + FEC 10/3, then no cipher and no FEC.
 * The JVM first runs {@code --warmup} untimed transfers of each configuration; the repetitions alternate kcp-go
 * and KcpLab.
 */
final class BulkPairBench {

    record Config(String label, String cipher, int ds, int ps, boolean ackNoDelay) {
    }

    /**
     * The two settings, and the first again with ack-no-delay on both sides: with acknowledgements sent
     * once per 10 ms interval, a 1024-segment window caps any implementation near 1024 segments per 10 ms (about
     * 133 MB/s at this MTU); acknowledging at once lifts that cap, so the stacks' own speed shows.
     */
    static final List<Config> CONFIGS = List.of(
            new Config("aes-128 + FEC 10/3", "aes-128", 10, 3, false),
            new Config("no cipher, no FEC", null, 0, 0, false),
            new Config("aes-128 + FEC 10/3, ack no-delay", "aes-128", 10, 3, true));

    private BulkPairBench() {
    }

    static SessionOptions options(Config c) {
        ConnectionConfig cc = ConnectionConfig.builder().engine(KcpProfile.KCP_GO).noDelay(1, 10, 2, 1)
                .windows(1024, 1024).mtu(1350).streamMode(true).cipher(c.cipher).fec(c.ds, c.ps)
                .ackNoDelay(c.ackNoDelay).build();
        return SessionOptions.builder().connection(cc).socketReceiveBuffer(4 << 20).socketSendBuffer(4 << 20)
                .readTimeout(Duration.ofSeconds(30)).writeTimeout(Duration.ofSeconds(30)).build();
    }

    /**
     * One transfer of {@code total} bytes on a fresh pair; returns {seconds, cpu seconds, user s, system s,
     * retransmissions of the sender}.
     */
    static double[] transfer(KcpTransport t, SessionOptions o, long total) throws Exception {
        try (KcpListener l = KcpListener.bind(t, new InetSocketAddress("127.0.0.1", 0), o)) {
            byte[] chunk = new byte[32 * 1024];
            new SplittableRandom(1).nextBytes(chunk);
            byte[] in = new byte[1 << 20];
            double[] us0 = Bench.userSys();
            double cpu0 = Bench.processCpuSeconds();
            long t0 = System.nanoTime();
            KcpSession c = KcpSession.dial(t, new InetSocketAddress("127.0.0.1", l.localAddress().getPort()), o);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread writer = new Thread(() -> {
                try {
                    for (long sent = 0; sent < total; ) {
                        int n = (int) Math.min(chunk.length, total - sent);
                        c.write(chunk, 0, n);
                        sent += n;
                    }
                } catch (Throwable e) {
                    failure.set(e);
                }
            }, "bulk-writer");
            writer.start();
            KcpSession s = l.accept(Duration.ofSeconds(10));
            long got = 0;
            while (got < total) {
                int n = s.read(in, 0, in.length);
                if (n < 0) {
                    throw new IOException("server session ended after " + got + " of " + total + " bytes");
                }
                got += n;
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            double cpu = Bench.processCpuSeconds() - cpu0;
            double[] us1 = Bench.userSys();
            writer.join();
            if (failure.get() != null) {
                throw new IOException("writer failed", failure.get());
            }
            long retrans = c.stats().retransmissions();
            c.close();
            s.close();
            return new double[]{secs, cpu, us1[0] - us0[0], us1[1] - us0[1], retrans};
        }
    }

    static void run(Map<String, String> o) throws Exception {
        long bytes = num(o, "bytes", 256L << 20);
        int reps = (int) num(o, "reps", 5);
        int warmup = (int) num(o, "warmup", 3);
        Path jsonl = Bench.outDir(o).resolve("bulk.jsonl");
        List<List<String>> rows = new ArrayList<>();
        try (KcpTransport t = KcpTransport.create()) {
            for (Config c : CONFIGS) {
                SessionOptions so = options(c);
                for (int i = 0; i < warmup; i++) {
                    double[] r = transfer(t, so, bytes);
                    Bench.record(jsonl, fields("peer", "kcplab", "config", c.label, "warmup", true, "bytes", bytes,
                            "goodput_MBps", Bench.r3(bytes / r[0] / 1e6), "cpu_s", Bench.r3(r[1])));
                }
                List<Double> goGood = new ArrayList<>(), goCpu = new ArrayList<>();
                List<Double> jGood = new ArrayList<>(), jCpu = new ArrayList<>();
                for (int i = 0; i < reps; i++) {
                    List<String> args = new ArrayList<>(List.of("bulk", "--bytes", Long.toString(bytes),
                            "--crypt", c.cipher == null ? "off" : c.cipher, "--datashard", "" + c.ds,
                            "--parityshard", "" + c.ps, "--nodelay", "1", "--interval", "10", "--resend", "2",
                            "--nc", "1", "--sndwnd", "1024", "--rcvwnd", "1024", "--mtu", "1350",
                            "--acknodelay=" + c.ackNoDelay));
                    Map<String, Object> g = Bench.runGo(Duration.ofMinutes(3), args.toArray(String[]::new)).get(0);
                    goGood.add(d(g, "goodput_MBps"));
                    goCpu.add(d(g, "cpu_s_per_GB"));
                    g.put("config", c.label);
                    g.put("rep", i);
                    Bench.record(jsonl, g);

                    double[] r = transfer(t, so, bytes);
                    jGood.add(bytes / r[0] / 1e6);
                    jCpu.add(r[1] / (bytes / 1e9));
                    Bench.record(jsonl, fields("peer", "kcplab", "config", c.label, "rep", i, "bytes", bytes,
                            "goodput_MBps", Bench.r3(bytes / r[0] / 1e6), "cpu_s", Bench.r3(r[1]),
                            "cpu_s_per_GB", Bench.r3(r[1] / (bytes / 1e9)), "cpu_user_s", Bench.r3(r[2]),
                            "cpu_sys_s", Bench.r3(r[3]), "retrans", (long) r[4]));
                }
                rows.add(List.of(c.label, spread(goGood, "%.1f"), spread(jGood, "%.1f"),
                        ratio(median(jGood), median(goGood)), spread(goCpu, "%.2f"), spread(jCpu, "%.2f"),
                        ratio(median(jCpu), median(goCpu))));
            }
        }
        System.out.println("### 1. Bulk transfer, session pair in one process (fast3, wnd 1024/1024, MTU 1350, "
                + (bytes >> 20) + " MiB per transfer; median (range) of " + reps + "; JVM warm-up: " + warmup
                + " untimed transfers per configuration)");
        System.out.println();
        Bench.table(System.out, List.of("configuration", "kcp-go MB/s", "KcpLab MB/s", "goodput KcpLab / kcp-go",
                "kcp-go CPU s/GB", "KcpLab CPU s/GB", "CPU/GB KcpLab / kcp-go"), rows);
    }
}
