package io.kcplab.protocol.crypto;

import static jdk.incubator.vector.VectorOperators.ROL;
import static jdk.incubator.vector.VectorOperators.XOR;

import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Salsa20/20 on the Vector API: one lane per block, so a 256-bit vector runs 8 blocks through the rounds at once
 * (the rounds only combine words of the same block, never lanes). Loaded by reflection from
 * {@link Salsa20Kernel#preferred()}; never name this class elsewhere.
 */
final class Salsa20VectorKernel implements Salsa20Kernel {

    private static final VectorSpecies<Integer> SPECIES =
            IntVector.SPECIES_PREFERRED.vectorBitSize() >= 256 ? IntVector.SPECIES_256 : IntVector.SPECIES_128;
    private static final int LANES = SPECIES.length();

    private final int[] counterLow = new int[LANES];
    private final int[] counterHigh = new int[LANES];

    Salsa20VectorKernel() {
        if (SPECIES.length() < 4) {
            throw new UnsupportedOperationException("no 128-bit int vectors");
        }
    }

    @Override
    public int lanes() {
        return LANES;
    }

    @Override
    public void keystream(int[] in, long counter, int[] out) {
        for (int b = 0; b < LANES; b++) {
            long c = counter + b;
            counterLow[b] = (int) c;
            counterHigh[b] = (int) (c >>> 32);
        }
        IntVector j0 = IntVector.broadcast(SPECIES, in[0]);
        IntVector j1 = IntVector.broadcast(SPECIES, in[1]);
        IntVector j2 = IntVector.broadcast(SPECIES, in[2]);
        IntVector j3 = IntVector.broadcast(SPECIES, in[3]);
        IntVector j4 = IntVector.broadcast(SPECIES, in[4]);
        IntVector j5 = IntVector.broadcast(SPECIES, in[5]);
        IntVector j6 = IntVector.broadcast(SPECIES, in[6]);
        IntVector j7 = IntVector.broadcast(SPECIES, in[7]);
        IntVector j8 = IntVector.fromArray(SPECIES, counterLow, 0);
        IntVector j9 = IntVector.fromArray(SPECIES, counterHigh, 0);
        IntVector j10 = IntVector.broadcast(SPECIES, in[10]);
        IntVector j11 = IntVector.broadcast(SPECIES, in[11]);
        IntVector j12 = IntVector.broadcast(SPECIES, in[12]);
        IntVector j13 = IntVector.broadcast(SPECIES, in[13]);
        IntVector j14 = IntVector.broadcast(SPECIES, in[14]);
        IntVector j15 = IntVector.broadcast(SPECIES, in[15]);
        IntVector x0 = j0;
        IntVector x1 = j1;
        IntVector x2 = j2;
        IntVector x3 = j3;
        IntVector x4 = j4;
        IntVector x5 = j5;
        IntVector x6 = j6;
        IntVector x7 = j7;
        IntVector x8 = j8;
        IntVector x9 = j9;
        IntVector x10 = j10;
        IntVector x11 = j11;
        IntVector x12 = j12;
        IntVector x13 = j13;
        IntVector x14 = j14;
        IntVector x15 = j15;
        for (int r = 0; r < 10; r++) {
            x4 = x4.lanewise(XOR, x0.add(x12).lanewise(ROL, 7));
            x8 = x8.lanewise(XOR, x4.add(x0).lanewise(ROL, 9));
            x12 = x12.lanewise(XOR, x8.add(x4).lanewise(ROL, 13));
            x0 = x0.lanewise(XOR, x12.add(x8).lanewise(ROL, 18));
            x9 = x9.lanewise(XOR, x5.add(x1).lanewise(ROL, 7));
            x13 = x13.lanewise(XOR, x9.add(x5).lanewise(ROL, 9));
            x1 = x1.lanewise(XOR, x13.add(x9).lanewise(ROL, 13));
            x5 = x5.lanewise(XOR, x1.add(x13).lanewise(ROL, 18));
            x14 = x14.lanewise(XOR, x10.add(x6).lanewise(ROL, 7));
            x2 = x2.lanewise(XOR, x14.add(x10).lanewise(ROL, 9));
            x6 = x6.lanewise(XOR, x2.add(x14).lanewise(ROL, 13));
            x10 = x10.lanewise(XOR, x6.add(x2).lanewise(ROL, 18));
            x3 = x3.lanewise(XOR, x15.add(x11).lanewise(ROL, 7));
            x7 = x7.lanewise(XOR, x3.add(x15).lanewise(ROL, 9));
            x11 = x11.lanewise(XOR, x7.add(x3).lanewise(ROL, 13));
            x15 = x15.lanewise(XOR, x11.add(x7).lanewise(ROL, 18));

            x1 = x1.lanewise(XOR, x0.add(x3).lanewise(ROL, 7));
            x2 = x2.lanewise(XOR, x1.add(x0).lanewise(ROL, 9));
            x3 = x3.lanewise(XOR, x2.add(x1).lanewise(ROL, 13));
            x0 = x0.lanewise(XOR, x3.add(x2).lanewise(ROL, 18));
            x6 = x6.lanewise(XOR, x5.add(x4).lanewise(ROL, 7));
            x7 = x7.lanewise(XOR, x6.add(x5).lanewise(ROL, 9));
            x4 = x4.lanewise(XOR, x7.add(x6).lanewise(ROL, 13));
            x5 = x5.lanewise(XOR, x4.add(x7).lanewise(ROL, 18));
            x11 = x11.lanewise(XOR, x10.add(x9).lanewise(ROL, 7));
            x8 = x8.lanewise(XOR, x11.add(x10).lanewise(ROL, 9));
            x9 = x9.lanewise(XOR, x8.add(x11).lanewise(ROL, 13));
            x10 = x10.lanewise(XOR, x9.add(x8).lanewise(ROL, 18));
            x12 = x12.lanewise(XOR, x15.add(x14).lanewise(ROL, 7));
            x13 = x13.lanewise(XOR, x12.add(x15).lanewise(ROL, 9));
            x14 = x14.lanewise(XOR, x13.add(x12).lanewise(ROL, 13));
            x15 = x15.lanewise(XOR, x14.add(x13).lanewise(ROL, 18));
        }
        x0.add(j0).intoArray(out, 0);
        x1.add(j1).intoArray(out, LANES);
        x2.add(j2).intoArray(out, 2 * LANES);
        x3.add(j3).intoArray(out, 3 * LANES);
        x4.add(j4).intoArray(out, 4 * LANES);
        x5.add(j5).intoArray(out, 5 * LANES);
        x6.add(j6).intoArray(out, 6 * LANES);
        x7.add(j7).intoArray(out, 7 * LANES);
        x8.add(j8).intoArray(out, 8 * LANES);
        x9.add(j9).intoArray(out, 9 * LANES);
        x10.add(j10).intoArray(out, 10 * LANES);
        x11.add(j11).intoArray(out, 11 * LANES);
        x12.add(j12).intoArray(out, 12 * LANES);
        x13.add(j13).intoArray(out, 13 * LANES);
        x14.add(j14).intoArray(out, 14 * LANES);
        x15.add(j15).intoArray(out, 15 * LANES);
    }
}
