package io.kcplab.protocol.checksum;

import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * HighwayHash's bulk loop on the Vector API: the four u64 lanes of each state word in one 256-bit vector, the
 * zipper merge as one byte shuffle within each 128-bit half (what the reference AVX2 code does with
 * {@code vpshufb}). The tail and the finalisation rounds run in the scalar port ({@link HighwayHash#finish}), so
 * the output is the scalar port's by construction. Loaded only by {@link HighwayKernels} when
 * {@code jdk.incubator.vector} is present.
 *
 * <p>Allocation-free on C2 (JDK 17) only in this shape, found by measurement: every vector that enters the loop
 * is loaded from an array ({@code fromArray}), never a {@code static final} vector constant or a
 * {@code withLane} chain (a boxed value merging into the loop phi forces a box per iteration), and the
 * finalisation stays scalar (written in vectors, it pushed C2 past the point where it eliminates boxes).
 */
final class VectorHighwayKernel implements HighwayHash.Kernel {

    private static final VectorSpecies<Long> LONGS = LongVector.SPECIES_256;
    private static final VectorSpecies<Byte> BYTES = ByteVector.SPECIES_256;
    private static final VectorShuffle<Byte> ZIPPER;
    private static final long[] INIT_MUL0 = {HighwayHash.INIT_MUL0_0, HighwayHash.INIT_MUL0_1,
        HighwayHash.INIT_MUL0_2, HighwayHash.INIT_MUL0_3};
    private static final long[] INIT_MUL1 = {HighwayHash.INIT_MUL1_0, HighwayHash.INIT_MUL1_1,
        HighwayHash.INIT_MUL1_2, HighwayHash.INIT_MUL1_3};

    static {
        int[] half = {3, 12, 2, 5, 14, 1, 15, 0, 11, 4, 10, 13, 9, 6, 8, 7};
        int[] index = new int[32];
        for (int i = 0; i < 32; i++) {
            index[i] = half[i & 15] + (i & 16);
        }
        ZIPPER = VectorShuffle.fromArray(BYTES, index, 0);
    }

    @Override
    public long hash(byte[] data, int off, int len, long[] key, int rounds, long[] out) {
        LongVector k = LongVector.fromArray(LONGS, key, 0);
        LongVector mul0 = LongVector.fromArray(LONGS, INIT_MUL0, 0);
        LongVector mul1 = LongVector.fromArray(LONGS, INIT_MUL1, 0);
        LongVector v0 = mul0.lanewise(VectorOperators.XOR, k);
        LongVector swapped = k.lanewise(VectorOperators.LSHR, 32).or(k.lanewise(VectorOperators.LSHL, 32));
        LongVector v1 = mul1.lanewise(VectorOperators.XOR, swapped);

        final int bulkEnd = off + (len & ~31);
        for (int pos = off; pos < bulkEnd; pos += 32) {
            LongVector a = LongVector.fromByteArray(LONGS, data, pos, ByteOrder.LITTLE_ENDIAN);
            v1 = v1.add(mul0.add(a));
            mul0 = mul0.lanewise(VectorOperators.XOR, v1.and(0xffffffffL).mul(v0.lanewise(VectorOperators.LSHR, 32)));
            v0 = v0.add(mul1);
            mul1 = mul1.lanewise(VectorOperators.XOR, v0.and(0xffffffffL).mul(v1.lanewise(VectorOperators.LSHR, 32)));
            v0 = v0.add(zipper(v1));
            v1 = v1.add(zipper(v0));
        }
        return HighwayHash.finish(data, bulkEnd, len & 31, rounds, out,
                v0.lane(0), v0.lane(1), v0.lane(2), v0.lane(3), v1.lane(0), v1.lane(1), v1.lane(2), v1.lane(3),
                mul0.lane(0), mul0.lane(1), mul0.lane(2), mul0.lane(3),
                mul1.lane(0), mul1.lane(1), mul1.lane(2), mul1.lane(3));
    }

    private static LongVector zipper(LongVector v) {
        return v.reinterpretAsBytes().rearrange(ZIPPER).reinterpretAsLongs();
    }
}
