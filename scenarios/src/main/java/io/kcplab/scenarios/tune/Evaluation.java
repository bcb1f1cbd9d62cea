package io.kcplab.scenarios.tune;

import java.util.List;

/**
 * A candidate's figures over its seeds.
 *
 * @param candidate the settings
 * @param samples   one per seed, in seed order
 * @param island    the island (independent search, {@code --islands}/{@code --shard}) that ran it, 1-based
 * @param round     the island's search round that first ran it (0: the presets and the initial sample)
 */
public record Evaluation(Candidate candidate, List<Sample> samples, int island, int round) {

    public Evaluation {
        samples = List.copyOf(samples);
    }

    /**
     * One seed's figures.
     *
     * @param goodputMbps application bytes delivered × 8 / simulated seconds (bulk: until the transfer finished)
     * @param p99Ms       echo round trip p99 (echo, mix) or one-way message latency p99 (bulk)
     * @param overhead    wire bytes sent per payload byte delivered
     * @param finished    for bulk: whether the transfer finished within the time limit (always true otherwise)
     */
    public record Sample(long seed, double goodputMbps, double p99Ms, double overhead, boolean finished) {
    }

    /** Three metrics together (a mean, a minimum or a maximum over seeds). */
    public record Stats(double goodputMbps, double p99Ms, double overhead) {
    }

    public Stats mean() {
        double g = 0;
        double p = 0;
        double o = 0;
        for (Sample s : samples) {
            g += s.goodputMbps;
            p += s.p99Ms;
            o += s.overhead;
        }
        int n = Math.max(1, samples.size());
        return new Stats(g / n, p / n, o / n);
    }

    public Stats min() {
        double g = Double.POSITIVE_INFINITY;
        double p = Double.POSITIVE_INFINITY;
        double o = Double.POSITIVE_INFINITY;
        for (Sample s : samples) {
            g = Math.min(g, s.goodputMbps);
            p = Math.min(p, s.p99Ms);
            o = Math.min(o, s.overhead);
        }
        return new Stats(g, p, o);
    }

    public Stats max() {
        double g = Double.NEGATIVE_INFINITY;
        double p = Double.NEGATIVE_INFINITY;
        double o = Double.NEGATIVE_INFINITY;
        for (Sample s : samples) {
            g = Math.max(g, s.goodputMbps);
            p = Math.max(p, s.p99Ms);
            o = Math.max(o, s.overhead);
        }
        return new Stats(g, p, o);
    }

    public boolean allFinished() {
        return samples.stream().allMatch(Sample::finished);
    }

    /** Whether this one is at least as good as {@code o} on all three metrics and better on one. */
    public boolean dominates(Evaluation o) {
        Stats a = mean();
        Stats b = o.mean();
        boolean ge = a.goodputMbps() >= b.goodputMbps() && le(a.p99Ms(), b.p99Ms()) && le(a.overhead(), b.overhead());
        boolean gt = a.goodputMbps() > b.goodputMbps() || lt(a.p99Ms(), b.p99Ms()) || lt(a.overhead(), b.overhead());
        return ge && gt;
    }

    private static boolean le(double a, double b) {
        return Double.isNaN(b) || (!Double.isNaN(a) && a <= b);
    }

    private static boolean lt(double a, double b) {
        return !Double.isNaN(a) && (Double.isNaN(b) || a < b);
    }
}
