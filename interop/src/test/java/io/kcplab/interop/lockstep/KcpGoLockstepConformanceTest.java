package io.kcplab.interop.lockstep;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.quicktheories.QuickTheory.qt;

import org.quicktheories.core.Gen;
import org.quicktheories.impl.Constraint;

/**
 * Lock-step differential test of the Java engine's KCP_GO profile against kcp-go 5.6.1's own kcp.go (the KCP
 * engine, clock injected; see {@code interop/src/main/go/kcplockstep}): QuickTheories generates scripts
 * ({@link KcpGoScripts}: every mode, stream and message mode, MTU, windows, message sizes, the faulty channel,
 * ack-no-delay on and off, FEC-recovered input, reserved bytes), each runs on both, and every emitted datagram,
 * return value and state field must be equal after every op.
 *
 * <p>System properties: {@code kcplab.kcpgo.scripts} (default 5000: 11-13 s on 2 cores),
 * {@code kcplab.kcpgo.minOps} (200),
 * {@code kcplab.kcpgo.maxOps} (300), {@code kcplab.kcpgo.seed} (fixed by default; always printed). A failure prints
 * the seed, the first divergence and a minimal script (QuickTheories shrinks the choices, then delta debugging
 * removes ops).
 *
 * <p>Every line is compared, the {@code snmp} counters included.
 */
class KcpGoLockstepConformanceTest {

    static final long DEFAULT_SEED = 0x6B637067_6F353631L; // "kcpgo561"
    private static final int SCRIPTS = Integer.getInteger("kcplab.kcpgo.scripts", 5000);
    private static final int MIN_OPS = Integer.getInteger("kcplab.kcpgo.minOps", 200);
    private static final int MAX_OPS = Integer.getInteger("kcplab.kcpgo.maxOps", 300);

    static Gen<Script> scripts(int minOps, int maxOps) {
        KcpGoScripts g = new KcpGoScripts(minOps, maxOps);
        return in -> g.generate((lo, hi) -> in.next(Constraint.between(lo, hi)));
    }

    @Test
    void javaKcpGoProfileMatchesKcpGo() {
        long seed = Long.getLong("kcplab.kcpgo.seed", DEFAULT_SEED);
        System.out.printf("lock-step kcp-go: %d scripts of %d..%d ops, seed %d (-Dkcplab.kcpgo.seed=%d)%n",
                SCRIPTS, MIN_OPS, MAX_OPS, seed, seed);
        long start = System.nanoTime();
        try (KcpGoChecker checker = KcpGoPeer.checker()) {
            Script[] smallestFailure = new Script[1];
            try {
                qt().withFixedSeed(seed).withExamples(SCRIPTS).withShrinkCycles(200)
                        .forAll(scripts(MIN_OPS, MAX_OPS))
                        .checkAssert(script -> {
                            Transcript.Divergence d = checker.check(script);
                            if (d != null) {
                                Script cut = script.prefix(d.opIndex + 1);
                                if (smallestFailure[0] == null || cut.size() <= smallestFailure[0].size()) {
                                    smallestFailure[0] = cut;
                                }
                                throw new AssertionError(KcpGoChecker.describe(d));
                            }
                        });
            } catch (AssertionError e) {
                Script minimal = smallestFailure[0] == null ? null
                        : ScriptShrinker.shrink(smallestFailure[0], checker::diverges, 60_000);
                Transcript.Divergence d = minimal == null ? null : checker.check(minimal);
                fail("kcp-go 5.6.1 and Java Kcp (KCP_GO) diverge; seed " + seed + " (-Dkcplab.kcpgo.seed=" + seed + ")\n"
                        + (d != null ? KcpGoChecker.describe(d) : "")
                        + (minimal != null ? "minimal script (" + minimal.size() + " ops):\n" + minimal.toText() : "")
                        + "\nQuickTheories report:\n" + e.getMessage(), e);
            }
            System.out.printf("lock-step kcp-go: %d scripts, %d ops, %d datagrams compared, all equal, %.1f s;%n"
                            + "  coverage (ikcp's trap names; kcp-go's recv -2, buffer too small, counts as "
                            + "recv_incomplete): %s%n", checker.scripts(), checker.ops(), checker.datagrams(),
                    (System.nanoTime() - start) / 1e9, checker.coverage());
            assertTrue(checker.scripts() >= SCRIPTS, "ran " + checker.scripts() + " scripts");
        }
    }
}
