package io.kcplab.protocol.fec;

/**
 * The last few (ds, ps) group shapes {@link FecDecoder} used, each with its RS codec and its per-group scratch
 * arrays, so autotune flapping between two shapes does not allocate. Replaced round-robin.
 */
final class FecShapeCache {

    private static final int SHAPES = 4;

    private final FecDecoder.CodecFactory codecFactory;
    private final ErasureCodec[] codecs = new ErasureCodec[SHAPES];
    private final byte[][][] shards = new byte[SHAPES][][];
    private final boolean[][] present = new boolean[SHAPES][];
    private final int[][] members = new int[SHAPES][];
    private int victim;

    FecShapeCache(FecDecoder.CodecFactory codecFactory) {
        this.codecFactory = codecFactory;
    }

    /** The slot holding shape (ds, ps), made (codec from the factory) if absent. */
    int slot(int ds, int ps) {
        for (int i = 0; i < SHAPES; i++) {
            if (codecs[i] != null && codecs[i].dataShards() == ds && codecs[i].parityShards() == ps) {
                return i;
            }
        }
        ErasureCodec created = codecFactory.create(ds, ps);
        if (created.dataShards() != ds || created.parityShards() != ps) {
            throw new IllegalStateException("codec factory made a " + created.dataShards() + "/"
                    + created.parityShards() + " codec when asked for " + ds + "/" + ps);
        }
        int hit = victim;
        victim = (victim + 1) % SHAPES;
        codecs[hit] = created;
        shards[hit] = new byte[ds + ps][];
        present[hit] = new boolean[ds + ps];
        members[hit] = new int[ds + ps];
        return hit;
    }

    ErasureCodec codec(int slot) {
        return codecs[slot];
    }

    /** Scratch: the group's shard buffers by slot. */
    byte[][] shards(int slot) {
        return shards[slot];
    }

    /** Scratch: which of the group's slots hold a shard. */
    boolean[] present(int slot) {
        return present[slot];
    }

    /** Scratch: the window indices of the group's members. */
    int[] members(int slot) {
        return members[slot];
    }
}
