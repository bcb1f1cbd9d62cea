package io.kcplab.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The release and the git commit this build came from, for every program's version line. The build writes the
 * commit into {@link #RESOURCE} (protocol's pom runs git at generate-resources); a source tree without git gives
 * "unknown" and still builds.
 */
public final class BuildInfo {

    public static final String RESOURCE = "/META-INF/kcplab-build.properties";
    public static final String RELEASE = "KcpLab 0.1.0";

    private BuildInfo() {
    }

    /** {@code "KcpLab 0.1.0, commit 1a2b3c4d5e6f"}. */
    public static String versionLine() {
        return RELEASE + ", commit " + commit();
    }

    /** {@code git describe --always --dirty} of the built tree, or "unknown". */
    public static String commit() {
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
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
