package io.kcplab.bench.session;

import static io.kcplab.bench.session.Bench.d;
import static io.kcplab.bench.session.Bench.f;
import static io.kcplab.bench.session.Bench.num;
import static io.kcplab.bench.session.Bench.ratio;

import io.kcplab.interop.PeerProcess;
import io.kcplab.protocol.ConnectionConfig;
import io.kcplab.protocol.ModePreset;
import io.kcplab.transport.KcpListener;
import io.kcplab.transport.KcpSession;
import io.kcplab.transport.KcpTransport;
import io.kcplab.transport.SessionOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Section 3: a listener serving 10,000 sessions, each echoing one 100-byte message per second, on 127.0.0.1. The
 * load is the same for both listeners: one kcp-go 5.6.1 process ({@code kcpsess echo-clients}) dials 10,000
 * UDPSessions (one socket each), each writing its message once a second (staggered over the second) and reading the
 * echo. The listener runs alone in its own process: KcpLab in a JVM of its own ({@code echo-server} below: one
 * {@link KcpTransport} with its default event loops, onAccept/onReadable echo on the loop, no thread per session),
 * kcp-go in {@code kcpsess echo-listener} (one goroutine per session, kcp-go's idiom). After the warm-up the client
 * process samples the listener process's utime + stime from /proc over the measured window.
 *
 * <p>Settings on every session: kcp-go's session defaults for the timer (nodelay 0, interval 100 ms, resend 0,
 * congestion control on), windows 32/128, MTU 1350, message mode, cipher aes (kcptun's key derivation and default
 * key), FEC off, 4 MiB listener socket buffers; KcpLab: 4 KiB hand-off buffers.
 */
final class TenThousandEchoBench {

    private TenThousandEchoBench() {
    }

    static final List<String> KCP_ARGS = List.of("--crypt", "aes", "--nodelay", "0", "--interval", "100",
            "--resend", "0", "--nc", "0", "--sndwnd", "32", "--rcvwnd", "128", "--mtu", "1350", "--stream=false");

    static SessionOptions serverOptions() {
        ConnectionConfig c = ConnectionConfig.builder().mode(ModePreset.DEFAULT).windows(32, 128).mtu(1350)
                .cipher("aes").fec(0, 0).streamMode(false).build();
        return SessionOptions.builder().connection(c).handoffBufferBytes(4096).socketReceiveBuffer(4 << 20)
                .socketSendBuffer(4 << 20).build();
    }

