package io.kcplab.sim.trace;

import io.kcplab.sim.net.DropCause;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Delta debugging over a failing {@link FaultScript}: finds a smaller script that still fails the same way
 * (same {@link FaultCheck.Failure#kind()}). Reductions, repeated until none applies or the run budget is spent:
 * <ol>
 *   <li>drop conversations (workloads), keeping at least one;</li>
 *   <li>shorten the run (binary search on the duration), unless the failure is a liveness failure, which a
 *       shorter run would produce by itself;</li>
 *   <li>remove script lines (ddmin on the entries: a removed line means "delivered after the base delay", so
 *       drops, corruptions, duplicates and odd delays turn into plain deliveries);</li>
 *   <li>simplify the lines that remain: a duplicate becomes one copy, a damaged copy a clean one, an odd delay
 *       the base delay.</li>
 * </ol>
 * Every candidate is judged by a full replay, so the result is 1-minimal in the lines: no single line can be
 * removed and keep the failure (unless the budget ran out first, which the result says).
 */
public final class Shrinker {

    /** The smallest failing script found, its failure, the replays spent, and whether the search completed. */
    public record Result(FaultScript script, FaultCheck.Failure failure, int runs, boolean complete,
            List<String> log) {
    }

    private final Function<FaultScript, FaultCheck.Failure> test;
    private final int maxRuns;
    private final List<String> log = new ArrayList<>();
    private String kind;
    private FaultCheck.Failure lastFailure;
    private int runs;

    /**
     * @param test    replays a candidate and checks it (null = passes)
     * @param maxRuns bound on replays; the search stops with the best script so far when it is spent
     */
    public Shrinker(Function<FaultScript, FaultCheck.Failure> test, int maxRuns) {
        if (maxRuns < 1) {
            throw new IllegalArgumentException("maxRuns must be >= 1, got " + maxRuns);
        }
        this.test = test;
        this.maxRuns = maxRuns;
    }

    public static Shrinker of(FaultWorkloads workloads, FaultCheck check, int maxRuns) {
        return new Shrinker(s -> FaultRun.test(s, workloads, check), maxRuns);
    }

    public Result shrink(FaultScript script) {
        runs = 0;
        log.clear();
        FaultCheck.Failure original = test.apply(script);
        runs++;
        if (original == null) {
            throw new IllegalArgumentException("the script does not fail when replayed; nothing to shrink");
        }
        kind = original.kind();
        lastFailure = original;
        log.add("start: " + describe(script) + " fails with " + original);
        FaultScript best = script;
        boolean changed = true;
        while (changed && budgetLeft()) {
            changed = false;
            FaultScript next = dropConversations(best);
            if (!original.liveness()) {
                next = shortenRun(next);
            }
            next = removeEntries(next);
            next = simplifyEntries(next);
            if (next != best) {
                changed = true;
                best = next;
            }
        }
        FaultCheck.Failure finalFailure = test.apply(best);
        runs++;
        log.add("end: " + describe(best) + " fails with " + finalFailure + " after " + runs + " replays"
                + (budgetLeft() ? "" : " (budget spent: may not be minimal)"));
        return new Result(best, finalFailure, runs, budgetLeft(), List.copyOf(log));
    }

    private boolean budgetLeft() {
        return runs < maxRuns;
    }

    private boolean fails(FaultScript s) {
        if (!budgetLeft()) {
            return false;
        }
        runs++;
        FaultCheck.Failure f = test.apply(s);
        if (f != null && f.kind().equals(kind)) {
            lastFailure = f;
            return true;
        }
        return false;
    }

    private static String describe(FaultScript s) {
        return s.settings().conversations().size() + " conversation(s), " + s.entries().size() + " line(s) ("
                + s.faults() + " faults), " + s.settings().durationMicros() + " µs";
    }

    private FaultScript dropConversations(FaultScript s) {
        List<FaultSettings.Conversation> kept = ddmin(s.settings().conversations(),
                cs -> !cs.isEmpty() && fails(s.withConversations(cs)), false);
        if (kept.size() == s.settings().conversations().size()) {
            return s;
        }
        FaultScript r = s.withConversations(kept);
        log.add("conversations: " + describe(r));
        return r;
    }

    private FaultScript shortenRun(FaultScript s) {
        long lo = 1000;  // shortest duration a run accepts
        long hi = s.settings().durationMicros();
        if (fails(s.withSettings(s.settings().withDuration(lo)))) {
            hi = lo;
        }
        while (hi - lo > Math.max(1000, hi / 100) && budgetLeft()) {
            long mid = lo + (hi - lo) / 2;
            if (fails(s.withSettings(s.settings().withDuration(mid)))) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        if (hi == s.settings().durationMicros()) {
            return s;
        }
        FaultScript r = s.withSettings(s.settings().withDuration(hi));
        log.add("duration: " + describe(r));
        return r;
    }

    private FaultScript removeEntries(FaultScript s) {
        List<FaultEntry> kept = ddmin(s.entries(), es -> fails(s.withEntries(es)), true);
        if (kept.size() == s.entries().size()) {
            return s;
        }
        FaultScript r = s.withEntries(kept);
        log.add("lines: " + describe(r));
        return r;
    }

    private FaultScript simplifyEntries(FaultScript s) {
        List<FaultEntry> es = new ArrayList<>(s.entries());
        boolean changed = false;
        for (int i = 0; i < es.size() && budgetLeft(); i++) {
            boolean progress = true;
            while (progress && budgetLeft()) {
                progress = false;
                FaultEntry e = es.get(i);
                for (Fate simpler : simplifications(e.fate(), s.settings().baseDelay(e.link()))) {
                    List<FaultEntry> candidate = new ArrayList<>(es);
                    candidate.set(i, e.withFate(simpler));
                    if (fails(s.withEntries(candidate))) {
                        es = candidate;
                        changed = true;
                        progress = true;
                        break;
                    }
                }
            }
        }
        if (!changed) {
            return s;
        }
        FaultScript r = s.withEntries(es);
        log.add("simplified: " + describe(r));
        return r;
    }

    /** Simpler variants of a one-line fate, most drastic first (removing the line altogether is ddmin's job). */
    private static List<Fate> simplifications(Fate f, long base) {
        List<Fate> out = new ArrayList<>();
        if (f.count() > 1) {
            out.add(new Fate(List.of(f.copy(0))));
            out.add(new Fate(List.of(f.copy(1))));
            return out; // once it is one copy, the next round simplifies that copy
        }
        Fate.Copy c = f.copy(0);
        if (c.corruptAt() >= 0 || c.truncateTo() >= 0) {
            out.add(new Fate(List.of(c.healed())));
        }
        if (!c.dropped() && (c.delayMicros() != base || c.order() != 0)) {
            out.add(new Fate(List.of(Fate.Copy.delivered(base, 0, c.corruptAt(), c.corruptMask(), c.truncateTo()))));
        }
        if (c.dropped() && c.cause() != DropCause.LOSS) {
            out.add(new Fate(List.of(Fate.Copy.droppedBy(DropCause.LOSS))));
        }
        return out;
    }

    /**
     * Zeller's ddmin, complement side: removes chunks of {@code items} while {@code fails} holds on what is left,
     * refining the chunks down to single items. With {@code tryEmpty}, first tries keeping nothing.
     */
    private <T> List<T> ddmin(List<T> items, java.util.function.Predicate<List<T>> fails, boolean tryEmpty) {
        List<T> cur = new ArrayList<>(items);
        if (cur.isEmpty()) {
            return cur;
        }
        if (tryEmpty && fails.test(List.of())) {
            return new ArrayList<>();
        }
        int n = 2;
        while (cur.size() >= 2 && budgetLeft()) {
            boolean reduced = false;
            int chunk = (cur.size() + n - 1) / n;
            for (int start = 0; start < cur.size() && budgetLeft(); start += chunk) {
                List<T> complement = new ArrayList<>(cur.subList(0, start));
                complement.addAll(cur.subList(Math.min(cur.size(), start + chunk), cur.size()));
                if (fails.test(complement)) {
                    cur = complement;
                    n = Math.max(n - 1, 2);
                    reduced = true;
                    break;
                }
            }
            if (!reduced) {
                if (chunk == 1) {
                    break;
                }
                n = Math.min(cur.size(), n * 2);
            }
        }
        if (cur.size() == 1 && tryEmpty && budgetLeft() && fails.test(List.of())) {
            cur = new ArrayList<>();
        }
        return cur;
    }
}
