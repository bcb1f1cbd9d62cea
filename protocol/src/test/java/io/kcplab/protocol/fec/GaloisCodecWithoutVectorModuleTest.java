package io.kcplab.protocol.fec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Starts a JVM without {@code jdk.incubator.vector} (CI may not add it): the fast codec must fall back to the scalar
 * kernel with the same parity, and asking for the vector kernel must say what is missing.
 */
class GaloisCodecWithoutVectorModuleTest {

    /** Runs in the child JVM. */
    public static void main(String[] args) {
        System.out.println("module=" + GaloisCodec.vectorAvailable());
        ErasureCodec fast = ErasureCodec.fast(10, 3);
        System.out.println("fast=" + ((GaloisCodec) fast).kernelName());
        byte[][] mine = new byte[13][1400];
        byte[][] reference = new byte[13][1400];
        for (int i = 0; i < 10; i++) {
            for (int j = 0; j < 1400; j++) {
                mine[i][j] = (byte) (i * 31 + j * 7 + 1);
                reference[i][j] = mine[i][j];
            }
        }
        fast.encodeParity(mine, 0, 1400);
        ErasureCodec.reference(10, 3).encodeParity(reference, 0, 1400);
        System.out.println("sameParity=" + Arrays.deepEquals(mine, reference));
        try {
            GaloisCodec.vector(10, 3);
            System.out.println("vector=built");
        } catch (UnsupportedOperationException e) {
            System.out.println("vector=" + e.getMessage());
        }
    }

    @Test
    void fastCodecFallsBackToScalarWithoutTheModule() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(List.of(java.toString(), "-Xshare:auto", "-cp",
                System.getProperty("java.class.path"), GaloisCodecWithoutVectorModuleTest.class.getName()));
        builder.redirectErrorStream(true);
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("JDK_JAVA_OPTIONS");
        Process process = builder.start();
        String output;
        try {
            output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "child JVM did not finish");
        } finally {
            process.destroyForcibly();
        }
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("module=false"), output);
        assertTrue(output.contains("fast=scalar"), output);
        assertTrue(output.contains("sameParity=true"), output);
        assertTrue(output.contains("vector=") && output.contains("--add-modules jdk.incubator.vector"), output);
    }
}