    /** The KcpLab listener process: prints its port and pid, echoes until killed. */
    static void serve(Map<String, String> o) throws Exception {
        KcpTransport t = KcpTransport.create();
        KcpListener l = KcpListener.bind(t, new InetSocketAddress("127.0.0.1", 0), serverOptions());
        AtomicLong errors = new AtomicLong();
        ThreadLocal<byte[]> scratch = ThreadLocal.withInitial(() -> new byte[2048]);
        l.onAccept(s -> s.onReadable(() -> {
            byte[] buf = scratch.get();
            try {
                int n;
                while ((n = s.readNow(buf, 0, buf.length)) > 0) {
                    s.sendMessage(buf, 0, n);
                }
            } catch (IOException | RuntimeException e) {
                if (s.isOpen()) {
                    errors.incrementAndGet();
                }
            }
        }));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            StringBuilder b = new StringBuilder("{\"event\":\"result\",\"peer\":\"kcplab\",\"ok\":true,\"sessions\":")
                    .append(l.sessionCount()).append(",\"echo_errors\":").append(errors.get());
            l.counters().asMap().forEach((k, v) -> b.append(",\"").append(k).append("\":").append(v));
            System.out.println(b.append('}'));
            System.out.flush();
        }));
        System.out.println("{\"event\":\"listening\",\"peer\":\"kcplab\",\"port\":" + l.localAddress().getPort()
                + ",\"pid\":" + ProcessHandle.current().pid() + ",\"threads\":" + t.threads() + "}");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    static PeerProcess startKcplabServer() throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> args = new ArrayList<>(List.of("--add-modules", "jdk.incubator.vector", "-Xms2g", "-Xmx2g",
                "-Dkcplab.build.dir=" + System.getProperty("kcplab.build.dir", "target"),
                "-cp", System.getProperty("java.class.path"), SessionBenchMain.class.getName(), "echo-server"));
        return PeerProcess.start("kcplab echo-server", Paths.get(java), args);
    }

    static PeerProcess startGoServer() throws IOException {
        List<String> args = new ArrayList<>(List.of("echo-listener", "--sockbuf", "" + (4 << 20)));
        args.addAll(KCP_ARGS);
        return PeerProcess.start("kcpsess echo-listener", Bench.kcpsess(), args);
    }

    /** The listener's own final line (SNMP counters), after SIGTERM. */
    static Map<String, Object> stopServer(PeerProcess server) {
        PeerProcess.Result r = server.stop(Duration.ofSeconds(10));
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        if (r.result() != null) {
            m.putAll(r.result());
        }
        m.put("exit", r.exitCode());
        return m;
    }

    /** Runs the Go client load against {@code server}; returns the client's result line. */
    static Map<String, Object> load(PeerProcess server, int sessions, long warmupMs, long ms) throws IOException {
        int port = server.port(Duration.ofSeconds(30));
        long pid = server.process().pid();
        List<String> args = new ArrayList<>(List.of("echo-clients", "--connect", "127.0.0.1:" + port,
                "--server-pid", Long.toString(pid), "--sessions", Integer.toString(sessions),
                "--warmup-ms", Long.toString(warmupMs), "--ms", Long.toString(ms), "--size", "100",
                "--period-ms", "1000"));
        args.addAll(KCP_ARGS);
        List<Map<String, Object>> out = Bench.runGo(Duration.ofMillis(warmupMs + ms + 120_000),
                args.toArray(String[]::new));
        return out.get(out.size() - 1);
    }

    static void run(Map<String, String> o) throws Exception {
        int sessions = (int) num(o, "sessions", 10_000);
        long warmupMs = num(o, "warmup-ms", 15_000);
        long ms = num(o, "ms", 30_000);
        Path jsonl = Bench.outDir(o).resolve("echo10k.jsonl");
        Map<String, Object> go;
        Map<String, Object> kl;
        try (PeerProcess server = startGoServer()) {
            go = load(server, sessions, warmupMs, ms);
            go.put("server", "kcp-go");
            Bench.record(jsonl, go);
            Bench.record(jsonl, stopServer(server));
        }
        try (PeerProcess server = startKcplabServer()) {
            kl = load(server, sessions, warmupMs, ms);
            kl.put("server", "kcplab");
            Bench.record(jsonl, kl);
            Bench.record(jsonl, stopServer(server));
        }
        System.out.println("### 3. " + String.format("%,d", sessions) + " sessions, one 100-byte echo per session "
                + "per second (aes, FEC off, interval 100 ms, message mode); listener process CPU over " + ms / 1000
                + " s after " + warmupMs / 1000 + " s of load; the same kcp-go client process drives both");
        System.out.println();
        List<List<String>> rows = new ArrayList<>();
        for (Map<String, Object> r : List.of(go, kl)) {
            rows.add(List.of(r.get("server").equals("kcplab") ? "KcpLab listener (own JVM)" : "kcp-go listener",
                    f("%.3f", d(r, "server_cpu_per_s")),
                    f("%.0f", d(r, "echoes_in_window")) + " / " + f("%.0f", d(r, "expected_in_window")),
                    f("%.0f", d(r, "timeouts")),
                    f("%.3f", 1000 * d(r, "server_cpu_s") / d(r, "echoes_in_window")),
                    f("%.1f", d(r, "rtt_ms_p50")) + " / " + f("%.1f", d(r, "rtt_ms_p99")),
                    f("%.3f", d(r, "client_cpu_per_s"))));
        }
        Bench.table(System.out, List.of("listener", "listener CPU s per wall s", "echoes in window / expected",
                "echoes missing > 10 s (whole run)", "listener CPU ms per echo", "echo RTT p50 / p99 ms",
                "client process CPU s per s"), rows);
        System.out.println("Listener CPU per wall second, KcpLab / kcp-go: "
                + ratio(d(kl, "server_cpu_per_s"), d(go, "server_cpu_per_s")) + "; per echo returned: "
                + ratio(d(kl, "server_cpu_s") / d(kl, "echoes_in_window"),
                        d(go, "server_cpu_s") / d(go, "echoes_in_window")) + " (lower is better)");
        System.out.println();
    }
}
