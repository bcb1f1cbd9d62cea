package io.kcplab.reports.compare;

import io.kcplab.reports.result.RunResult;

import java.util.List;

/**
 * The verdict of {@link Comparison#compare}: per matched configuration, plus the runs of either
 * side that had no partner. {@link #exitStatus()} is what the {@code kcplab compare} command exits with.
 */
public record ComparisonResult(List<MatchComparison> matches, List<RunResult> unmatchedBaseline,
                               List<RunResult> unmatchedCandidate, Thresholds thresholds) {

    /** No regression. */
    public static final int EXIT_PASS = 0;
    /** At least one metric of one configuration crossed its threshold. */
    public static final int EXIT_REGRESSION = 1;
    /** The two sets share no configuration, so nothing was checked. */
    public static final int EXIT_NOTHING_COMPARED = 2;

    public ComparisonResult {
        matches = List.copyOf(matches);
        unmatchedBaseline = List.copyOf(unmatchedBaseline);
        unmatchedCandidate = List.copyOf(unmatchedCandidate);
    }

    public List<MatchComparison> regressions() {
        return matches.stream().filter(MatchComparison::isRegression).toList();
    }

    public boolean passed() {
        return exitStatus() == EXIT_PASS;
    }

    public boolean hasUnmatched() {
        return !unmatchedBaseline.isEmpty() || !unmatchedCandidate.isEmpty();
    }

    /** 0 pass, 1 regression, 2 nothing compared. Unmatched runs alone do not fail (they are listed). */
    public int exitStatus() {
        if (matches.isEmpty()) {
            return EXIT_NOTHING_COMPARED;
        }
        return regressions().isEmpty() ? EXIT_PASS : EXIT_REGRESSION;
    }
}
