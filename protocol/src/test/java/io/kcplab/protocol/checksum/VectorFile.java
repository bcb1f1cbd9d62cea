package io.kcplab.protocol.checksum;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads a whitespace-separated hex vector file from the test classpath; '#' lines are comments. */
final class VectorFile {

    private VectorFile() {
    }

    /** Each row: column 0 decimal, the rest hex u64. */
    static List<long[]> read(String resource) {
        InputStream in = VectorFile.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("test resource " + resource + " is missing from the classpath");
        }
        List<long[]> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            for (String line; (line = r.readLine()) != null; ) {
                line = line.trim();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\\s+");
                long[] row = new long[f.length];
                row[0] = Long.parseLong(f[0]);
                for (int i = 1; i < f.length; i++) {
                    row[i] = Long.parseUnsignedLong(f[i], 16);
                }
                rows.add(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }
}
