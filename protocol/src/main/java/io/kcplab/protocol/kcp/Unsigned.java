package io.kcplab.protocol.kcp;

/** ikcp's {@code IUINT32} comparisons on Java ints. */
final class Unsigned {

    private Unsigned() {
    }

    static int minU(int a, int b) {
        return Integer.compareUnsigned(a, b) <= 0 ? a : b;
    }

    static int maxU(int a, int b) {
        return Integer.compareUnsigned(a, b) >= 0 ? a : b;
    }

    static int boundU(int lower, int middle, int upper) {
        return minU(maxU(lower, middle), upper);
    }
}
