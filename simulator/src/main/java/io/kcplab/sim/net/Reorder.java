package io.kcplab.sim.net;

/**
 * netem {@code reorder PROBABILITY [CORRELATION] [gap N]}: a reordered packet skips the delay and is sent
 * immediately, overtaking the packets still delayed. With gap N, the first N-1 packets after the last reordered
 * one are always delayed and each later packet is reordered with {@code probability}. As in tc, a probability
 * without a gap means gap 1, and reordering needs a non-zero delay (checked by {@link LinkProfile}).
 */
public record Reorder(double probability, double correlation, int gap) {

    public static final Reorder NONE = new Reorder(0, 0, 0);

    public Reorder {
        Check.probability("reorder.probability", probability);
        Check.probability("reorder.correlation", correlation);
        Check.range("reorder.gap", gap, 0, 1_000_000, " packets");
        if (probability > 0 && gap == 0) {
            gap = 1; // tc's default
        }
    }

    public static Reorder of(double probability) {
        return new Reorder(probability, 0, 1);
    }

    public static Reorder of(double probability, double correlation, int gap) {
        return new Reorder(probability, correlation, gap);
    }

    public boolean enabled() {
        return probability > 0 && gap > 0;
    }
}
