package io.kcplab.protocol.wire;

/** SplitMix64 over a counter: reproducible nonces for tests and the simulator (not unpredictable). */
final class SeededNonceSource implements NonceSource {

    private long state;

    SeededNonceSource(long seed) {
        this.state = seed;
    }

    @Override
    public void fill(byte[] buf, int off) {
        long a = next();
        long b = next();
        for (int i = 0; i < 8; i++) {
            buf[off + i] = (byte) (a >>> (8 * i));
            buf[off + 8 + i] = (byte) (b >>> (8 * i));
        }
    }

    private long next() {
        long z = (state += 0x9e3779b97f4a7c15L);
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
