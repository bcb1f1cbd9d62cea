package io.kcplab.protocol.fec;

/** Picks KcpLab's fast codec kernel. TEMPORARY: returns the reference codec until the fast codec lands. */
final class FastCodecs {

    private FastCodecs() {
    }

    static ErasureCodec create(int dataShards, int parityShards) {
        return new ReferenceCodec(dataShards, parityShards);
    }
}
