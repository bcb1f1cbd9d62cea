package io.kcplab.interop.lockstep;

import java.util.function.Predicate;

/**
 * Delta debugging on the op list: keeps removing chunks of ops (halves, quarters, … single ops) while the
 * script still fails. Channel ops take their index modulo the list size, so any sub-script is still valid.
 * Runs after QuickTheories' own shrinking, which simplifies values but cannot go below the minimum op count.
 */
public final class ScriptShrinker {

    private ScriptShrinker() {
    }

    /**
     * @param failing  the predicate "this script still shows the failure"
     * @param budgetMs stop after about this much wall time with the smallest script found so far
     */
    public static Script shrink(Script script, Predicate<Script> failing, long budgetMs) {
        long deadline = System.nanoTime() + budgetMs * 1_000_000L;
        Script best = script;
        // a divergence at op i never needs the ops after it: cut the tail first, by bisection
        int lo = 1;
        int hi = best.size();
        while (lo < hi && System.nanoTime() < deadline) {
            int mid = (lo + hi) >>> 1;
            if (failing.test(best.prefix(mid))) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        best = best.prefix(hi);
        int chunk = Math.max(1, best.size() / 2);
        while (chunk >= 1 && System.nanoTime() < deadline) {
            boolean removed = false;
            for (int from = best.size() - chunk; from >= 0 && System.nanoTime() < deadline; from -= chunk) {
                Script candidate = best.without(from, Math.min(best.size(), from + chunk));
                if (candidate.size() > 0 && failing.test(candidate)) {
                    best = candidate;
                    removed = true;
                }
            }
            if (!removed) {
                chunk /= 2;
            } else {
                chunk = Math.min(chunk, Math.max(1, best.size() / 2));
            }
        }
        return best;
    }
}
