package io.kcplab.protocol.fec;

/** Builds the codec behind {@link ErasureCodec#fast}: {@link GaloisCodec} with the preferred kernel. */
final class FastCodecs {

    private FastCodecs() {
    }

    static ErasureCodec create(int dataShards, int parityShards) {
        return GaloisCodec.create(dataShards, parityShards);
    }
}
