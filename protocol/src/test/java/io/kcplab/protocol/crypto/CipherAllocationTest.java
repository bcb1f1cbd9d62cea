package io.kcplab.protocol.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** After warm-up, encrypting, decrypting and batch-encrypting packets up to 1500 bytes allocates nothing. */
class CipherAllocationTest {

    private static final long STEADY_STATE_TIMEOUT_NANOS = 60_000_000_000L;

    static Stream<String> names() {
        return Ciphers.names().stream();
    }

    @ParameterizedTest
    @MethodSource("names")
    void steadyStateAllocatesNothing(String name) {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "needs HotSpot allocation counter");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported());
        threads.setThreadAllocatedMemoryEnabled(true);

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
        long tid = Thread.currentThread().getId();
        // Measured rounds until one allocates nothing, bounded by time rather than by count: the interpreter and C1
        // box every Vector API vector (salsa20's kernel), and on a loaded machine C2 may take many seconds to reach
        // these methods. An allocation per packet never gives a clean round and fails at the time limit.
        long allocated = Long.MAX_VALUE;
        long rounds = 0;
        long deadline = System.nanoTime() + STEADY_STATE_TIMEOUT_NANOS;
        while (allocated != 0 && System.nanoTime() < deadline) {
            long before = threads.getThreadAllocatedBytes(tid);
            for (int i = 0; i < 200; i++) {
                work.run();
            }
            allocated = threads.getThreadAllocatedBytes(tid) - before;
            rounds++;
        }
        assertEquals(0, allocated, name + " allocated " + allocated + " bytes in the last of " + rounds
                + " measured rounds of 200, none clean within " + STEADY_STATE_TIMEOUT_NANOS / 1_000_000_000L + " s");
    }
}
