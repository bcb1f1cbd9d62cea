package io.kcplab.protocol.crypto;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorSpecies;

/** {@link BulkXor} on the Vector API. Loaded by reflection from {@link BulkXor#preferred()} only. */
final class VectorBulkXor implements BulkXor {

    private static final VectorSpecies<Byte> SPECIES = ByteVector.SPECIES_PREFERRED;

    @Override
    public void xor(byte[] a, int aOff, byte[] b, int bOff, byte[] dst, int dstOff, int len) {
        int step = SPECIES.length();
        int i = 0;
        for (int bound = SPECIES.loopBound(len); i < bound; i += step) {
            ByteVector.fromArray(SPECIES, a, aOff + i)
                    .lanewise(jdk.incubator.vector.VectorOperators.XOR, ByteVector.fromArray(SPECIES, b, bOff + i))
                    .intoArray(dst, dstOff + i);
        }
        PacketBytes.xorScalar(a, aOff + i, b, bOff + i, dst, dstOff + i, len - i);
    }
}
