package io.kcplab.transport;

/** Why a session closed. */
public enum CloseReason {
    /** The application closed it. */
    LOCAL,
    /** A segment was retransmitted the dead-link number of times without an acknowledgement. */
    DEAD_LINK,
    /** No datagram arrived for the idle timeout. */
    IDLE_TIMEOUT,
    /** The peer opened a new conversation from the same address (conv changed at sn 0), as kcp-go does. */
    REPLACED,
    /** Its listener closed. */
    LISTENER_CLOSED,
    /** Its transport closed. */
    TRANSPORT_CLOSED,
    /** The UDP socket failed, or an unexpected error on the event loop (counted as LoopErrors). */
    ERROR
}
