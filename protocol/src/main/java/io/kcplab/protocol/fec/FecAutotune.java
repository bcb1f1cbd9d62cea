package io.kcplab.protocol.fec;

/**
 * kcp-go's FEC autotuner ({@code autotune.go}): learns the peer's (dataShards, parityShards) from the pattern of
 * data/parity types over consecutive seqids, so a receiver configured 1/1 (or 0/0, or just differently) still
 * recovers losses. A 258-slot ring holds the last type seen per {@code seqid % 258}; {@link #findPeriod} measures
 * the length of the first complete run of one type whose seqids are consecutive.
 *
 * <p>Reproduces Go's quirks on purpose: slot 0 starts as (parity, seq 0) (Go's zero value), the left-edge search
 * starts at slot 1, and a seq discontinuity in the right-edge walk gives -1.
 */
public final class FecAutotune {

    public static final int SAMPLES = 258;

    private final boolean[] bits = new boolean[SAMPLES];
    private final int[] seqs = new int[SAMPLES];

    /** Records that {@code seq} (u32) carried a data shard ({@code isData}) or a parity shard. */
    public void sample(boolean isData, int seq) {
        int slot = Integer.remainderUnsigned(seq, SAMPLES);
        bits[slot] = isData;
        seqs[slot] = seq;
    }

    /**
     * The length of the first run of {@code bit} bounded by edges with consecutive seqids; &le; 0 (usually -1
     * or 0) means no period was found.
     */
    public int findPeriod(boolean bit) {
        boolean lastBit = bits[0];
        int lastSeq = seqs[0];
        int leftEdge = 0;
        for (int idx = 1; idx < SAMPLES; idx++) {
            if (lastBit != bit && bits[idx] == bit && lastSeq + 1 == seqs[idx]) {
                leftEdge = idx;
                break;
            }
            lastBit = bits[idx];
            lastSeq = seqs[idx];
        }

        int rightEdge = 0;
        lastBit = bits[leftEdge];
        lastSeq = seqs[leftEdge];
        for (int idx = leftEdge + 1; idx < SAMPLES; idx++) {
            if (lastSeq + 1 != seqs[idx]) {
                return -1;
            }
            if (lastBit == bit && bits[idx] != bit) {
                rightEdge = idx;
                break;
            }
            lastBit = bits[idx];
            lastSeq = seqs[idx];
        }
        return rightEdge - leftEdge;
    }
}
