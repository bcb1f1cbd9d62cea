package io.kcplab.protocol.fec;

import static jdk.incubator.vector.VectorOperators.LSHR;
import static jdk.incubator.vector.VectorOperators.XOR;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import jdk.incubator.vector.ByteVector;

/**
 * The "per-input" shape: outputs go in groups of up to {@link #MAX_GROUP}; per group, one pass per input loads the input vector
 * once, splits its nibbles once and updates every output of the group, with the group's 2-8 tables held in
 * registers. The default shape on every JDK (see {@link VectorKernel}; figures in BENCHMARKS.md, "Design
 * measurements").
 *
 * <p>Vectors cannot live in arrays without boxing, so each group size has its own method (group1..group4,
 * written out from one template).
 */
final class PerInputVectorMultiplier extends VectorMultiplier {

    /**
     * Outputs per pass. JDK 17's C2 compiles four badly, and a three-output group sits at its node budget (a
     * compilation that gives up leaves the loop in C1, boxing every vector), so JDK 17 gets two; JDK 21+ runs
     * four fastest. Measurements: BENCHMARKS.md, "Design measurements".
     */
    static final int MAX_GROUP = Runtime.version().feature() >= 21 ? 4 : 2;

    /** GROUPS[n] = group{n}, called through {@link VectorMultiplier#call} so that C2 compiles each on its own. */
    private static final MethodHandle[] GROUPS = {null,
        loop(MethodHandles.lookup(), PerInputVectorMultiplier.class, "group1"),
        loop(MethodHandles.lookup(), PerInputVectorMultiplier.class, "group2"),
        loop(MethodHandles.lookup(), PerInputVectorMultiplier.class, "group3"),
        loop(MethodHandles.lookup(), PerInputVectorMultiplier.class, "group4")};

    /** Group g covers rows {@code [groupStart[g], groupStart[g + 1])}; sizes are balanced. */
    private final int[] groupStart;

    PerInputVectorMultiplier(byte[][] coefficients) {
        this(coefficients, MAX_GROUP);
    }

    /** With an explicit group limit (1-4), so that tests on any JDK reach every group method. */
    PerInputVectorMultiplier(byte[][] coefficients, int maxGroup) {
        super(coefficients);
        if (maxGroup < 1 || maxGroup > 4) {
            throw new IllegalArgumentException("maxGroup must be 1..4; got " + maxGroup);
        }
        int groups = (outputCount + maxGroup - 1) / maxGroup;
        groupStart = new int[groups + 1];
        for (int g = 0; g <= groups; g++) {
            groupStart[g] = (int) ((long) outputCount * g / groups);
        }
    }

    @Override
    void mainLoop(byte[][] shards, int[] inputs, int[] outputs, int offset, int bound) {
        for (int g = 0; g + 1 < groupStart.length; g++) {
            int r = groupStart[g];
            call(GROUPS, groupStart[g + 1] - r, this, shards, inputs, outputs, r, offset, bound);
        }
    }

    private void group1(byte[][] shards, int[] inputs, int[] outputs, int firstRow, int offset, int bound) {
        byte[] o0 = shards[outputs[firstRow]];
        byte[] t = tables;
        int d = inputCount;
        ByteVector mask = LOW_NIBBLES;
        for (int c = 0; c < d; c++) {
            byte[] in = shards[inputs[c]];
            int k0 = firstRow * d + c;
            ByteVector lo0 = ByteVector.fromArray(SPECIES, t, lowIndex(k0));
            ByteVector hi0 = ByteVector.fromArray(SPECIES, t, highIndex(k0));
            if (c == 0) {
                for (int i = offset; i < bound; i += STEP) {
                    ByteVector v = ByteVector.fromArray(SPECIES, in, i);
                    ByteVector l = v.and(mask);
                    ByteVector h = highNibbles(v, mask);
                    l.selectFrom(lo0).lanewise(XOR, h.selectFrom(hi0)).intoArray(o0, i);
                }
            } else {
                for (int i = offset; i < bound; i += STEP) {
                    ByteVector v = ByteVector.fromArray(SPECIES, in, i);
                    ByteVector l = v.and(mask);
                    ByteVector h = highNibbles(v, mask);
                    l.selectFrom(lo0).lanewise(XOR, h.selectFrom(hi0))
                            .lanewise(XOR, ByteVector.fromArray(SPECIES, o0, i)).intoArray(o0, i);
                }
            }
        }
    }

