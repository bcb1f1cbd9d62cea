package io.kcplab.interop;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The git commit the build came from, written by the build (exec-maven-plugin); "unknown" without one. */
final class BuildCommit {

    static final String RESOURCE = "/META-INF/kcplab-build.properties";

    private BuildCommit() {
    }

    static String versionLine() {
        return "KcpLab 0.1.0, commit " + commit();
    }

    static String commit() {
        try (InputStream in = BuildCommit.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String c = p.getProperty("commit", "").trim();
            return c.isEmpty() ? "unknown" : c;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
