package io.kcplab.protocol.fec;

/** The portable kernel: packed multi-output lookup tables (see {@link PackedTableMultiplier}). */
final class ScalarKernel implements CodingKernel {

    static final ScalarKernel INSTANCE = new ScalarKernel();

    private ScalarKernel() {
    }

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public ShardMultiplier compile(byte[][] coefficients) {
        return new PackedTableMultiplier(coefficients);
    }
}
