package io.kcplab.protocol.checksum;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The Vector API kernel must give exactly the scalar port's output (the build always adds the module). */
class HighwayKernelTest {

    @Test
    void vectorKernelIsLoadedWhenTheModuleIsPresent() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
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
                long x = vector.hash(data, off, len, new long[] {11, -22, 33, Long.MIN_VALUE}, rounds, a);
                long y = HighwayHash.scalar(data, off, len, 11, -22, 33, Long.MIN_VALUE, rounds, b);
                assertEquals(y, x, "length " + len + ", rounds " + rounds);
                if (rounds != HighwayHash.ROUNDS_64) {
                    assertArrayEquals(b, a, "length " + len + ", rounds " + rounds);
                }
            }
        }
    }

    /** Once compiled, hashing allocates nothing on either path (short inputs scalar, long ones vector). */
    @Test
    void hashingIsAllocationFreeOnceWarm() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        HighwayHash h = new HighwayHash(5, 6, 7, 8);
        byte[] data = new byte[1500];
        long[] out = new long[4];
        long[] sink = new long[1];
        Runnable round = () -> {
            for (int i = 0; i < 5000; i++) {
                int len = (i & 1) == 0 ? 64 + (i & 31) : 1400 - (i & 31);
                sink[0] += h.hash64(data, 0, len);
                h.hash128(data, 0, len, out);
                h.hash256(data, 0, len, out);
            }
        };
        long allocated = Long.MAX_VALUE;
        for (int attempt = 0; attempt < 60 && allocated >= 1024; attempt++) { // warm until C2 has compiled it
            long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
            round.run();
            allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
        }
        assertTrue(allocated < 1024, HighwayHash.kernelName() + " kernel allocated " + allocated
                + " bytes in 15000 hashes");
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
                            vector.hash(d, 3, len, new long[] {k0, k1, k2, k3}, HighwayHash.ROUNDS_64, null));
                });
    }
}
