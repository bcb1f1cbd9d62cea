package io.kcplab.sim.net;

/**
 * A netem "probability [correlation]" pair, as used by {@code duplicate}, {@code corrupt} and (a KcpLab extension)
 * truncation. Correlation follows netem's crude scheme: each draw is a weighted average of a fresh random number
 * and the previous draw ({@link CorrelatedRandom}).
 *
 * @param probability chance per packet, in [0, 1]
 * @param correlation in [0, 1]; 0 = independent draws
 */
public record Chance(double probability, double correlation) {

    public static final Chance NEVER = new Chance(0, 0);

    public Chance {
        Check.probability("probability", probability);
        Check.probability("correlation", correlation);
    }

    public static Chance of(double probability) {
        return new Chance(probability, 0);
    }

    public static Chance of(double probability, double correlation) {
        return new Chance(probability, correlation);
    }

    public boolean enabled() {
        return probability > 0;
    }
}
