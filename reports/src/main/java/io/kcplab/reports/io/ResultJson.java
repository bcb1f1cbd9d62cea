package io.kcplab.reports.io;

import io.kcplab.reports.result.ResultSet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The full-fidelity result file (metadata, every run with per-connection metrics, latency CDFs
 * and series). {@code read(write(set))} equals {@code set}; equal sets give byte-equal text.
 * Merge and compare work from these files.
 */
public final class ResultJson {

    public static final String FORMAT = "kcplab-results";
    public static final int FORMAT_VERSION = 1;

    private ResultJson() {
    }

    public static String toJson(ResultSet set) {
        return ResultJsonWriter.toJson(set);
    }

    /** @throws IllegalArgumentException naming the JSON path of the first bad field */
    public static ResultSet fromJson(String json) {
        return ResultJsonReader.read(json);
    }

    public static void write(ResultSet set, Path file) throws IOException {
        Files.writeString(file, toJson(set), StandardCharsets.UTF_8);
    }

    public static ResultSet read(Path file) throws IOException {
        try {
            return fromJson(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }
}
