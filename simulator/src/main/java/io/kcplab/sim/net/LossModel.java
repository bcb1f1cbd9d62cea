package io.kcplab.sim.net;

/** netem's loss models: {@code loss random}, {@code loss state} (4-state Markov) and {@code loss gemodel}. */
public sealed interface LossModel permits LossModel.None, LossModel.Random, LossModel.GilbertElliott,
        LossModel.Markov4 {

    LossModel NONE = new None();

    static LossModel random(double probability) {
        return new Random(probability, 0);
    }

    static LossModel random(double probability, double correlation) {
        return new Random(probability, correlation);
    }

    /** True if this model never loses a packet. */
    boolean lossless();

    /** No loss. */
    record None() implements LossModel {
        @Override
        public boolean lossless() {
            return true;
        }
    }

    /**
     * {@code loss random P [CORRELATION]}: independent loss with netem's correlation (documented by tc-netem as
     * not a true statistical correlation; prefer the Markov models for bursts).
     */
    record Random(double probability, double correlation) implements LossModel {
        public Random {
            Check.probability("loss.random.probability", probability);
            Check.probability("loss.random.correlation", correlation);
        }

        @Override
        public boolean lossless() {
            return probability == 0;
        }
    }

    /**
     * {@code loss gemodel p [r [1-h [1-k]]]}: two states, Good and Bad. Per packet: a transition draw (Good to Bad
     * with p, Bad to Good with r), then a loss draw with the loss probability of the state the packet found
     * (1-k in Good, 1-h in Bad). tc's defaults: r = 1-p, 1-h = 1, 1-k = 0 (Simple Gilbert).
     */
    record GilbertElliott(double p, double r, double oneMinusH, double oneMinusK) implements LossModel {
        public GilbertElliott {
            Check.probability("loss.gemodel.p", p);
            Check.probability("loss.gemodel.r", r);
            Check.probability("loss.gemodel.1-h", oneMinusH);
            Check.probability("loss.gemodel.1-k", oneMinusK);
        }

        /** tc's {@code loss gemodel p}: r = 1 - p, 1-h = 1, 1-k = 0. */
        public static GilbertElliott of(double p) {
            return new GilbertElliott(p, 1 - p, 1, 0);
        }

        /** tc's {@code loss gemodel p r}: 1-h = 1, 1-k = 0 (Gilbert model: every packet in Bad is lost). */
        public static GilbertElliott of(double p, double r) {
            return new GilbertElliott(p, r, 1, 0);
        }

        /** Stationary loss rate: pi_bad * (1-h) + pi_good * (1-k). */
        public double meanLoss() {
            if (p + r == 0) {
                return oneMinusK;
            }
            double bad = p / (p + r);
            return bad * oneMinusH + (1 - bad) * oneMinusK;
        }

        @Override
        public boolean lossless() {
            return (p == 0 && oneMinusK == 0) || (oneMinusH == 0 && oneMinusK == 0);
        }
    }

    /**
     * {@code loss state p13 [p31 [p32 [p23 [p14]]]]}: the 4-state Markov chain of the GI model (Salsano et al.).
     * States: 1 = received in a gap, 2 = received in a burst, 3 = lost in a burst, 4 = isolated loss. tc's
     * defaults: p31 = 1 - p13, p32 = 0, p23 = 1, p14 = 0 (p13 alone = Bernoulli loss).
     */
    record Markov4(double p13, double p31, double p32, double p23, double p14) implements LossModel {
        public Markov4 {
            Check.probability("loss.state.p13", p13);
            Check.probability("loss.state.p31", p31);
            Check.probability("loss.state.p32", p32);
            Check.probability("loss.state.p23", p23);
            Check.probability("loss.state.p14", p14);
            if (p13 + p14 > 1.0 + 1e-12) {
                throw new IllegalArgumentException("loss.state.p13 + loss.state.p14 must be at most 1 (both leave "
                        + "state 1), got " + p13 + " + " + p14);
            }
            if (p31 + p32 > 1.0 + 1e-12) {
                throw new IllegalArgumentException("loss.state.p31 + loss.state.p32 must be at most 1 (both leave "
                        + "state 3), got " + p31 + " + " + p32);
            }
        }

        /** tc's {@code loss state p13}. */
        public static Markov4 of(double p13) {
            return new Markov4(p13, 1 - p13, 0, 1, 0);
        }

        @Override
        public boolean lossless() {
            return p13 == 0 && p14 == 0;
        }
    }
}
