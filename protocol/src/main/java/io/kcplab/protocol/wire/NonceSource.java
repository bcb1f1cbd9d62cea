package io.kcplab.protocol.wire;

/**
 * Fills the 16-byte nonce that opens every encrypted datagram. The nonce is the first plaintext block of kcp-go's
 * fixed-IV CFB, so it is what makes equal packets encrypt differently; the receiver ignores its value. Injected so
 * that the protocol core reads no global random source: {@link #seeded} for tests and the simulator,
 * {@link #secure} for real traffic. Implementations need not be thread-safe.
 */
public interface NonceSource {

    int NONCE_SIZE = 16;

    /** Writes {@link #NONCE_SIZE} bytes at {@code buf[off ..]}; allocation-free. */
    void fill(byte[] buf, int off);

    /** Deterministic: the same seed gives the same nonce sequence on every machine. Not for real traffic. */
    static NonceSource seeded(long seed) {
        return new SeededNonceSource(seed);
    }

    /** kcp-go's own construction (AES-128 over a random seed), keyed and seeded from {@link java.security.SecureRandom}. */
    static NonceSource secure() {
        return new AesNonceSource();
    }
}
