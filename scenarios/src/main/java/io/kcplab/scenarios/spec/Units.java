package io.kcplab.scenarios.spec;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the unit strings of scenario files. Each parser throws {@link IllegalArgumentException} whose message
 * says what was given and what is accepted; {@link Node} prefixes the field path.
 *
 * <ul>
 *   <li>durations: {@code 250us}, {@code 50ms}, {@code 1.5s}, {@code 2min} (0 may omit the unit)</li>
 *   <li>rates: {@code 500kbit}, {@code 10Mbit}, {@code 1Gbit} (also {@code Mbps}, {@code Mbit/s}); {@code unlimited}
 *       or 0 = no limit; decimal prefixes as in tc</li>
 *   <li>sizes: {@code 1400} or {@code 1400B}, {@code 64KB}, {@code 2MB} (powers of 1000), {@code 64KiB},
 *       {@code 2MiB} (powers of 1024)</li>
 *   <li>probabilities: {@code 2.5%} or a fraction {@code 0.025}</li>
 * </ul>
 */
public final class Units {

    public static final String DURATION_HINT = "a duration such as 250us, 50ms, 1.5s or 2min";
    public static final String RATE_HINT = "a rate such as 500kbit, 10Mbit, 1Gbit (or 'unlimited')";
    public static final String SIZE_HINT = "a size such as 1400 (bytes), 64KB, 2MB, 64KiB or 2MiB";
    public static final String PROBABILITY_HINT = "a percentage such as 2.5% or a fraction 0..1 such as 0.025";

    private static final Pattern DURATION = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*(us|µs|ms|s|sec|min)");
    private static final Pattern RATE = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*([kmgt]?)(bit|bps)(?:/s)?");
    private static final Pattern SIZE = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*(b|kb|mb|gb|kib|mib|gib)?");
    private static final Pattern PERCENT = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*%");

    private Units() {
    }

    /** Microseconds. */
    public static long durationMicros(Object value) {
        if (value instanceof Number n && n.doubleValue() == 0) {
            return 0;
        }
        if (value instanceof Number) {
            throw new IllegalArgumentException(value + " has no unit; expected " + DURATION_HINT);
        }
        Matcher m = DURATION.matcher(text(value));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + value + "' is not a duration; expected " + DURATION_HINT);
        }
        BigDecimal n = new BigDecimal(m.group(1));
        long scale = switch (m.group(2)) {
            case "us", "µs" -> 1;
            case "ms" -> 1_000;
            case "s", "sec" -> 1_000_000;
            default -> 60_000_000;
        };
        return exact(n.multiply(BigDecimal.valueOf(scale)), value, "µs");
    }

    /** Bits per second; 0 = unlimited. */
    public static long bitsPerSecond(Object value) {
        if (value instanceof Number n && n.doubleValue() == 0) {
            return 0;
        }
        if (value instanceof Number) {
            throw new IllegalArgumentException(value + " has no unit; expected " + RATE_HINT);
        }
        String t = text(value).toLowerCase(Locale.ROOT);
        if (t.equals("unlimited")) {
            return 0;
        }
        Matcher m = RATE.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + value + "' is not a rate; expected " + RATE_HINT);
        }
        long scale = switch (m.group(2)) {
            case "k" -> 1_000L;
            case "m" -> 1_000_000L;
            case "g" -> 1_000_000_000L;
            case "t" -> 1_000_000_000_000L;
            default -> 1;
        };
        return exact(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(scale)), value, "bit/s");
    }

    /** Bytes. */
    public static long bytes(Object value) {
        if (value instanceof Integer || value instanceof Long) {
            long v = ((Number) value).longValue();
            if (v < 0) {
                throw new IllegalArgumentException(value + " is negative; expected " + SIZE_HINT);
            }
            return v;
        }
        if (value instanceof Number) {
            throw new IllegalArgumentException(value + " is not a whole number of bytes; expected " + SIZE_HINT);
        }
        Matcher m = SIZE.matcher(text(value).toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + value + "' is not a size; expected " + SIZE_HINT);
        }
        long scale = m.group(2) == null ? 1 : switch (m.group(2)) {
            case "kb" -> 1_000L;
            case "mb" -> 1_000_000L;
            case "gb" -> 1_000_000_000L;
            case "kib" -> 1L << 10;
            case "mib" -> 1L << 20;
            case "gib" -> 1L << 30;
            default -> 1;
        };
        return exact(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(scale)), value, "bytes");
    }

    /** A probability in [0, 1]. */
    public static double probability(Object value) {
        double p;
        if (value instanceof Number n) {
            p = n.doubleValue();
        } else {
            Matcher m = PERCENT.matcher(text(value));
            if (!m.matches()) {
                throw new IllegalArgumentException("'" + value + "' is not a probability; expected "
                        + PROBABILITY_HINT);
            }
            p = Double.parseDouble(m.group(1)) / 100.0;
        }
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(value + " is out of range; expected " + PROBABILITY_HINT
                    + " (0% to 100%)");
        }
        return p;
    }

    /** "50ms", "1.5s", "250us": the shortest exact spelling of a duration. */
    public static String formatMicros(long micros) {
        if (micros == 0) {
            return "0s";
        }
        if (micros % 1_000_000 == 0) {
            return micros / 1_000_000 + "s";
        }
        if (micros % 1_000 == 0) {
            return micros / 1_000 + "ms";
        }
        return micros + "us";
    }

    /** "10Mbit", "500kbit", "unlimited". */
    public static String formatRate(long bitsPerSecond) {
        if (bitsPerSecond == 0) {
            return "unlimited";
        }
        if (bitsPerSecond % 1_000_000_000 == 0) {
            return bitsPerSecond / 1_000_000_000 + "Gbit";
        }
        if (bitsPerSecond % 1_000_000 == 0) {
            return bitsPerSecond / 1_000_000 + "Mbit";
        }
        if (bitsPerSecond % 1_000 == 0) {
            return bitsPerSecond / 1_000 + "kbit";
        }
        return bitsPerSecond + "bit";
    }

    /** "3%", "0.5%". */
    public static String formatPercent(double p) {
        BigDecimal d = BigDecimal.valueOf(p * 100).stripTrailingZeros();
        return d.toPlainString() + "%";
    }

    private static String text(Object value) {
        if (!(value instanceof String s)) {
            throw new IllegalArgumentException("expected a single value, got " + Node.describe(value));
        }
        return s.trim();
    }

    private static long exact(BigDecimal v, Object original, String unit) {
        if (v.compareTo(BigDecimal.valueOf(Long.MAX_VALUE / 4)) > 0) {
            throw new IllegalArgumentException("'" + original + "' is too large");
        }
        if (v.signum() != 0 && v.compareTo(BigDecimal.ONE) < 0) {
            throw new IllegalArgumentException("'" + original + "' is less than 1 " + unit);
        }
        return v.setScale(0, java.math.RoundingMode.HALF_EVEN).longValueExact();
    }
}
