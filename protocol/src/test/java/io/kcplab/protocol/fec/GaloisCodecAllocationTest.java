package io.kcplab.protocol.fec;

import io.kcplab.protocol.SteadyStateAllocation;
import java.time.Duration;
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
    /** A stray JIT deoptimisation may cost a few objects; a per-call allocation would be > 2000 x 16 B. */
    private static final long JIT_NOISE_BYTES = 4096;

    @Test
    void steadyStateEncodeAndDecodeDoNotAllocate() {
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
                SteadyStateAllocation.measure(() -> {
                    for (int i = 0; i < MEASURED; i++) {
                        codec.encodeParity(shards, 0, size);
                        codec.decodeMissing(shards, present, 0, size);
                    }
                }, JIT_NOISE_BYTES, Duration.ofSeconds(30))
                        .assertClean(kernel + " at " + size + " B, rounds of " + MEASURED + " encode+decode calls");
            }
        }
    }
}
