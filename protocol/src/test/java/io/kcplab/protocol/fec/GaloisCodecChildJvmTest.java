package io.kcplab.protocol.fec;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kcplab.protocol.SimdSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Configurations the test JVM itself cannot be in, each in a child JVM: no {@code jdk.incubator.vector} (CI may
 * not add it: the fast codec must fall back to the scalar kernel, and asking for the vector kernel must say what
 * is missing), and the narrower vector widths a CPU without AVX-512 gets.
 */
class GaloisCodecChildJvmTest {

    /** Runs in the child JVM: every kernel it can build against the reference on seeded random stripes. */
    public static void main(String[] args) {
        // the child is an edge: it reads the overrides the parent passed as system properties
        SimdSettings simd = SimdSettings.fromProperties(System::getProperty, SimdSettings.defaults());
        System.out.println("module=" + GaloisCodec.vectorAvailable());
        System.out.println("fast=" + ((GaloisCodec) ErasureCodec.fast(10, 3, simd)).kernelName());
        try {
            GaloisCodec.vector(10, 3);
            System.out.println("vector=built");
        } catch (UnsupportedOperationException e) {
            System.out.println("vector=" + e.getMessage());
        }
        List<String> kernels = GaloisCodecKnownAnswerTest.kernels();
        Random random = new Random(20261124);
        int checked = 0;
        for (int round = 0; round < 60; round++) {
            int d = 1 + random.nextInt(20);
            int p = 1 + random.nextInt(6);
            int size = round % 4 == 0 ? 1400 : 1 + random.nextInt(300);
            int offset = random.nextInt(9);
            byte[][] expected = new byte[d + p][offset + size];
            for (int i = 0; i < d; i++) {
                random.nextBytes(expected[i]);
            }
            new ReferenceCodec(d, p).encodeParity(expected, offset, size);
            boolean[] present = new boolean[d + p];
            Arrays.fill(present, true);
            for (int lost = random.nextInt(p + 1); lost > 0; ) {
                int i = random.nextInt(d + p);
                if (present[i]) {
                    present[i] = false;
                    lost--;
                }
            }
            for (String kernel : kernels) {
                ErasureCodec codec = GaloisCodec.withKernel(kernel, simd, d, p);
                byte[][] shards = new byte[d + p][];
                for (int i = 0; i < d + p; i++) {
                    shards[i] = i < d ? expected[i].clone() : new byte[offset + size];
                }
                codec.encodeParity(shards, offset, size);
                if (!Arrays.deepEquals(expected, shards)) {
                    System.out.println("mismatch encode " + codec + " size " + size + " offset " + offset);
                }
                for (int i = 0; i < d + p; i++) {
                    if (!present[i]) {
                        Arrays.fill(shards[i], offset, offset + size, (byte) 0x77);
                    }
                }
                codec.decodeMissing(shards, present, offset, size);
                if (!Arrays.deepEquals(expected, shards)) {
                    System.out.println("mismatch decode " + codec + " size " + size + " offset " + offset);
                }
                checked++;
            }
        }
        System.out.println("kernels=" + kernels + " checked=" + checked);
    }

    private static String runChild(String... jvmOptions) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), GaloisCodecChildJvmTest.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.redirectErrorStream(true);
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("JDK_JAVA_OPTIONS");
        Process process = builder.start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), "child JVM did not finish");
            assertEquals(0, process.exitValue(), output);
            assertFalse(output.contains("mismatch"), output);
            return output;
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void withoutTheModuleTheFastCodecIsScalarAndVectorSaysWhy() throws Exception {
        String output = runChild();
        assertTrue(output.contains("module=false"), output);
        assertTrue(output.contains("fast=scalar"), output);
        assertTrue(output.contains("vector=") && output.contains("--add-modules jdk.incubator.vector"), output);
        assertTrue(output.contains("kernels=[scalar] checked=60"), output);
    }

    @Test
    void narrowerVectorsGiveTheSameBytes() throws Exception {
        for (String bits : new String[] {"128", "256"}) {
            String output = runChild("--add-modules", "jdk.incubator.vector", "-Dkcplab.fec.vectorBits=" + bits);
            assertTrue(output.contains("module=true"), output);
            assertTrue(output.contains("fast=vector"), output);
            assertTrue(output.contains("kernels=[scalar, vector-pairwise, vector-per-input] checked=180"), output);
        }
    }

    @Test
    void forcedScalarKernelIsHonoured() throws Exception {
        String output = runChild("--add-modules", "jdk.incubator.vector", "-Dkcplab.fec.kernel=scalar");
        assertTrue(output.contains("fast=scalar"), output);
    }
}
