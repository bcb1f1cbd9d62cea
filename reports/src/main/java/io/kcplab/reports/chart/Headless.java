package io.kcplab.reports.chart;

/** Charts are drawn off-screen; make sure AWT never looks for a display (CI has none). */
final class Headless {
    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private Headless() {
    }

    /** Calling this runs the static initializer once, before any AWT class is touched. */
    static void ensure() {
    }
}
