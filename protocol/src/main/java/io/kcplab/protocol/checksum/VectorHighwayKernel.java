package io.kcplab.protocol.checksum;

import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * HighwayHash on the Vector API: the four u64 lanes of each state word in one 256-bit vector, the zipper merge as
 * one byte shuffle within each 128-bit half (what the reference AVX2 code does with {@code vpshufb}). Same output
 * as {@link HighwayHash#scalar}; loaded only by {@link HighwayKernels} when {@code jdk.incubator.vector} is present.
 */
final class VectorHighwayKernel implements HighwayHash.Kernel {

    private static final VectorSpecies<Long> LONGS = LongVector.SPECIES_256;
    private static final VectorSpecies<Byte> BYTES = ByteVector.SPECIES_256;
    private static final VectorShuffle<Byte> ZIPPER;
    /** Finalisation packet: v0's lanes in the order 2, 3, 0, 1 (then each with its halves swapped). */
    private static final VectorShuffle<Long> PERMUTE = VectorShuffle.fromValues(LONGS, 2, 3, 0, 1);
    private static final LongVector INIT_MUL0 = LongVector.fromArray(LONGS, new long[] {HighwayHash.INIT_MUL0_0,
        HighwayHash.INIT_MUL0_1, HighwayHash.INIT_MUL0_2, HighwayHash.INIT_MUL0_3}, 0);
    private static final LongVector INIT_MUL1 = LongVector.fromArray(LONGS, new long[] {HighwayHash.INIT_MUL1_0,
        HighwayHash.INIT_MUL1_1, HighwayHash.INIT_MUL1_2, HighwayHash.INIT_MUL1_3}, 0);

    static {
        int[] half = {3, 12, 2, 5, 14, 1, 15, 0, 11, 4, 10, 13, 9, 6, 8, 7};
        int[] index = new int[32];
        for (int i = 0; i < 32; i++) {
            index[i] = half[i & 15] + (i & 16);
        }
        ZIPPER = VectorShuffle.fromArray(BYTES, index, 0);
    }

    @Override
    public long hash(byte[] data, int off, int len, long k0, long k1, long k2, long k3, int rounds, long[] out) {
        LongVector key = LongVector.zero(LONGS).withLane(0, k0).withLane(1, k1).withLane(2, k2).withLane(3, k3);
        LongVector mul0 = INIT_MUL0;
        LongVector mul1 = INIT_MUL1;
        LongVector v0 = mul0.lanewise(VectorOperators.XOR, key);
        LongVector v1 = mul1.lanewise(VectorOperators.XOR, key.lanewise(VectorOperators.ROR, 32));

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

        final int tail = len & 31;
        boolean tailPending = tail != 0;
        for (int round = 0; tailPending || round < rounds; ) {
            LongVector a;
            if (tailPending) {
                tailPending = false;
                v0 = v0.add(((long) tail << 32) + tail);
                v1 = v1.reinterpretAsInts().lanewise(VectorOperators.ROL, tail).reinterpretAsLongs();
                a = LongVector.zero(LONGS)
                        .withLane(0, HighwayHash.tailLane(data, bulkEnd, tail, 0))
                        .withLane(1, HighwayHash.tailLane(data, bulkEnd, tail, 1))
                        .withLane(2, HighwayHash.tailLane(data, bulkEnd, tail, 2))
                        .withLane(3, HighwayHash.tailLane(data, bulkEnd, tail, 3));
            } else {
                round++;
                a = v0.rearrange(PERMUTE).lanewise(VectorOperators.ROR, 32);
            }
            v1 = v1.add(mul0.add(a));
            mul0 = mul0.lanewise(VectorOperators.XOR, v1.and(0xffffffffL).mul(v0.lanewise(VectorOperators.LSHR, 32)));
            v0 = v0.add(mul1);
            mul1 = mul1.lanewise(VectorOperators.XOR, v0.and(0xffffffffL).mul(v1.lanewise(VectorOperators.LSHR, 32)));
            v0 = v0.add(zipper(v1));
            v1 = v1.add(zipper(v0));
        }
        return HighwayHash.output(rounds, v0.lane(0), v0.lane(1), v0.lane(2), v0.lane(3),
                v1.lane(0), v1.lane(1), v1.lane(2), v1.lane(3), mul0.lane(0), mul0.lane(1), mul0.lane(2),
                mul0.lane(3), mul1.lane(0), mul1.lane(1), mul1.lane(2), mul1.lane(3), out);
    }

    private static LongVector zipper(LongVector v) {
        return v.reinterpretAsBytes().rearrange(ZIPPER).reinterpretAsLongs();
    }
}
