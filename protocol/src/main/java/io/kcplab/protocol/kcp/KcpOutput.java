package io.kcplab.protocol.kcp;

/** Receives every datagram the engine emits. */
@FunctionalInterface
public interface KcpOutput {
    /**
     * One datagram: {@code buf[off, off + len)}. The array is the engine's reused output buffer, valid only during
     * this call; copy it if it must outlive the call. {@code len} is never 0.
     */
    void output(byte[] buf, int off, int len);
}
