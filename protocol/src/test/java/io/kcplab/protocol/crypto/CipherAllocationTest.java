package io.kcplab.protocol.crypto;

import io.kcplab.protocol.SteadyStateAllocation;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** After warm-up, encrypting, decrypting and batch-encrypting packets up to 1500 bytes allocates nothing. */
class CipherAllocationTest {

    private static final Duration STEADY_STATE_LIMIT = Duration.ofSeconds(60);

    static Stream<String> names() {
        return Ciphers.names().stream();
    }

    @ParameterizedTest
    @MethodSource("names")
    void steadyStateAllocatesNothing(String name) {
        BlockCrypt crypt = Ciphers.create(name, KeyDerivation.kcptun("alloc"));
        byte[][] packets = new byte[16][1500];
        int[] offsets = new int[16];
        int[] lengths = new int[16];
        for (int i = 0; i < 16; i++) {
            lengths[i] = 1500 - 37 * i;
        }
        byte[] out = new byte[1500];
        Runnable work = () -> {
            for (int len = 1; len <= 1500; len += 149) {
                crypt.encrypt(packets[0], 0, out, 0, len);
                crypt.encrypt(packets[1], 0, packets[1], 0, len);
                crypt.decrypt(out, 0, packets[2], 0, len);
                crypt.decrypt(packets[1], 0, packets[1], 0, len);
            }
            crypt.encryptBatch(packets, offsets, lengths, 16);
        };
        for (int i = 0; i < 1500; i++) {
            work.run();
        }
        // salsa20's kernel is Vector API code: clean only once C2 has compiled it
        SteadyStateAllocation.measure(() -> {
            for (int i = 0; i < 200; i++) {
                work.run();
            }
        }, 0, STEADY_STATE_LIMIT).assertClean(name + ", rounds of 200");
    }
}
