package io.kcplab.sim.net;

import io.kcplab.sim.RandomStream;

/**
 * The running state of a {@link LossModel}, decisions exactly as netem's loss_event (sch_netem.c): thresholds are
 * u32 fractions compared against 32-bit random numbers, and the Markov chains use netem's comparisons, including
 * its handling of boundary values.
 */
final class LossProcess {

    private static final int NONE = 0;
    private static final int RANDOM = 1;
    private static final int MARKOV4 = 2;
    private static final int GILBERT_ELLIOTT = 3;

    // Markov4 states, netem's numbering
    private static final int TX_IN_GAP = 1;
    private static final int TX_IN_BURST = 2;
    private static final int LOST_IN_BURST = 3;
    private static final int LOST_IN_GAP = 4;
    private static final int GOOD = 1;
    private static final int BAD = 2;

    private final int type;
    private final CorrelatedRandom random;
    private final RandomStream stream;
    private long a1;
    private long a2;
    private long a3;
    private long a4;
    private long a5;
    private int state = 1;
    private boolean lastInBurst;

    LossProcess(LossModel model, RandomStream stream) {
        this.stream = stream;
        if (model instanceof LossModel.Random m) {
            type = RANDOM;
            a1 = Check.threshold(m.probability());
            random = new CorrelatedRandom(stream, m.correlation());
        } else if (model instanceof LossModel.Markov4 m) {
            type = MARKOV4;
            a1 = Check.threshold(m.p13());
            a2 = Check.threshold(m.p31());
            a3 = Check.threshold(m.p32());
            a4 = Check.threshold(m.p14());
            a5 = Check.threshold(m.p23());
            random = null;
        } else if (model instanceof LossModel.GilbertElliott m) {
            type = GILBERT_ELLIOTT;
            a1 = Check.threshold(m.p());
            a2 = Check.threshold(m.r());
            a3 = Check.threshold(m.oneMinusH());
            a4 = Check.threshold(m.oneMinusK());
            random = null;
        } else {
            type = NONE;
            random = null;
        }
    }

    /** Decides the fate of the next packet: true = lost. */
    boolean lose() {
        int before = state;
        boolean lost;
        switch (type) {
            case RANDOM:
                lost = random.hit(a1);
                break;
            case MARKOV4:
                lost = markov4();
                break;
            case GILBERT_ELLIOTT:
                lost = gilbertElliott();
                break;
            default:
                lost = false;
                break;
        }
        // Bookkeeping only (no draw): which losses the Markov models made in their burst state.
        lastInBurst = lost && (type == MARKOV4 && state == LOST_IN_BURST || type == GILBERT_ELLIOTT && before == BAD);
        return lost;
    }

    /**
     * True if the last {@link #lose()} lost the packet in the model's burst state (Markov4: lost-in-burst;
     * Gilbert-Elliott: Bad). The random model has no bursts: its losses are never burst losses.
     */
    boolean lastLossInBurst() {
        return lastInBurst;
    }

    private boolean markov4() {
        long rnd = stream.nextU32();
        switch (state) {
            case TX_IN_GAP:
                if (rnd < a4) {
                    state = LOST_IN_GAP;
                    return true;
                } else if (a4 < rnd && rnd < a1 + a4) {
                    state = LOST_IN_BURST;
                    return true;
                } else if (a1 + a4 < rnd) {
                    state = TX_IN_GAP;
                }
                return false;
            case TX_IN_BURST:
                if (rnd < a5) {
                    state = LOST_IN_BURST;
                    return true;
                }
                state = TX_IN_BURST;
                return false;
            case LOST_IN_BURST:
                if (rnd < a3) {
                    state = TX_IN_BURST;
                } else if (a3 < rnd && rnd < a2 + a3) {
                    state = TX_IN_GAP;
                } else if (a2 + a3 < rnd) {
                    state = LOST_IN_BURST;
                    return true;
                }
                return false;
            default: // LOST_IN_GAP: an isolated loss is followed by a received packet
                state = TX_IN_GAP;
                return false;
        }
    }

    private boolean gilbertElliott() {
        // The loss draw uses the loss probability of the state the packet found (before this transition).
        if (state == GOOD) {
            if (stream.nextU32() < a1) {
                state = BAD;
            }
            return stream.nextU32() < a4;
        }
        if (stream.nextU32() < a2) {
            state = GOOD;
        }
        return stream.nextU32() < a3;
    }
}
