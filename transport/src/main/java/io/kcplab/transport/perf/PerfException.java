package io.kcplab.transport.perf;

import java.io.IOException;

/**
 * A perf transfer that could not run or finish: no reply from the server, the session stalled or died, the peer
 * refused the request or broke the control exchange. The message is one line meant for the user.
 */
public final class PerfException extends IOException {

    private static final long serialVersionUID = 1L;

    public PerfException(String message) {
        super(message);
    }

    public PerfException(String message, Throwable cause) {
        super(message, cause);
    }
}
