package io.kcplab.sim.net;

/**
 * What one link direction did, by cause. Conservation holds at every instant:
 * {@code sent + duplicated == delivered + dropped (all causes) + inFlight}.
 */
public final class LinkCounters {

    long sent;
    long sentBytes;
    long delivered;
    long deliveredBytes;
    long duplicated;
    long corrupted;
    long truncated;
    long reordered;
    final long[] dropped = new long[DropCause.values().length];
    long burstLosses;
    long inFlight;
    long inFlightBytes;

    public long sent() {
        return sent;
    }

    public long sentBytes() {
        return sentBytes;
    }

    public long delivered() {
        return delivered;
    }

    public long deliveredBytes() {
        return deliveredBytes;
    }

    public long duplicated() {
        return duplicated;
    }

    public long corrupted() {
        return corrupted;
    }

    public long truncated() {
        return truncated;
    }

    public long reordered() {
        return reordered;
    }

    public long dropped(DropCause cause) {
        return dropped[cause.ordinal()];
    }

    /**
     * The LOSS drops the loss model made in its burst state (Markov4 lost-in-burst, Gilbert-Elliott Bad); the rest
     * of LOSS are random (isolated) losses. Always 0 under the random model, which has no burst state.
     */
    public long burstLosses() {
        return burstLosses;
    }

    public long droppedTotal() {
        long sum = 0;
        for (long d : dropped) {
            sum += d;
        }
        return sum;
    }

    /** Packets accepted and not yet delivered. */
    public long inFlight() {
        return inFlight;
    }

    /** Bytes (IPv4 packet lengths) of the packets in flight. */
    public long inFlightBytes() {
        return inFlightBytes;
    }

    /** sent + duplicated == delivered + dropped + inFlight. */
    public boolean conserved() {
        return sent + duplicated == delivered + droppedTotal() + inFlight;
    }

    @Override
    public String toString() {
        return "sent=" + sent + " duplicated=" + duplicated + " delivered=" + delivered
                + " dropped[loss=" + dropped(DropCause.LOSS) + " (burst=" + burstLosses + ")"
                + " queue=" + dropped(DropCause.QUEUE)
                + " mtu=" + dropped(DropCause.MTU) + " outage=" + dropped(DropCause.OUTAGE) + "]"
                + " inFlight=" + inFlight + " corrupted=" + corrupted + " truncated=" + truncated
                + " reordered=" + reordered;
    }
}
