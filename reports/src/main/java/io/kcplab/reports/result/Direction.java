package io.kcplab.reports.result;

/** Which way a metric improves; used to colour changes, never to decide a verdict on its own. */
public enum Direction {
    HIGHER_IS_BETTER,
    LOWER_IS_BETTER,
    NEUTRAL
}
