package io.kcplab.protocol.fec;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Encode, and decode of a cached pattern, allocate nothing once warm (the Vector API kernels only once C2 has
 * compiled them: the interpreter boxes every vector). Measured with the thread's allocation counter.
 */
class GaloisCodecAllocationTest {

    private static final int WARMUP = Integer.getInteger("kcplab.fec.allocationWarmup", 30_000);
    private static final int MEASURED = 2_000;

    @Test
    void steadyStateEncodeAndDecodeDoNotAllocate() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "no per-thread allocation counter");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(threads.isThreadAllocatedMemorySupported());
        threads.setThreadAllocatedMemoryEnabled(true);
        long self = Thread.currentThread().getId();

        for (String kernel : GaloisCodecKnownAnswerTest.kernels()) {
            ErasureCodec codec = GaloisCodec.withKernel(kernel, 10, 3);
            // 1400 = 21 x 64 + 56 exercises the vector tail; 40 bytes the short-shard path.
            for (int size : new int[] {1400, 40}) {
                byte[][] shards = new byte[13][size];
                Random random = new Random(size);
                for (int i = 0; i < 10; i++) {
                    random.nextBytes(shards[i]);
                }
                boolean[] present = new boolean[13];
                Arrays.fill(present, true);
                present[1] = present[5] = present[11] = false;
                for (int i = 0; i < WARMUP; i++) {
                    codec.encodeParity(shards, 0, size);
                    codec.decodeMissing(shards, present, 0, size);
                }
                // Then measure rounds until one is clean, bounded by time: on a loaded machine C2 can take seconds
                // to compile the kernels, and until it does the Vector API boxes every vector.
                long allocated = Long.MAX_VALUE;
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (allocated >= 4096 && System.nanoTime() < deadline) {
                    long before = threads.getThreadAllocatedBytes(self);
                    for (int i = 0; i < MEASURED; i++) {
                        codec.encodeParity(shards, 0, size);
                        codec.decodeMissing(shards, present, 0, size);
                    }
                    allocated = threads.getThreadAllocatedBytes(self) - before;
                }
                // A stray JIT deoptimisation may cost a few objects; a per-call allocation would be > 2000 x 16 B.
                assertTrue(allocated < 4096, kernel + " at " + size + " B allocated " + allocated + " bytes in "
                        + MEASURED + " encode+decode calls");
            }
        }
    }
}
