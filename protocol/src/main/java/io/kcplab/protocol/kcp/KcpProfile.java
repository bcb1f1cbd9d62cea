package io.kcplab.protocol.kcp;

/**
 * Which reference implementation the {@link Kcp} engine reproduces. Both put the same 24-byte header on the wire;
 * they differ in constants, loss recovery, RTT estimation and when they flush.
 */
public enum KcpProfile {
    /** ikcp.c 1.7 exactly as shipped in npm {@code node-kcp@1.0.13}; byte-identical output, checked in lock-step. */
    IKCP,
    /** xtaci/kcp-go 5.6.1's {@code kcp.go} engine, with its clock replaced by the injected {@code current}. */
    KCP_GO
}
