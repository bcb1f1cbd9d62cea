package io.kcplab.interop.lockstep;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Exploration: runs N scripts of {@link KcpGoScripts} ({@code -Dkcplab.kcpgo.explore=N}, default 200 in CI) with
 * plain seeds ({@code -Dkcplab.kcpgo.exploreFrom}, default 0; {@code kcplab.kcpgo.minOps}/{@code maxOps}) and,
 * unlike the conformance test, does not stop at the first divergence: it prints how many scripts diverge and a
 * shrunk script for each distinct kind (op and differing fields), up to six, then fails if any diverged. Runs of
 * 41,500 scripts (200..300 ops, 10 M ops) and of 1,000 scripts (1,000..3,000 ops, 2 M ops) found nothing else once
 * the duplicate-PUSH and InSegs bugs were fixed.
 */
class KcpGoExploreTest {

    @Test
    void explore() {
        int n = Integer.getInteger("kcplab.kcpgo.explore", 200);
        long first = Long.getLong("kcplab.kcpgo.exploreFrom", 0L);
        KcpGoScripts g = new KcpGoScripts(Integer.getInteger("kcplab.kcpgo.minOps", 200),
                Integer.getInteger("kcplab.kcpgo.maxOps", 300));
        Map<String, String> found = new LinkedHashMap<>();
        int failing = 0;
        try (KcpGoChecker checker = KcpGoPeer.checker()) {
            for (long seed = first; seed < first + n; seed++) {
                Script s = g.generate(Draws.seeded(seed));
                Transcript.Divergence d = checker.check(s);
                if (d == null) {
                    continue;
                }
                failing++;
                String key = d.op.replaceAll("[0-9]+", "#") + " | " + KcpGoChecker.describe(d).lines()
                        .filter(l -> l.contains("differing")).findFirst()
                        .orElse(d.expected.length() > 40 ? d.expected.substring(0, 40) : d.expected)
                        .replaceAll("=[0-9]+", "");
                if (found.containsKey(key) || found.size() >= 6) {
                    continue;
                }
                Script min = ScriptShrinker.shrink(s.prefix(d.opIndex + 1), checker::diverges, 20_000);
                Transcript.Divergence md = checker.check(min);
                found.put(key, "seed " + seed + "\n"
                        + (md == null ? "(shrunk script passes?)" : KcpGoChecker.describe(md))
                        + min.toText());
            }
            System.out.println("EXPLORE coverage: " + checker.coverage() + " ops " + checker.ops() + " datagrams "
                    + checker.datagrams());
        }
        System.out.println("EXPLORE: " + failing + " of " + n + " scripts diverge; distinct: " + found.size());
        StringBuilder report = new StringBuilder();
        found.forEach((k, v) -> report.append("=== ").append(k).append('\n').append(v));
        System.out.print(report);
        assertEquals(0, failing, "scripts diverging from kcp-go (plain seeds from " + first + "):\n" + report);
    }
}
