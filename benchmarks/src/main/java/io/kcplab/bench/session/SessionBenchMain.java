package io.kcplab.bench.session;

import java.util.Map;

/**
 * KcpLab's session benchmarks over loopback, side by side with kcp-go 5.6.1 and C ikcp (benchmarks/sessions.sh
 * runs every section in one sitting). Commands:
 * <ul>
 *   <li>{@code bulk [--bytes N] [--reps R] [--warmup W]}: section 1, {@link BulkPairBench};</li>
 *   <li>{@code raw [--bytes N] [--reps R] [--warmup W]}: section 2, {@link RawVsCBench};</li>
 *   <li>{@code echo10k [--sessions N] [--warmup-ms W] [--ms M]}: section 3, {@link TenThousandEchoBench};</li>
 *   <li>{@code echo-server}: the KcpLab listener that section 3 starts in its own JVM;</li>
 *   <li>{@code speed [--ms M] [--warmup-ms W] [--reps R]}: section 4, {@link SpeedBench}.</li>
 * </ul>
 * Every command takes {@code --out DIR} (JSON lines of every measurement); tables go to stdout.
 */
public final class SessionBenchMain {

    private SessionBenchMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: SessionBenchMain bulk|raw|echo10k|echo-server|speed [--name value ...]");
            System.exit(2);
        }
        Map<String, String> o = Bench.options(args, 1);
        switch (args[0]) {
            case "bulk" -> BulkPairBench.run(o);
            case "raw" -> RawVsCBench.run(o);
            case "echo10k" -> TenThousandEchoBench.run(o);
            case "echo-server" -> TenThousandEchoBench.serve(o);
            case "speed" -> SpeedBench.run(o);
            default -> {
                System.err.println("unknown command " + args[0]);
                System.exit(2);
            }
        }
        System.exit(0);
    }
}