    private void group2(byte[][] shards, int[] inputs, int[] outputs, int firstRow, int offset, int bound) {
        byte[] o0 = shards[outputs[firstRow]];
        byte[] o1 = shards[outputs[firstRow + 1]];
        byte[] t = tables;
        int d = inputCount;
        ByteVector mask = LOW_NIBBLES;
        for (int c = 0; c < d; c++) {
            byte[] in = shards[inputs[c]];
            int k0 = firstRow * d + c;
            int k1 = (firstRow + 1) * d + c;
            ByteVector lo0 = ByteVector.fromArray(SPECIES, t, lowIndex(k0));
            ByteVector hi0 = ByteVector.fromArray(SPECIES, t, highIndex(k0));
            ByteVector lo1 = ByteVector.fromArray(SPECIES, t, lowIndex(k1));
            ByteVector hi1 = ByteVector.fromArray(SPECIES, t, highIndex(k1));
            if (c == 0) {
                for (int i = offset; i < bound; i += STEP) {
                    ByteVector v = ByteVector.fromArray(SPECIES, in, i);
                    ByteVector l = v.and(mask);
                    ByteVector h = highNibbles(v, mask);
                    l.selectFrom(lo0).lanewise(XOR, h.selectFrom(hi0)).intoArray(o0, i);
                    l.selectFrom(lo1).lanewise(XOR, h.selectFrom(hi1)).intoArray(o1, i);
                }
            } else {
                for (int i = offset; i < bound; i += STEP) {
                    ByteVector v = ByteVector.fromArray(SPECIES, in, i);
                    ByteVector l = v.and(mask);
                    ByteVector h = highNibbles(v, mask);
                    l.selectFrom(lo0).lanewise(XOR, h.selectFrom(hi0))
                            .lanewise(XOR, ByteVector.fromArray(SPECIES, o0, i)).intoArray(o0, i);
                    l.selectFrom(lo1).lanewise(XOR, h.selectFrom(hi1))
                            .lanewise(XOR, ByteVector.fromArray(SPECIES, o1, i)).intoArray(o1, i);
                }
            }
        }
    }

    private void group3(byte[][] shards, int[] inputs, int[] outputs, int firstRow, int offset, int bound) {
        byte[] o0 = shards[outputs[firstRow]];
        byte[] o1 = shards[outputs[firstRow + 1]];
        byte[] o2 = shards[outputs[firstRow + 2]];
        byte[] t = tables;
        int d = inputCount;
        ByteVector mask = LOW_NIBBLES;
        for (int c = 0; c < d; c++) {
            byte[] in = shards[inputs[c]];
            int k0 = firstRow * d + c;
            int k1 = (firstRow + 1) * d + c;
            int k2 = (firstRow + 2) * d + c;
            ByteVector lo0 = ByteVector.fromArray(SPECIES, t, lowIndex(k0));
            ByteVector hi0 = ByteVector.fromArray(SPECIES, t, highIndex(k0));
            ByteVector lo1 = ByteVector.fromArray(SPECIES, t, lowIndex(k1));
            ByteVector hi1 = ByteVector.fromArray(SPECIES, t, highIndex(k1));
            ByteVector lo2 = ByteVector.fromArray(SPECIES, t, lowIndex(k2));
            ByteVector hi2 = ByteVector.fromArray(SPECIES, t, highIndex(k2));
            if (c == 0) {
                for (int i = offset; i < bound; i += STEP) {
                    ByteVector v = ByteVector.fromArray(SPECIES, in, i);
                    ByteVector l = v.and(mask);
                    ByteVector h = highNibbles(v, mask);
                    l.selectFrom(lo0).lanewise(XOR, h.selectFrom(hi0)).intoArray(o0, i);
                    l.selectFrom(lo1).lanewise(XOR, h.selectFrom(hi1)).intoArray(o1, i);
                    l.selectFrom(lo2).lanewise(XOR, h.selectFrom(hi2)).intoArray(o2, i);
                }
            } else {
                for (int i = offset; i < bound; i += STEP) {
                    ByteVector v = ByteVector.fromArray(SPECIES, in, i);
                    ByteVector l = v.and(mask);
                    ByteVector h = highNibbles(v, mask);
                    l.selectFrom(lo0).lanewise(XOR, h.selectFrom(hi0))
                            .lanewise(XOR, ByteVector.fromArray(SPECIES, o0, i)).intoArray(o0, i);
                    l.selectFrom(lo1).lanewise(XOR, h.selectFrom(hi1))
                            .lanewise(XOR, ByteVector.fromArray(SPECIES, o1, i)).intoArray(o1, i);
                    l.selectFrom(lo2).lanewise(XOR, h.selectFrom(hi2))
                            .lanewise(XOR, ByteVector.fromArray(SPECIES, o2, i)).intoArray(o2, i);
                }
            }
        }
    }

