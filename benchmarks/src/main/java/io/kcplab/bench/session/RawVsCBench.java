package io.kcplab.bench.session;

import static io.kcplab.bench.session.Bench.d;
import static io.kcplab.bench.session.Bench.f;
import static io.kcplab.bench.session.Bench.fields;
import static io.kcplab.bench.session.Bench.median;
import static io.kcplab.bench.session.Bench.num;
import static io.kcplab.bench.session.Bench.ratio;
import static io.kcplab.bench.session.Bench.spread;

import io.kcplab.interop.NativeUdpPeer;
import io.kcplab.interop.PeerProcess;
import io.kcplab.interop.SeededStream;
import io.kcplab.protocol.ConnectionConfig;
import io.kcplab.protocol.kcp.KcpProfile;
import io.kcplab.transport.KcpListener;
import io.kcplab.transport.KcpSession;
import io.kcplab.transport.KcpTransport;
import io.kcplab.transport.SessionOptions;
import io.kcplab.transport.Wire;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Section 2: raw KCP over UDP between KcpLab and C ikcp ({@code ikcp_udp_peer}, node-kcp@1.0.13's ikcp.c, gcc -O2):
 * KcpLab client to the C sink-server, C bulk-client to a KcpLab listener, and C to C; fast3 (1,10,2,1), windows
 * 1024/1024, MTU 1350, stream mode, raw wire, KcpLab's IKCP engine profile, 4 MiB socket buffers. Goodput is taken
 * at the receiver: bytes / (last byte received − conversation opened). The C peer generates (splitmix64) and
 * SHA-256-hashes every byte it sends and verifies and hashes every byte it receives, on its one thread; the KcpLab
 * side does the same work (SeededStream, JDK SHA-256) so both ends carry the same application load.
 */
final class RawVsCBench {

    private RawVsCBench() {
    }

    static final List<String> KCP_ARGS = List.of("--stream", "--nodelay", "1", "--interval", "10", "--resend", "2",
            "--nc", "1", "--sndwnd", "1024", "--rcvwnd", "1024", "--mtu", "1350");

    static SessionOptions options() {
        ConnectionConfig cc = ConnectionConfig.builder().engine(KcpProfile.IKCP).noDelay(1, 10, 2, 1)
                .windows(1024, 1024).mtu(1350).streamMode(true).cipher(null).fec(0, 0).build();
        return SessionOptions.builder().connection(cc).wire(Wire.RAW).socketReceiveBuffer(4 << 20)
                .socketSendBuffer(4 << 20).readTimeout(Duration.ofSeconds(30)).writeTimeout(Duration.ofSeconds(30))
                .build();
    }

    static List<String> args(String mode, long bytes, String... more) {
        List<String> a = new ArrayList<>();
        a.add(mode);
        a.addAll(KCP_ARGS);
        a.addAll(List.of("--bytes", Long.toString(bytes), "--seed", "1", "--timeout", "120000", "--linger", "300"));
        a.addAll(Arrays.asList(more));
        return a;
    }

    static PeerProcess cServer(long bytes) throws IOException {
        return NativeUdpPeer.start(args("sink-server", bytes, "--sessions", "1", "--idle", "3000"));
    }

    /** Goodput (MB/s) at the C sink-server of its one conversation. */
    static double cServerGoodput(PeerProcess server, long bytes) {
        PeerProcess.Result r = server.await(Duration.ofMinutes(2));
        if (!r.ok() || r.sessions().isEmpty()) {
            throw new IllegalStateException("C sink-server failed: " + r.describe());
        }
        return bytes / (d(r.sessions().get(0), "recv_done_ms") / 1e3) / 1e6;
    }

    static double cToC(long bytes) throws IOException {
        try (PeerProcess server = cServer(bytes)) {
            int port = server.port(Duration.ofSeconds(10));
            try (PeerProcess client = NativeUdpPeer.start(args("bulk-client", bytes, "--connect",
                    "127.0.0.1:" + port))) {
                PeerProcess.Result c = client.await(Duration.ofMinutes(2));
                if (!c.ok()) {
                    throw new IllegalStateException("C bulk-client failed: " + c.describe());
                }
            }
            return cServerGoodput(server, bytes);
        }
    }

    static double javaToC(KcpTransport t, SessionOptions o, long bytes) throws Exception {
        try (PeerProcess server = cServer(bytes)) {
            int port = server.port(Duration.ofSeconds(10));
            KcpSession c = KcpSession.dial(t, new InetSocketAddress("127.0.0.1", port), o);
            SeededStream stream = new SeededStream(1);
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[32 * 1024];
            for (long sent = 0; sent < bytes; ) {
                int n = (int) Math.min(buf.length, bytes - sent);
                stream.fill(buf, 0, n);
                sha.update(buf, 0, n);
                c.write(buf, 0, n);
                sent += n;
            }
            c.awaitSent(Duration.ofSeconds(60));
            double g = cServerGoodput(server, bytes);
            c.close();
            return g;
        }
    }

    static double cToJava(KcpTransport t, SessionOptions o, long bytes) throws Exception {
        try (KcpListener l = KcpListener.bind(t, new InetSocketAddress("127.0.0.1", 0), o);
             PeerProcess client = NativeUdpPeer.start(args("bulk-client", bytes, "--connect",
                     "127.0.0.1:" + l.localAddress().getPort()))) {
            CompletableFuture<PeerProcess.Result> done = CompletableFuture.supplyAsync(
                    () -> client.await(Duration.ofMinutes(2)));
            KcpSession s = l.accept(Duration.ofSeconds(10));
            long t0 = System.nanoTime();
            SeededStream expect = new SeededStream(1);
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 20];
            byte[] want = new byte[1 << 20];
            long got = 0;
            while (got < bytes) {
                int n = s.read(buf, 0, buf.length);
                if (n < 0) {
                    throw new IOException("session ended after " + got + " bytes");
                }
                expect.fill(want, 0, n);
                if (!Arrays.equals(buf, 0, n, want, 0, n)) {
                    throw new IOException("received bytes differ from the seeded stream near " + got);
                }
                sha.update(buf, 0, n);
                got += n;
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            PeerProcess.Result c = done.get();
            if (!c.ok()) {
                throw new IllegalStateException("C bulk-client failed: " + c.describe());
            }
            s.close();
            return bytes / secs / 1e6;
        }
    }

    static void run(Map<String, String> o) throws Exception {
        long bytes = num(o, "bytes", 128L << 20);
        int reps = (int) num(o, "reps", 3);
        int warmup = (int) num(o, "warmup", 2);
        Path jsonl = Bench.outDir(o).resolve("raw.jsonl");
        NativeUdpPeer.executable(); // build before timing anything
        SessionOptions so = options();
        List<Double> cc = new ArrayList<>(), jc = new ArrayList<>(), cj = new ArrayList<>();
        try (KcpTransport t = KcpTransport.create()) {
            for (int i = 0; i < warmup; i++) {
                Bench.record(jsonl, fields("pair", "kcplab->c", "warmup", true, "MBps", Bench.r3(javaToC(t, so, bytes))));
                Bench.record(jsonl, fields("pair", "c->kcplab", "warmup", true, "MBps", Bench.r3(cToJava(t, so, bytes))));
            }
            for (int i = 0; i < reps; i++) {
                cc.add(cToC(bytes));
                Bench.record(jsonl, fields("pair", "c->c", "rep", i, "bytes", bytes, "MBps", Bench.r3(cc.get(i))));
                jc.add(javaToC(t, so, bytes));
                Bench.record(jsonl, fields("pair", "kcplab->c", "rep", i, "bytes", bytes, "MBps", Bench.r3(jc.get(i))));
                cj.add(cToJava(t, so, bytes));
                Bench.record(jsonl, fields("pair", "c->kcplab", "rep", i, "bytes", bytes, "MBps", Bench.r3(cj.get(i))));
            }
        }
        System.out.println("### 2. Raw KCP over UDP, KcpLab and C ikcp (fast3, wnd 1024/1024, MTU 1350, stream; "
                + (bytes >> 20) + " MiB per transfer, goodput at the receiver; median (range) of " + reps
                + "; JVM warm-up: " + warmup + " untimed transfers each way)");
        System.out.println();
        Bench.table(System.out, List.of("sender → receiver", "C → C MB/s", "with KcpLab MB/s", "ratio to C → C"),
                List.of(List.of("KcpLab → C sink-server", spread(cc, "%.1f"), spread(jc, "%.1f"),
                                ratio(median(jc), median(cc))),
                        List.of("C bulk-client → KcpLab listener", spread(cc, "%.1f"), spread(cj, "%.1f"),
                                ratio(median(cj), median(cc)))));
    }
}
