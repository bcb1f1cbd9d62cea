package io.kcplab.protocol.fec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every vector loop shape and per-input group size against the scalar kernel, whatever group size this JDK picks
 * by default (JDK 17 never uses groups of four on its own). Random coefficient matrices, including 0 and 1.
 */
class VectorCodecLoopShapesTest {

    @Test
    void everyShapeAndGroupSizeAgreesWithTheScalarKernel() {
        assertTrue(GaloisCodec.vectorAvailable(), "surefire's argLine should add jdk.incubator.vector");
        Random random = new Random(77);
        for (int round = 0; round < 120; round++) {
            int outputs = 1 + random.nextInt(9);
            int inputs = 1 + random.nextInt(12);
            byte[][] coefficients = new byte[outputs][inputs];
            for (byte[] row : coefficients) {
                for (int c = 0; c < inputs; c++) {
                    int pick = random.nextInt(8);
                    row[c] = (byte) (pick == 0 ? 0 : pick == 1 ? 1 : random.nextInt(256));
                }
            }
            int size = round % 5 == 0 ? 1400 : 1 + random.nextInt(260);
            int offset = random.nextInt(5);
            byte[][] shards = new byte[inputs + outputs][offset + size + 3];
            for (byte[] shard : shards) {
                random.nextBytes(shard);
            }
            int[] in = new int[inputs];
            int[] out = new int[outputs];
            for (int i = 0; i < inputs; i++) {
                in[i] = outputs + i; // inputs after outputs: the kernels must follow the index arrays
            }
            for (int r = 0; r < outputs; r++) {
                out[r] = r;
            }
            byte[][] expected = copy(shards);
            new PackedTableMultiplier(coefficients).multiply(expected, in, out, offset, size);
            ShardMultiplier[] shapes = {
                new PairwiseVectorMultiplier(coefficients),
                new PerInputVectorMultiplier(coefficients),
                new PerInputVectorMultiplier(coefficients, 1),
                new PerInputVectorMultiplier(coefficients, 2),
                new PerInputVectorMultiplier(coefficients, 3),
                new PerInputVectorMultiplier(coefficients, 4),
            };
            for (int s = 0; s < shapes.length; s++) {
                byte[][] actual = copy(shards);
                shapes[s].multiply(actual, in, out, offset, size);
                for (int i = 0; i < actual.length; i++) {
                    assertArrayEquals(expected[i], actual[i], "shape " + s + ", round " + round + ", " + outputs
                            + "x" + inputs + ", size " + size + ", offset " + offset + ", shard " + i);
                }
            }
        }
    }

    private static byte[][] copy(byte[][] shards) {
        byte[][] out = new byte[shards.length][];
        for (int i = 0; i < shards.length; i++) {
            out[i] = shards[i].clone();
        }
        return out;
    }
}
