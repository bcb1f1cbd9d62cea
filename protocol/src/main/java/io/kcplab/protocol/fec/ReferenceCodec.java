package io.kcplab.protocol.fec;

import com.backblaze.erasure.ReedSolomon;

/** The reference {@link ErasureCodec}: an adapter over Backblaze JavaReedSolomon. */
final class ReferenceCodec implements ErasureCodec {

    private final ReedSolomon rs;

    ReferenceCodec(int dataShards, int parityShards) {
        ShardCounts.check(dataShards, parityShards);
        this.rs = ReedSolomon.create(dataShards, parityShards);
    }

    @Override
    public int dataShards() {
        return rs.getDataShardCount();
    }

    @Override
    public int parityShards() {
        return rs.getParityShardCount();
    }

    @Override
    public void encodeParity(byte[][] shards, int offset, int byteCount) {
        rs.encodeParity(shards, offset, byteCount);
    }

    @Override
    public void decodeMissing(byte[][] shards, boolean[] shardPresent, int offset, int byteCount) {
        ShardCounts.checkPresent(shardPresent, dataShards(), totalShards());
        rs.decodeMissing(shards, shardPresent, offset, byteCount);
    }
}
