package io.kcplab.scenarios.validate;

import io.kcplab.reports.compare.Stats;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * One metric compared between the simulator and the live path: the seeds' spread on each side, the relative
 * difference of the means, and whether it is within the metric's tolerance.
 *
 * @param metric     display name with unit
 * @param simulated  the simulated seeds' figures
 * @param live       the live seeds' figures
 * @param difference (live mean - simulated mean) / simulated mean; NaN when not comparable
 * @param tolerance  the largest relative difference that agrees
 * @param slack      an absolute difference that agrees whatever the relative one (for small counts)
 * @param machineLimit the live path's own limit on this machine (the platform floor's figure) when the simulated
 *                   mean lies beyond it, so that the live side cannot reach the simulated figure; NaN otherwise
 * @param agrees     the verdict
 */
public record MetricCheck(String metric, Stats simulated, Stats live, double difference, double tolerance,
                          double slack, double machineLimit, boolean agrees) {

    /** Whether the simulated figure was beyond what this machine's live path does at all (see machineLimit). */
    public boolean machineLimited() {
        return !Double.isNaN(machineLimit);
    }

    /**
     * The metrics {@code kcplab validate} compares, with their tolerances. Round trips also agree within the
     * platform's floor: what the live path adds on a perfect link (thread wake-ups, the relay's timer), measured
     * in the same invocation, which the simulator by design does not model; and, since the live path adds that
     * floor to the link's own round trip, within the tolerance (or the timer's slack) of the simulated figure plus
     * the floor. Likewise goodput and completion time
     * cannot beat what the live path does on a perfect link: when the simulated figure is beyond that machine
     * limit, the live figure agrees anywhere between the limit and the simulated figure (each widened by the
     * tolerance), and the verdict says the link was machine-limited.
     */
    static List<MetricCheck> compare(List<Measurement> sim, List<Measurement> live, Measurement floor) {
        return List.of(
                bounded("goodput (Mbit/s)", sim, live, Measurement::goodputMbps, 0.15, floor.goodputMbps(), true),
                bounded("completion (s)", sim, live, Measurement::completionS, 0.15, floor.completionS(), false),
                roundTrip("echo RTT p50 (ms)", sim, live, Measurement::rttP50Ms, 0.20, 1.0, floor.rttP50Ms()),
                roundTrip("echo RTT p90 (ms)", sim, live, Measurement::rttP90Ms, 0.30, 2.0, floor.rttP90Ms()),
                check("retransmissions", sim, live, m -> m.retransmissions(), 0.50, 20));
    }

    static MetricCheck check(String metric, List<Measurement> sim, List<Measurement> live,
                             ToDoubleFunction<Measurement> f, double tolerance, double slack) {
        Stats s = Stats.of(sim.stream().mapToDouble(f).toArray());
        Stats l = Stats.of(live.stream().mapToDouble(f).toArray());
        double diff = s.mean() == 0 ? (l.mean() == 0 ? 0 : Double.POSITIVE_INFINITY) : (l.mean() - s.mean()) / s.mean();
        boolean comparable = !Double.isNaN(s.mean()) && !Double.isNaN(l.mean());
        boolean ok = comparable && (Math.abs(diff) <= tolerance || Math.abs(l.mean() - s.mean()) <= slack);
        return new MetricCheck(metric, s, l, comparable ? diff : Double.NaN, tolerance, slack, Double.NaN, ok);
    }

    /**
     * A round trip: agrees within the tolerance of the simulated figure or within the floor (at least
     * {@code timerSlack}) of it, or within the tolerance or {@code timerSlack} of the simulated figure plus the
     * floor (the machine's own round trip on a perfect link adds to the link's).
     */
    static MetricCheck roundTrip(String metric, List<Measurement> sim, List<Measurement> live,
                                 ToDoubleFunction<Measurement> f, double tolerance, double timerSlack, double floor) {
        MetricCheck plain = check(metric, sim, live, f, tolerance, Math.max(timerSlack, floor));
        double expected = plain.simulated().mean() + (Double.isNaN(floor) ? 0 : floor);
        double gap = Math.abs(plain.live().mean() - expected);
        boolean withFloor = gap <= tolerance * expected || gap <= timerSlack;
        if (plain.agrees() || !withFloor || Double.isNaN(plain.difference())) {
            return plain;
        }
        return new MetricCheck(metric, plain.simulated(), plain.live(), plain.difference(), tolerance,
                plain.slack(), Double.NaN, true);
    }

    /**
     * A rate-like metric the machine bounds: {@code limit} is the live path's best on a perfect link, an upper
     * bound of the metric when {@code higherIsBetter} (goodput) and a lower bound otherwise (completion time).
     */
    static MetricCheck bounded(String metric, List<Measurement> sim, List<Measurement> live,
                               ToDoubleFunction<Measurement> f, double tolerance, double limit,
                               boolean higherIsBetter) {
        MetricCheck plain = check(metric, sim, live, f, tolerance, 0);
        double s = plain.simulated().mean();
        double l = plain.live().mean();
        boolean beyond = limit > 0 && !Double.isNaN(s) && (higherIsBetter ? s > limit : s < limit);
        if (!beyond || Double.isNaN(l)) {
            return plain;
        }
        double low = Math.min(s, limit) * (1 - tolerance);
        double high = Math.max(s, limit) * (1 + tolerance);
        return new MetricCheck(metric, plain.simulated(), plain.live(), plain.difference(), tolerance, 0, limit,
                l >= low && l <= high);
    }
}
