package io.kcplab.protocol.fec;

/** Argument checks shared by every {@link ErasureCodec}: one clear message per mistake. */
final class ShardCounts {

    static final int MAX_TOTAL_SHARDS = 256;

    private ShardCounts() {
    }

    static void check(int dataShards, int parityShards) {
        if (dataShards < 1 || parityShards < 1 || dataShards + parityShards > MAX_TOTAL_SHARDS) {
            throw new IllegalArgumentException("Reed-Solomon shard counts must be dataShards >= 1, parityShards >= 1"
                    + " and dataShards + parityShards <= " + MAX_TOTAL_SHARDS + "; got " + dataShards + " + "
                    + parityShards);
        }
    }

    static void checkPresent(boolean[] shardPresent, int dataShards, int totalShards) {
        if (shardPresent.length != totalShards) {
            throw new IllegalArgumentException("shardPresent has " + shardPresent.length + " entries; expected "
                    + totalShards);
        }
        int present = 0;
        for (boolean p : shardPresent) {
            if (p) {
                present++;
            }
        }
        if (present < dataShards) {
            throw new IllegalArgumentException("cannot reconstruct: " + present + " shards present but "
                    + dataShards + " needed (" + (totalShards - present) + " erasures, at most "
                    + (totalShards - dataShards) + " can be repaired)");
        }
    }

    /** Every shard must exist and hold {@code [offset, offset + byteCount)}; shards may differ in length. */
    static void checkShards(byte[][] shards, int totalShards, int offset, int byteCount) {
        if (shards.length != totalShards) {
            throw new IllegalArgumentException("shards has " + shards.length + " entries; expected " + totalShards
                    + " (data shards followed by parity shards)");
        }
        if (offset < 0 || byteCount < 0) {
            throw new IllegalArgumentException("offset and byteCount must be >= 0; got offset " + offset
                    + ", byteCount " + byteCount);
        }
        for (int i = 0; i < totalShards; i++) {
            byte[] shard = shards[i];
            if (shard == null) {
                throw new IllegalArgumentException("shard " + i + " is null; every shard needs an array, "
                        + "missing ones included");
            }
            if (byteCount > shard.length - offset) {
                throw new IllegalArgumentException("shard " + i + " has " + shard.length + " bytes; offset "
                        + offset + " + byteCount " + byteCount + " does not fit");
            }
        }
    }
}
