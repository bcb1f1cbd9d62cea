package io.kcplab.sim.net;

/** Argument checks whose messages name the field, the accepted range and the value that was given. */
final class Check {

    private Check() {
    }

    static double probability(String field, double value) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(field + " must be a probability in [0, 1] (1 = 100%), got " + value);
        }
        return value;
    }

    static long range(String field, long value, long min, long max, String unit) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(field + " must be in [" + min + ", " + max + "]" + unit
                    + ", got " + value);
        }
        return value;
    }

    static int range(String field, int value, int min, int max, String unit) {
        return (int) range(field, (long) value, min, max, unit);
    }

    static <T> T notNull(String field, T value) {
        if (value == null) {
            throw new IllegalArgumentException(field + " must not be null");
        }
        return value;
    }

    /** netem's fixed-point probability: p scaled to a u32 threshold (iproute2 scales percentages the same way). */
    static long threshold(double probability) {
        return Math.round(probability * 4294967295.0);
    }
}
