package io.kcplab.reports.compare;

/** Outcome for one metric of one matched configuration. */
public enum Verdict {
    /** Within its threshold. */
    PASS,
    /** Past its threshold in the bad direction (or the candidate lost all samples the baseline had). */
    REGRESSION,
    /** Thresholded, but the baseline has no samples to compare with. */
    NO_DATA,
    /** Shown for information; no threshold set for this metric. */
    NOT_CHECKED
}
