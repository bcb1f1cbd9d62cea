package io.kcplab.transport.relay;

/**
 * What one direction's path did, by cause. Conservation: {@code offered + duplicated == delivered + dropped() +
 * inFlight}.
 *
 * @param offered       datagrams handed to the path
 * @param delivered     datagrams it released (duplicates included)
 * @param lost          dropped by the loss model (random or Gilbert-Elliott/Markov)
 * @param burstLost     of {@code lost}, those in runs of two or more consecutive losses
 * @param longestBurst  the longest run of consecutive losses
 * @param queueDropped  tail-dropped: the path already held its limit (packets or bytes)
 * @param mtuDropped    larger than the path's MTU
 * @param outageDropped offered while the path was down (scheduled outage)
 * @param corrupted     delivered with one bit flipped
 * @param duplicated    extra copies made
 * @param truncated     delivered cut short
 * @param reordered     sent ahead of datagrams still delayed
 * @param inFlight      held (delayed or queued) right now
 * @param description   one line naming the model (e.g. its profile), may be empty
 */
public record PathStats(long offered, long delivered, long lost, long burstLost, long longestBurst,
                        long queueDropped, long mtuDropped, long outageDropped, long corrupted, long duplicated,
                        long truncated, long reordered, long inFlight, String description) {

    public static PathStats passThrough(long offered) {
        return new PathStats(offered, offered, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, "direct");
    }

    /** Every drop cause together. */
    public long dropped() {
        return lost + queueDropped + mtuDropped + outageDropped;
    }

    /** offered + duplicated == delivered + dropped + inFlight. */
    public boolean conserved() {
        return offered + duplicated == delivered + dropped() + inFlight;
    }
}
