package io.kcplab.protocol;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * What a piece of code allocates once warm: a round of it is run again and again, each run measured with the
 * thread's allocation counter, until one allocates at most the tolerated bytes or the time limit passes. Bounded by
 * time rather than by count: the interpreter and C1 box every Vector API vector, and on a loaded machine C2 may take
 * many seconds to compile the kernels. Code that allocates on every call never gives a clean round and fails at the
 * limit. A JVM without a per-thread allocation counter fails the test: a skipped check would pass unseen.
 *
 * @param allocated      bytes the last measured round allocated
 * @param rounds         measured rounds run
 * @param toleratedBytes what a round may allocate and still be clean (a stray JIT deoptimisation costs a few objects)
 * @param limit          how long rounds were run for at most
 */
public record SteadyStateAllocation(long allocated, long rounds, long toleratedBytes, Duration limit) {

    /**
     * Runs {@code round} on this thread until a run allocates at most {@code toleratedBytes} or {@code limit}
     * passes.
     */
    public static SteadyStateAllocation measure(Runnable round, long toleratedBytes, Duration limit) {
        com.sun.management.ThreadMXBean threads = allocationCounter();
        long self = Thread.currentThread().getId();
        long allocated = Long.MAX_VALUE;
        long rounds = 0;
        long deadline = System.nanoTime() + limit.toNanos();
        while (allocated > toleratedBytes && System.nanoTime() < deadline) {
            long before = threads.getThreadAllocatedBytes(self);
            round.run();
            allocated = threads.getThreadAllocatedBytes(self) - before;
            rounds++;
        }
        return new SteadyStateAllocation(allocated, rounds, toleratedBytes, limit);
    }

    public boolean clean() {
        return allocated <= toleratedBytes;
    }

    /** Fails unless the last round was clean; {@code what} names the code and its round ("aes: 200 packets"). */
    public void assertClean(String what) {
        assertTrue(clean(), what + ": allocated " + allocated + " bytes in the last of " + rounds
                + " measured rounds, none within " + toleratedBytes + " bytes in " + limit.toSeconds() + " s");
    }

    private static com.sun.management.ThreadMXBean allocationCounter() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assertTrue(bean instanceof com.sun.management.ThreadMXBean, "this JVM has no per-thread allocation counter");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        assertTrue(threads.isThreadAllocatedMemorySupported(), "this JVM has no per-thread allocation counter");
        threads.setThreadAllocatedMemoryEnabled(true);
        return threads;
    }
}
