package io.kcplab.transport;

import java.io.IOException;

/** Thrown by operations on a session that has closed; {@link #reason()} says why. */
public final class SessionClosedException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient CloseReason reason;

    SessionClosedException(CloseReason reason) {
        super("KCP session closed (" + reason + ")");
        this.reason = reason;
    }

    public CloseReason reason() {
        return reason;
    }
}
