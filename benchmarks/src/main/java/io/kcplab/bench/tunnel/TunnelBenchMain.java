package io.kcplab.bench.tunnel;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The TCP side of benchmarks/tunnel.sh, which starts the tunnel processes (a {@code kcplab tunnel} pair or a kcptun
 * pair) and then runs, in one sitting:
 * <ul>
 *   <li>{@code ports N}: N port numbers free for both TCP and UDP on 127.0.0.1;</li>
 *   <li>{@code run --stack S --streams K --bytes N --warmup-bytes W --reps R --sink-port P --tunnel-port T
 *       --pids CLIENT,SERVER --clk-tck HZ --out FILE}: a warm-up transfer, then R measured ones through the tunnel
 *       (throughput, and CPU of the two tunnel processes from /proc); one JSON line each, appended to FILE;</li>
 *   <li>{@code report --in FILE}: the markdown table of medians and KcpLab/kcptun ratios.</li>
 * </ul>
 * MB = 10^6 bytes, GB = 10^9 bytes.
 */
public final class TunnelBenchMain {

    private TunnelBenchMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: TunnelBenchMain ports N | run --name value ... | report --in FILE");
            System.exit(2);
        }
        switch (args[0]) {
            case "ports" -> System.out.println(freePorts(Integer.parseInt(args[1])));
            case "run" -> run(options(args));
            case "report" -> LoadReport.print(Path.of(options(args).get("in")), System.out);
            default -> {
                System.err.println("unknown command " + args[0]);
                System.exit(2);
            }
        }
        System.exit(0);
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got " + Arrays.toString(args));
            }
            m.put(args[i].substring(2), args[i + 1]);
        }
        return m;
    }

    static String freePorts(int n) throws IOException {
        List<String> ports = new ArrayList<>();
        List<AutoCloseable> held = new ArrayList<>();
        try {
            while (ports.size() < n) {
                ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                held.add(tcp);
                try {
                    held.add(new DatagramSocket(tcp.getLocalPort(), InetAddress.getLoopbackAddress()));
                    ports.add(String.valueOf(tcp.getLocalPort()));
                } catch (IOException e) {
                    // taken for UDP: try another
                }
            }
        } finally {
            for (AutoCloseable c : held) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // closing probes
                }
            }
        }
        return String.join(" ", ports);
    }

    static void run(Map<String, String> o) throws Exception {
        String stack = o.get("stack");
        int streams = Integer.parseInt(o.get("streams"));
        long bytes = Long.parseLong(o.get("bytes"));
        long warmup = Long.parseLong(o.getOrDefault("warmup-bytes", "0"));
        int reps = Integer.parseInt(o.getOrDefault("reps", "1"));
        int timeout = Integer.parseInt(o.getOrDefault("timeout", "600"));
        int hz = Integer.parseInt(o.getOrDefault("clk-tck", "100"));
        long[] pids = Arrays.stream(o.get("pids").split(",")).mapToLong(Long::parseLong).toArray();
        Path out = Path.of(o.get("out"));
        LoadRun load = new LoadRun(Integer.parseInt(o.get("sink-port")), Integer.parseInt(o.get("tunnel-port")),
                streams);
        try {
            if (warmup > 0) {
                double s = load.transfer(warmup, streams, timeout);
                System.err.printf(Locale.ROOT, "%s %d stream(s): warm-up %d MB in %.2f s%n", stack, streams,
                        warmup / 1_000_000, s);
            }
            for (int rep = 1; rep <= reps; rep++) {
                double c0 = ProcCpu.seconds(pids[0], hz);
                double s0 = ProcCpu.seconds(pids[1], hz);
                double seconds = load.transfer(bytes, streams, timeout);
                double client = ProcCpu.seconds(pids[0], hz) - c0;
                double server = ProcCpu.seconds(pids[1], hz) - s0;
                String line = String.format(Locale.ROOT, "{\"bench\":\"tunnel\",\"stack\":\"%s\",\"streams\":%d,"
                        + "\"rep\":%d,\"bytes\":%d,\"seconds\":%.3f,\"mb_per_s\":%.2f,\"cpu_client_s\":%.2f,"
                        + "\"cpu_server_s\":%.2f,\"cpu_s_per_gb\":%.3f}", stack, streams, rep, bytes, seconds,
                        bytes / seconds / 1e6, client, server, (client + server) / (bytes / 1e9));
                System.err.println(line);
                Files.writeString(out, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            }
        } finally {
            load.close();
        }
    }
}
