package io.kcplab.reports.testing;

import io.kcplab.reports.result.Cdf;
import io.kcplab.reports.result.ConnectionResult;
import io.kcplab.reports.result.Metrics;
import io.kcplab.reports.result.Percentiles;
import io.kcplab.reports.result.ResultMetadata;
import io.kcplab.reports.result.ResultSet;
import io.kcplab.reports.result.RunResult;
import io.kcplab.reports.result.Series;
import io.kcplab.reports.result.Settings;
import io.kcplab.reports.result.StandardSeries;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Plausible hand-shaped runs and sweeps (a stand-in for what the scenarios module will produce). */
public final class SampleRuns {

    public static final String[] MODES = {"normal", "fast", "fast3"};
    public static final String[] LOSSES = {"0", "0.01", "0.05", "0.1"};

    private SampleRuns() {
    }

    /**
     * A run with {@code connections} connections and {@code points} samples per series. {@code quality}
     * scales goodput up and latency down (1.0 = baseline), so tests can plant a regression.
     */
    public static RunResult run(int index, String scenario, Settings settings, long seed, int connections, int points,
                                double quality) {
        SplittableRandom random = new SplittableRandom(seed * 31 + index);
        double loss = settings.get("loss") == null ? 0 : Double.parseDouble(settings.get("loss"));
        List<ConnectionResult> cs = new ArrayList<>();
        List<Series> series = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            String name = "c" + c;
            double[] t = new double[points];
            double[] goodput = new double[points];
            double[] rtt = new double[points];
            double[] rto = new double[points];
            double[] retrans = new double[points];
            double[] losses = new double[points];
            for (int i = 0; i < points; i++) {
                t[i] = i * 0.1;
                goodput[i] = quality * (8e6 * (1 - loss) + random.nextDouble() * 5e5);
                rtt[i] = (40 + random.nextDouble() * 10) / quality;
                rto[i] = rtt[i] * 2 + 10;
                retrans[i] = Math.round(loss * 100 * random.nextDouble());
                losses[i] = Math.round(loss * 80 * random.nextDouble());
            }
            series.add(new Series(StandardSeries.GOODPUT, "bit/s", name, t, goodput));
            series.add(new Series(StandardSeries.RTT, "ms", name, t, rtt));
            series.add(new Series(StandardSeries.RTO, "ms", name, t, rto));
            series.add(new Series(StandardSeries.RETRANSMISSIONS, "segments", name, t, retrans));
            series.add(new Series(StandardSeries.LINK_LOSSES, "datagrams", name, t, losses));
            double[] samples = new double[200];
            for (int i = 0; i < samples.length; i++) {
                samples[i] = (20 + random.nextDouble() * 30 + (random.nextInt(50) == 0 ? 200 : 0)) / quality;
            }
            cs.add(new ConnectionResult(name, metrics(quality, loss, random), Cdf.fromSamples(samples)));
        }
        String hash = String.format("%016x", new SplittableRandom(seed ^ index).nextLong());
        return new RunResult(index, scenario + "/" + settings.label().replace(' ', '/') + "/seed=" + seed, scenario,
                settings, seed, hash, points * 0.1, metrics(quality, loss, random), cs, series);
    }

    public static Metrics metrics(double quality, double loss, SplittableRandom random) {
        double jitter = 1 + (random.nextDouble() - 0.5) * 0.02; // ±1% seed noise
        double p50 = 30 / quality * jitter;
        return Metrics.builder()
                .goodputBps(quality * 8e6 * (1 - loss) * jitter)
                .bytesDelivered((long) (quality * 1e7 * (1 - loss)))
                .messagesDelivered(1000)
                .latencyMs(new Percentiles(p50, p50 * 1.5, p50 * 3, p50 * 5, p50 * 8, p50 * 1.2))
                .rttMs(new Percentiles(40, 45, 60, 80, 90, 42))
                .segmentsSent(10_000)
                .retransmissions((long) (loss * 10_000 / quality))
                .fastRetransmissions((long) (loss * 6_000 / quality))
                .datagramsSent(10_500)
                .wireBytesSent(12_000_000)
                .overhead(1.2 / quality)
                .linkLosses((long) (loss * 10_500))
                .build();
    }

    /** modes × losses × seeds, in cartesian order. */
    public static ResultSet sweep(int seeds, double quality) {
        List<RunResult> runs = new ArrayList<>();
        int index = 0;
        for (String mode : MODES) {
            for (String loss : LOSSES) {
                for (int seed = 1; seed <= seeds; seed++) {
                    runs.add(run(index++, "lossy-wifi", Settings.of("mode", mode, "loss", loss), seed, 1, 5, quality));
                }
            }
        }
        return new ResultSet(ResultMetadata.of("0.1.0-test", "2025-01-01T00:00:00Z", runs.size()), runs);
    }
}
