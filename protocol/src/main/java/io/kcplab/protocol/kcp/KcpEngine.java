package io.kcplab.protocol.kcp;

/**
 * What differs between the two references, ikcp.c and kcp-go's kcp.go: how a datagram is taken in and how a flush
 * packs and retransmits. Everything else (queues, buffers, windows, timers) is {@link Kcp}'s, shared.
 */
abstract class KcpEngine {
    final Kcp k;

    KcpEngine(Kcp k) {
        this.k = k;
    }

    /** Feeds one datagram of at least 24 bytes; {@link Kcp#input(byte[], int, int, boolean)}'s contract. */
    abstract int input(byte[] data, int off, int len, boolean regular);

    /** A full flush at {@code k.current}: ACKs, window probes, new data the window admits, retransmissions. */
    abstract void flush();

    /** A full flush, answering in how many ms the next one is due. */
    abstract int flushAndNextDelay();
}
