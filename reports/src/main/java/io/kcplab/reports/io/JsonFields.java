package io.kcplab.reports.io;

import com.fasterxml.jackson.databind.JsonNode;

/** Typed access to required JSON fields; every error names the path of the bad field. */
final class JsonFields {

    private JsonFields() {
    }

    static JsonNode field(JsonNode node, String name, String path) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException(path + "." + name + " is missing");
        }
        return v;
    }

    static JsonNode object(JsonNode node, String name, String path) {
        JsonNode v = field(node, name, path);
        if (!v.isObject()) {
            throw new IllegalArgumentException(path + "." + name + " must be an object");
        }
        return v;
    }

    static JsonNode array(JsonNode node, String name, String path) {
        JsonNode v = field(node, name, path);
        if (!v.isArray()) {
            throw new IllegalArgumentException(path + "." + name + " must be an array");
        }
        return v;
    }

    static String text(JsonNode node, String name, String path) {
        JsonNode v = field(node, name, path);
        if (!v.isTextual()) {
            throw new IllegalArgumentException(path + "." + name + " must be a string");
        }
        return v.textValue();
    }

    static long integer(JsonNode node, String name, String path) {
        JsonNode v = field(node, name, path);
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new IllegalArgumentException(path + "." + name + " must be an integer, got " + v);
        }
        return v.longValue();
    }

    static int int32(JsonNode node, String name, String path) {
        long v = integer(node, name, path);
        if (v != (int) v) {
            throw new IllegalArgumentException(path + "." + name + " is out of range: " + v);
        }
        return (int) v;
    }

    /** A number, or one of the strings "NaN", "Infinity", "-Infinity" the writer uses for them. */
    static double number(JsonNode v, String path) {
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isTextual()) {
            switch (v.textValue()) {
                case "NaN":
                    return Double.NaN;
                case "Infinity":
                    return Double.POSITIVE_INFINITY;
                case "-Infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
                    break;
            }
        }
        throw new IllegalArgumentException(path + " must be a number (or \"NaN\"), got " + v);
    }

    static double number(JsonNode node, String name, String path) {
        return number(field(node, name, path), path + "." + name);
    }

    static double[] numbers(JsonNode node, String name, String path) {
        JsonNode a = array(node, name, path);
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = number(a.get(i), path + "." + name + "[" + i + "]");
        }
        return out;
    }
}
