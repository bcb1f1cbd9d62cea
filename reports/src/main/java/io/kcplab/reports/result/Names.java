package io.kcplab.reports.result;

import java.util.regex.Pattern;

/** Validation of the names that become CSV headers, JSON keys and threshold names. */
final class Names {
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.\\-]*");
    private static final Pattern HEX = Pattern.compile("[0-9a-f]+");

    private Names() {
    }

    static String requireName(String what, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " '" + name
                    + "' is not a valid name: use a letter followed by letters, digits, '_', '.' or '-'");
        }
        return name;
    }

    static String requireText(String what, String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        return text;
    }

    static String requireHex(String what, String hex) {
        String lower = hex == null ? null : hex.toLowerCase(java.util.Locale.ROOT);
        if (lower == null || !HEX.matcher(lower).matches()) {
            throw new IllegalArgumentException(what + " '" + hex + "' must be a non-empty hex string (0-9, a-f)");
        }
        return lower;
    }
}
