package io.kcplab.protocol.fec;

import com.backblaze.erasure.ReedSolomon;

/**
 * The reference {@link ErasureCodec}: an adapter over Backblaze JavaReedSolomon, the oracle the fast codec's parity
 * is checked against. Test code only (published in protocol's test-jar for interop and the benchmarks), so the
 * shipped jar carries no second Reed-Solomon implementation.
 */
public final class ReferenceCodec implements ErasureCodec {

    private final ReedSolomon rs;

    public ReferenceCodec(int dataShards, int parityShards) {
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
