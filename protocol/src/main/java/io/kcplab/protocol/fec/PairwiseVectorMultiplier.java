package io.kcplab.protocol.fec;

import static jdk.incubator.vector.VectorOperators.XOR;

import jdk.incubator.vector.ByteVector;

/**
 * The "pairwise" shape: one pass per (output, input) pair with both tables held in registers; the first input of an
 * output stores, the others XOR into it. Best on JDK 17 in the early prototypes (4.8x Backblaze at 512 bits);
 * here the per-input shape measured faster, so this one is the alternative ({@code vector-pairwise}).
 */
final class PairwiseVectorMultiplier extends VectorMultiplier {

    PairwiseVectorMultiplier(byte[][] coefficients) {
        super(coefficients);
    }

    @Override
    void mainLoop(byte[][] shards, int[] inputs, int[] outputs, int offset, int bound) {
        int d = inputCount;
        for (int r = 0; r < outputCount; r++) {
            byte[] out = shards[outputs[r]];
            for (int c = 0; c < d; c++) {
                int k = r * d + c;
                pass(shards[inputs[c]], out, lowIndex(k), highIndex(k), c == 0, offset, bound);
            }
        }
    }

    private void pass(byte[] in, byte[] out, int lowAt, int highAt, boolean first, int offset, int bound) {
        ByteVector mask = LOW_NIBBLES;
        ByteVector low = ByteVector.fromArray(SPECIES, tables, lowAt);
        ByteVector high = ByteVector.fromArray(SPECIES, tables, highAt);
        if (first) {
            for (int i = offset; i < bound; i += STEP) {
                ByteVector v = ByteVector.fromArray(SPECIES, in, i);
                ByteVector l = v.and(mask);
                ByteVector h = highNibbles(v, mask);
                l.selectFrom(low).lanewise(XOR, h.selectFrom(high)).intoArray(out, i);
            }
        } else {
            for (int i = offset; i < bound; i += STEP) {
                ByteVector v = ByteVector.fromArray(SPECIES, in, i);
                ByteVector l = v.and(mask);
                ByteVector h = highNibbles(v, mask);
                l.selectFrom(low).lanewise(XOR, h.selectFrom(high))
                        .lanewise(XOR, ByteVector.fromArray(SPECIES, out, i)).intoArray(out, i);
            }
        }
    }
}
