package io.kcplab.sim.trace;

/**
 * One line of a fault script's body: the fate of the {@code index}-th datagram (0-based) that the flow
 * {@code srcPort > dstPort} sent on link {@code link}. Flows, not whole links, number the datagrams: dropping a
 * conversation while shrinking then leaves every other conversation's fates where they were.
 */
public record FaultEntry(String link, int srcPort, int dstPort, long index, Fate fate) {

    public FaultEntry {
        if (link == null || !link.contains("->")) {
            throw new IllegalArgumentException("link name must look like 'a->b', got '" + link + "'");
        }
        if (srcPort < 1 || srcPort > 65_535 || dstPort < 1 || dstPort > 65_535) {
            throw new IllegalArgumentException("flow ports must be in [1, 65535], got " + srcPort + ">" + dstPort);
        }
        if (index < 0) {
            throw new IllegalArgumentException("datagram index must be >= 0, got " + index);
        }
        if (fate == null) {
            throw new IllegalArgumentException("fate must not be null");
        }
    }

    /** Lookup key of the datagram this entry scripts. */
    public String key() {
        return key(link, srcPort, dstPort, index);
    }

    static String key(String link, int srcPort, int dstPort, long index) {
        return link + ' ' + srcPort + '>' + dstPort + ' ' + index;
    }

    public FaultEntry withFate(Fate f) {
        return new FaultEntry(link, srcPort, dstPort, index, f);
    }

    /** The script line: {@code LINK SRC>DST INDEX FATE}. */
    @Override
    public String toString() {
        return key() + ' ' + fate;
    }
}
