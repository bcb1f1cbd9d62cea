package io.kcplab.protocol;

import java.util.List;

/** The FEC attack sequences of {@link ConnectionFecCrashTest}, for fuzz seeds in other packages. */
public final class ConnectionFecCrashTestAccess {

    private ConnectionFecCrashTestAccess() {
    }

    /** "reported" or "shrunk": FEC packets from their seqid on, plaintext. */
    public static List<byte[]> sequence(String which) {
        return which.equals("reported") ? ConnectionFecCrashTest.sequence() : ConnectionFecCrashTest.shrunkSequence();
    }
}
