package io.kcplab.transport.smux;

/** Why an smux session ended. */
public enum SmuxCloseReason {
    /** {@link SmuxSession#close()}. */
    LOCAL,
    /** The connection below ended (end of stream: the KCP session closed). */
    CONNECTION_CLOSED,
    /** Reading or writing the connection below failed. */
    CONNECTION_ERROR,
    /** An invalid frame (smux's ErrInvalidProtocol): wrong version, unknown command, over-long frame. */
    PROTOCOL_ERROR,
    /** A corrupt snappy chunk (compression on). */
    CORRUPT_COMPRESSION,
    /** No frame arrived for the keepalive timeout (30 s in kcptun). */
    KEEPALIVE_TIMEOUT
}
