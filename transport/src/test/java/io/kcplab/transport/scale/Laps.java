package io.kcplab.transport.scale;

import java.util.Locale;

/** Wall-clock laps of a test's stages, printed so that the CI budget can be read from the report. */
final class Laps {

    private final StringBuilder sb = new StringBuilder();
    private long last = System.nanoTime();

    void lap(String stage) {
        long now = System.nanoTime();
        if (sb.length() > 0) {
            sb.append(", ");
        }
        sb.append(stage).append(' ').append(String.format(Locale.ROOT, "%.1f s", (now - last) / 1e9));
        last = now;
    }

    @Override
    public String toString() {
        return sb.toString();
    }
}
