package io.kcplab.protocol.fec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Known answers from the real peers (docs/wire-format.md §6.3, §6.4), for the reference and every kernel. */
class GaloisCodecKnownAnswerTest {

    /** Every kernel this JVM can run: surefire adds jdk.incubator.vector, so the vector shapes are included. */
    static List<String> kernels() {
        List<String> names = new ArrayList<>(List.of("scalar"));
        if (GaloisCodec.vectorAvailable()) {
            names.add("vector-pairwise");
            names.add("vector-per-input");
        }
        return names;
    }

    /** The reference, every kernel, and whatever {@link ErasureCodec#fast} picks. */
    static List<ErasureCodec> allCodecs(int dataShards, int parityShards) {
        List<ErasureCodec> codecs = new ArrayList<>();
        codecs.add(new ReferenceCodec(dataShards, parityShards));
        for (String kernel : kernels()) {
            codecs.add(GaloisCodec.withKernel(kernel, dataShards, parityShards));
        }
        codecs.add(ErasureCodec.fast(dataShards, parityShards));
        return codecs;
    }

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    private static byte[][] tenPlusThreeStripe() {
        byte[][] shards = new byte[13][1400];
        for (int i = 0; i < 10; i++) {
            for (int j = 0; j < 1400; j++) {
                shards[i][j] = (byte) (i * 31 + j * 7 + 1);
            }
        }
        return shards;
    }

    private static String sha256(byte[]... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                md.update(part);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void surefireRunsWithTheVectorModuleSoBothKernelFamiliesAreTested() {
        assertTrue(GaloisCodec.vectorAvailable(), "surefire's argLine should add jdk.incubator.vector");
        assertTrue(((GaloisCodec) ErasureCodec.fast(10, 3)).kernelName().startsWith("vector"));
    }

    @Test
    void tenPlusThreeParityMatchesBackblazeAndKlauspost() {
        for (ErasureCodec codec : allCodecs(10, 3)) {
            byte[][] shards = tenPlusThreeStripe();
            codec.encodeParity(shards, 0, 1400);
            // docs/wire-format.md §6.4: Backblaze and klauspost 1.9.13 (kcp-go 5.6.1's codec) give these same parity
            // bytes; the full digest below is the one Backblaze computes.
            assertArrayEquals(hex("0b174524e32a0ebc"), Arrays.copyOf(shards[10], 8), codec.toString());
            assertEquals("2f9156d30b412ad7146678d2fcce04411d81ca16071d2f55554ebf4d75ed2c99",
                    sha256(shards[10], shards[11], shards[12]), codec.toString());
        }
    }

    /** docs/wire-format.md §6.3: the RS input is each packet from its size field on, zero-padded to 11 bytes. */
    private static byte[][] appendixBStripe() {
        byte[][] shards = new byte[5][11];
        System.arraycopy(hex("0700a0a1a2a3a4"), 0, shards[0], 0, 7);
        System.arraycopy(hex("0b00b0b1b2b3b4b5b6b7b8"), 0, shards[1], 0, 11);
        System.arraycopy(hex("0500c0c1c2"), 0, shards[2], 0, 5);
        return shards;
    }

    @Test
    void kcpGoAppendixBParityIsReproduced() {
        for (ErasureCodec codec : allCodecs(3, 2)) {
            byte[][] shards = appendixBStripe();
            codec.encodeParity(shards, 0, 11);
            assertArrayEquals(hex("0900d0d1d21010b5b6b7b8"), shards[3], codec.toString());
            assertArrayEquals(hex("6b007d7c7fcedbc1d9d1a9"), shards[4], codec.toString());
        }
    }

    @Test
    void kcpGoAppendixBLostShardIsRecovered() {
        for (ErasureCodec codec : allCodecs(3, 2)) {
            byte[][] shards = appendixBStripe();
            shards[3] = hex("0900d0d1d21010b5b6b7b8");
            shards[4] = hex("6b007d7c7fcedbc1d9d1a9");
            byte[] lost = shards[1].clone();
            Arrays.fill(shards[1], (byte) 0x5A);
            Arrays.fill(shards[4], (byte) 0x5A);
            codec.decodeMissing(shards, new boolean[] {true, false, true, true, false}, 0, 11);
            assertArrayEquals(lost, shards[1], codec.toString());
            assertArrayEquals(hex("6b007d7c7fcedbc1d9d1a9"), shards[4], codec.toString());
        }
    }

    @Test
    void tenPlusThreeRecoversThreeLostDataShards() {
        byte[][] original = tenPlusThreeStripe();
        new ReferenceCodec(10, 3).encodeParity(original, 0, 1400);
        for (ErasureCodec codec : allCodecs(10, 3)) {
            byte[][] shards = new byte[13][];
            for (int i = 0; i < 13; i++) {
                shards[i] = original[i].clone();
            }
            boolean[] present = new boolean[13];
            Arrays.fill(present, true);
            for (int lost : new int[] {0, 4, 9}) {
                present[lost] = false;
                Arrays.fill(shards[lost], (byte) 0xEE);
            }
            codec.decodeMissing(shards, present, 0, 1400);
            for (int i = 0; i < 13; i++) {
                assertArrayEquals(original[i], shards[i], codec + " shard " + i);
            }
        }
    }
}