    private void group4(byte[][] shards, int[] inputs, int[] outputs, int firstRow, int offset, int bound) {
        byte[] o0 = shards[outputs[firstRow]];
        byte[] o1 = shards[outputs[firstRow + 1]];
        byte[] o2 = shards[outputs[firstRow + 2]];
        byte[] o3 = shards[outputs[firstRow + 3]];
        byte[] t = tables;
        int d = inputCount;
        ByteVector mask = LOW_NIBBLES;
        for (int c = 0; c < d; c++) {
            byte[] in = shards[inputs[c]];
            int k0 = firstRow * d + c;
            int k1 = (firstRow + 1) * d + c;
            int k2 = (firstRow + 2) * d + c;
            int k3 = (firstRow + 3) * d + c;
            ByteVector lo0 = ByteVector.fromArray(SPECIES, t, lowIndex(k0));
            ByteVector hi0 = ByteVector.fromArray(SPECIES, t, highIndex(k0));
            ByteVector lo1 = ByteVector.fromArray(SPECIES, t, lowIndex(k1));
            ByteVector hi1 = ByteVector.fromArray(SPECIES, t, highIndex(k1));
            ByteVector lo2 = ByteVector.fromArray(SPECIES, t, lowIndex(k2));
            ByteVector hi2 = ByteVector.fromArray(SPECIES, t, highIndex(k2));
            ByteVector lo3 = ByteVector.fromArray(SPECIES, t, lowIndex(k3));
            ByteVector hi3 = ByteVector.fromArray(SPECIES, t, highIndex(k3));
            if (c == 0) {
                for (int i = offset; i < bound; i += STEP) {
                    ByteVector v = ByteVector.fromArray(SPECIES, in, i);
                    ByteVector l = v.and(mask);
                    ByteVector h = highNibbles(v, mask);
                    l.selectFrom(lo0).lanewise(XOR, h.selectFrom(hi0)).intoArray(o0, i);
                    l.selectFrom(lo1).lanewise(XOR, h.selectFrom(hi1)).intoArray(o1, i);
                    l.selectFrom(lo2).lanewise(XOR, h.selectFrom(hi2)).intoArray(o2, i);
                    l.selectFrom(lo3).lanewise(XOR, h.selectFrom(hi3)).intoArray(o3, i);
                }
            } else {
                for (int i = offset; i < bound; i += STEP) {
                    ByteVector v = ByteVector.fromArray(SPECIES, in, i);
                    ByteVector l = v.and(mask);
                    ByteVector h = highNibbles(v, mask);
                    l.selectFrom(lo0).lanewise(XOR, h.selectFrom(hi0))
                            .lanewise(XOR, ByteVector.fromArray(SPECIES, o0, i)).intoArray(o0, i);
                    l.selectFrom(lo1).lanewise(XOR, h.selectFrom(hi1))
                            .lanewise(XOR, ByteVector.fromArray(SPECIES, o1, i)).intoArray(o1, i);
                    l.selectFrom(lo2).lanewise(XOR, h.selectFrom(hi2))
                            .lanewise(XOR, ByteVector.fromArray(SPECIES, o2, i)).intoArray(o2, i);
                    l.selectFrom(lo3).lanewise(XOR, h.selectFrom(hi3))
                            .lanewise(XOR, ByteVector.fromArray(SPECIES, o3, i)).intoArray(o3, i);
                }
            }
        }
    }
}
