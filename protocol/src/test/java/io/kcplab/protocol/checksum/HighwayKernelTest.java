package io.kcplab.protocol.checksum;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The Vector API kernel must give exactly the scalar port's output (the build always adds the module). */
class HighwayKernelTest {

    @Test
    void vectorKernelIsLoadedWhenTheModuleIsPresent() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
                && !"scalar".equals(System.getProperty("kcplab.highway.kernel"))) {
            assertNotNull(HighwayHash.VECTOR, "the Vector API kernel should load and pass its self-check");
            assertEquals("vector", HighwayHash.kernelName());
        } else {
            assertEquals("scalar", HighwayHash.kernelName());
        }
    }

    @Test
    void vectorAndScalarAgreeOnEveryLengthUpTo1500AllOutputSizes() {
        HighwayHash.Kernel vector = HighwayHash.VECTOR;
        if (vector == null) {
            return; // scalar-only JVM: nothing to compare (the public API uses the scalar port throughout)
        }
        byte[] data = new byte[1600];
        new SplittableRandom(17).nextBytes(data);
        long[] a = new long[4];
        long[] b = new long[4];
        for (int len = 0; len <= 1500; len++) {
            int off = len % 7;
            for (int rounds : new int[] {HighwayHash.ROUNDS_64, HighwayHash.ROUNDS_128, HighwayHash.ROUNDS_256}) {
                long x = vector.hash(data, off, len, 11, -22, 33, Long.MIN_VALUE, rounds, a);
                long y = HighwayHash.scalar(data, off, len, 11, -22, 33, Long.MIN_VALUE, rounds, b);
                assertEquals(y, x, "length " + len + ", rounds " + rounds);
                if (rounds != HighwayHash.ROUNDS_64) {
                    assertArrayEquals(b, a, "length " + len + ", rounds " + rounds);
                }
            }
        }
    }

    @Test
    void vectorAndScalarAgreeOnRandomKeysAndData() {
        HighwayHash.Kernel vector = HighwayHash.VECTOR;
        if (vector == null) {
            return;
        }
        qt().withExamples(Integer.getInteger("kcplab.qt.examples", 2000))
                .forAll(integers().between(0, 1500), longs().all())
                .checkAssert((len, seed) -> {
                    SplittableRandom r = new SplittableRandom(seed);
                    byte[] d = new byte[len + 3];
                    r.nextBytes(d);
                    long k0 = r.nextLong();
                    long k1 = r.nextLong();
                    long k2 = r.nextLong();
                    long k3 = r.nextLong();
                    assertEquals(HighwayHash.scalar(d, 3, len, k0, k1, k2, k3, HighwayHash.ROUNDS_64, null),
                            vector.hash(d, 3, len, k0, k1, k2, k3, HighwayHash.ROUNDS_64, null));
                });
    }
}
