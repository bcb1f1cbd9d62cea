package io.kcplab.protocol.fec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class GaloisCodecArgumentsTest {

    private static void assertMessage(Throwable e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + e.getMessage() + "' should mention '" + part + "'");
        }
    }

    @Test
    void shardCountsOutOfRangeAreRejected() {
        assertMessage(assertThrows(IllegalArgumentException.class, () -> GaloisCodec.scalar(0, 3)), "dataShards >= 1");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> GaloisCodec.scalar(3, 0)), "parityShards");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> GaloisCodec.scalar(200, 57)), "<= 256",
                "200 + 57");
        assertEquals(256, GaloisCodec.scalar(255, 1).totalShards());
    }

    @Test
    void unknownKernelNamesTheAcceptedOnes() {
        assertMessage(assertThrows(IllegalArgumentException.class, () -> GaloisCodec.withKernel("gfni", 3, 2)),
                "gfni", "scalar", "vector-per-input");
    }

    @Test
    void badShardArraysAreRejectedForEveryKernel() {
        for (String kernel : GaloisCodecKnownAnswerTest.kernels()) {
            ErasureCodec codec = GaloisCodec.withKernel(kernel, 3, 2);
            assertMessage(assertThrows(IllegalArgumentException.class,
                    () -> codec.encodeParity(new byte[4][10], 0, 10)), "4 entries", "expected 5");
            byte[][] withNull = new byte[5][10];
            withNull[3] = null;
            assertMessage(assertThrows(IllegalArgumentException.class, () -> codec.encodeParity(withNull, 0, 10)),
                    "shard 3 is null");
            byte[][] shortOne = new byte[5][10];
            shortOne[4] = new byte[9];
            assertMessage(assertThrows(IllegalArgumentException.class, () -> codec.encodeParity(shortOne, 2, 8)),
                    "shard 4 has 9 bytes");
            assertMessage(assertThrows(IllegalArgumentException.class,
                    () -> codec.encodeParity(new byte[5][10], -1, 5)), "offset");
            assertMessage(assertThrows(IllegalArgumentException.class,
                    () -> codec.decodeMissing(new byte[5][10], new boolean[4], 0, 10)), "4 entries", "expected 5");
        }
    }

    @Test
    void tooManyErasuresSayHowManyCanBeRepaired() {
        for (String kernel : GaloisCodecKnownAnswerTest.kernels()) {
            ErasureCodec codec = GaloisCodec.withKernel(kernel, 10, 3);
            boolean[] present = new boolean[13];
            Arrays.fill(present, true);
            present[0] = present[1] = present[2] = present[12] = false;
            assertMessage(assertThrows(IllegalArgumentException.class,
                    () -> codec.decodeMissing(new byte[13][100], present, 0, 100)),
                    "cannot reconstruct", "9 shards present", "10 needed", "at most 3");
        }
    }

    @Test
    void zeroBytesIsANoOp() {
        for (String kernel : GaloisCodecKnownAnswerTest.kernels()) {
            ErasureCodec codec = GaloisCodec.withKernel(kernel, 3, 2);
            byte[][] shards = new byte[5][4];
            Arrays.fill(shards[3], (byte) 7);
            codec.encodeParity(shards, 4, 0);
            assertEquals(7, shards[3][0]);
        }
    }
}
