package io.kcplab.protocol.fec;

import io.kcplab.protocol.SimdSettings;

/** Builds the codec behind {@link ErasureCodec#fast}: {@link GaloisCodec} with the preferred kernel. */
final class FastCodecs {

    private FastCodecs() {
    }

    static ErasureCodec create(int dataShards, int parityShards, SimdSettings simd) {
        return GaloisCodec.create(dataShards, parityShards, simd);
    }
}
