package io.kcplab.protocol.fec;

import static jdk.incubator.vector.VectorOperators.LSHR;
import static jdk.incubator.vector.VectorOperators.XOR;

import io.kcplab.protocol.VectorSupport;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * What the vector loop shapes share: the nibble tables, the tail and the short-shard fallback.
 *
 * <p>For coefficient k = {@code row * inputs + column} the table array holds, at {@code 32k}, the 16 products
 * {@code coefficient * x} for x = 0..15 and, at {@code 32k + 16}, those for {@code x << 4}. A product is then
 * {@code low[v & 15] ^ high[v >>> 4]}. A table is loaded as a full vector from its offset: the lanes past 16 hold
 * the neighbouring tables, which the indices (all below 16) never select. That keeps a plan 4x smaller than
 * replicated tables. The array is padded so the last load stays in bounds.
 *
 * <p>The main loop covers whole vectors. The remaining bytes are covered by one more vector that ends at the last
 * byte and overlaps the main part: it computes every output completely (all inputs) and stores it, so the
 * overlapping bytes are written again with the same values. Shards shorter than one vector go to the scalar
 * packed-table kernel, built on first use.
 */
abstract class VectorMultiplier implements ShardMultiplier {

    static final VectorSpecies<Byte> SPECIES = VectorKernel.SPECIES;
    static final int STEP = SPECIES.length();
    /**
     * 0x0F in every lane, made once: a constant C2 folds into the loops. Broadcast inside a loop method, the mask
     * was seen boxed (a 64-byte array) on every call in some JDK 17 runs, i.e. every FEC group.
     */
    static final ByteVector LOW_NIBBLES = ByteVector.broadcast(SPECIES, (byte) 0x0F);

    final byte[][] coefficients;
    final int inputCount;
    final int outputCount;
    final byte[] tables;
    private volatile PackedTableMultiplier scalar;
    private static final MethodHandle[] TAIL = {loop(MethodHandles.lookup(), VectorMultiplier.class, "lastVector")};

    VectorMultiplier(byte[][] coefficients) {
        this.coefficients = coefficients;
        this.outputCount = coefficients.length;
        this.inputCount = coefficients[0].length;
        this.tables = new byte[outputCount * inputCount * 32 + STEP];
        for (int r = 0; r < outputCount; r++) {
            for (int c = 0; c < inputCount; c++) {
                int k = r * inputCount + c;
                int coefficient = coefficients[r][c] & 0xFF;
                for (int x = 0; x < 16; x++) {
                    tables[lowIndex(k) + x] = (byte) GaloisField.multiply(coefficient, x);
                    tables[highIndex(k) + x] = (byte) GaloisField.multiply(coefficient, x << 4);
                }
            }
        }
    }

    static int lowIndex(int k) {
        return k << 5;
    }

    static int highIndex(int k) {
        return (k << 5) + 16;
    }

    /**
     * {@code v >>> 4} per byte. x86 has no byte shift, so shift 16-bit lanes and mask off what came from the
     * neighbouring byte.
     */
    static ByteVector highNibbles(ByteVector v, ByteVector mask) {
        return v.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes().and(mask);
    }

    @Override
    public final void multiply(byte[][] shards, int[] inputs, int[] outputs, int offset, int byteCount) {
        if (byteCount < STEP) {
            scalar().multiply(shards, inputs, outputs, offset, byteCount);
            return;
        }
        int whole = SPECIES.loopBound(byteCount);
        mainLoop(shards, inputs, outputs, offset, offset + whole);
        if (whole != byteCount) {
            call(TAIL, 0, this, shards, inputs, outputs, 0, offset + byteCount - STEP, 0);
        }
    }

    /** Writes every output over {@code [offset, bound)}; {@code bound - offset} is a multiple of {@link #STEP}. */
    abstract void mainLoop(byte[][] shards, int[] inputs, int[] outputs, int offset, int bound);

    /** Unused {@code row} and {@code unused} keep the one signature every boundary call shares. */
    private void lastVector(byte[][] shards, int[] inputs, int[] outputs, int row, int at, int unused) {
        byte[] t = tables;
        int d = inputCount;
        ByteVector mask = LOW_NIBBLES;
        for (int r = 0; r < outputCount; r++) {
            ByteVector sum = ByteVector.zero(SPECIES);
            for (int c = 0; c < d; c++) {
                int k = r * d + c;
                ByteVector v = ByteVector.fromArray(SPECIES, shards[inputs[c]], at);
                ByteVector l = v.and(mask);
                ByteVector h = highNibbles(v, mask);
                sum = sum.lanewise(XOR, l.selectFrom(ByteVector.fromArray(SPECIES, t, lowIndex(k))))
                        .lanewise(XOR, h.selectFrom(ByteVector.fromArray(SPECIES, t, highIndex(k))));
            }
            sum.intoArray(shards[outputs[r]], at);
        }
    }

    /**
     * {@code name(shards, inputs, outputs, row, offset, bound)}, an instance method of {@code declaring}, as a
     * method handle taking the receiver first, for {@link #call}: kept in an array, the call stays a real call, so
     * each vector loop is compiled and escape-analysed on its own whoever calls the codec (see
     * {@link VectorSupport}; seen otherwise: 8 B per FEC group, or KBs per packet). One indirect call per group.
     */
    static MethodHandle loop(MethodHandles.Lookup lookup, Class<?> declaring, String name) {
        MethodType loop = MethodType.methodType(void.class, byte[][].class, int[].class, int[].class, int.class,
                int.class, int.class);
        return VectorSupport.unInlined(lookup, declaring, name, loop, null)
                .asType(loop.insertParameterTypes(0, VectorMultiplier.class));
    }

    /** Runs {@code loops[which]} on {@code self} (see {@link #loop}: the array read is what defeats inlining). */
    static void call(MethodHandle[] loops, int which, VectorMultiplier self, byte[][] shards, int[] inputs,
                     int[] outputs, int row, int offset, int bound) {
        try {
            loops[which].invokeExact(self, shards, inputs, outputs, row, offset, bound);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw VectorSupport.kernelFailure("Reed-Solomon", e);
        }
    }

    private PackedTableMultiplier scalar() {
        PackedTableMultiplier s = scalar;
        if (s == null) {
            s = new PackedTableMultiplier(coefficients);
            scalar = s;
        }
        return s;
    }
}
