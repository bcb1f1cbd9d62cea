package io.kcplab.protocol.checksum;

import io.kcplab.protocol.SimdSettings;
import io.kcplab.protocol.VectorSupport;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * HighwayHash (the frozen 2018 algorithm of google/highwayhash) with 64-, 128- and 256-bit outputs: a keyed,
 * allocation-free port written for the packet path.
 *
 * <p>Why our own port: no HighwayHash artifact exists on Maven Central, and Google's Java class keeps its
 * 1024-bit state in {@code long[]} fields and allocates a 32-byte array for every input with a tail. Here the
 * whole state lives in sixteen locals of one method (the JIT keeps most of them in registers), input lanes are
 * read with a little-endian {@link VarHandle} view, the tail packet is assembled directly into four longs, and
 * the zipper merge is a blend plus four masked rotations (a third fewer operations than per-byte masking).
 * Inputs of {@link #VECTOR_MIN_LENGTH} bytes or more run the bulk loop on the Vector API when
 * {@code jdk.incubator.vector} is present ({@link VectorHighwayKernel}, loaded reflectively, self-checked against
 * this port; {@link SimdSettings#withHighwayKernel} with {@code scalar} turns it off).
 *
 * <p>Outputs match google/highwayhash and minio/highwayhash bit for bit: the 65 official 64- and 128-bit
 * vectors, and minio 1.0.2's 64/128/256-bit output for lengths up to 1500. The key is 256 bits, read as four
 * little-endian u64 lanes like minio's 32-byte key. Instances are immutable and thread-safe.
 */
public final class HighwayHash {

    /** Key size in bytes. */
    public static final int KEY_BYTES = 32;

    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class,
            ByteOrder.LITTLE_ENDIAN);

    // Initial multiplier lanes: hexadecimal digits of pi, as in the reference implementation.
    static final long INIT_MUL0_0 = 0xdbe6d5d5fe4cce2fL;
    static final long INIT_MUL0_1 = 0xa4093822299f31d0L;
    static final long INIT_MUL0_2 = 0x13198a2e03707344L;
    static final long INIT_MUL0_3 = 0x243f6a8885a308d3L;
    static final long INIT_MUL1_0 = 0x3bd39e10cb0ef593L;
    static final long INIT_MUL1_1 = 0xc0acf169b5f18a8cL;
    static final long INIT_MUL1_2 = 0xbe5466cf34e90c6cL;
    static final long INIT_MUL1_3 = 0x452821e638d01377L;

    /** Byte positions (0,1,2,3,5) where the low zipper lane takes {@code lo}; elsewhere it takes {@code hi}. */
    private static final long ZIPPER_BLEND = 0x0000ff00ffffffffL;

    /** Permute-and-update rounds of the finalisation, per output size. */
    static final int ROUNDS_64 = 4;
    static final int ROUNDS_128 = 6;
    static final int ROUNDS_256 = 10;

    /**
     * Inputs from this length up go to the Vector API kernel when it is available: it runs the four lanes in one
     * 256-bit register and the zipper as one byte shuffle. It wins from a few hundred bytes; below that, setup and
     * lane extraction outweigh the bulk loop (BENCHMARKS.md, "Design measurements"), so short packets (ACKs) stay
     * on the scalar path.
     */
    static final int VECTOR_MIN_LENGTH = 256;

    /** The Vector API kernel, or null (module absent): what {@code auto} uses. */
    static final Kernel VECTOR = HighwayKernels.forMode("auto");
    /**
     * {@code VECTOR.hash} as a method handle, read from an array so that it is never a compile-time constant: the
     * vector kernel is then never inlined into its caller and C2 compiles it on its own, as in the benchmarks.
     * Inlined into a large caller (the packet pipeline), JDK 17's C2 can run out of inlining budget and box
     * vectors; see the Reed-Solomon kernel's {@code VectorMultiplier.loop}.
     */
    private static final MethodHandle[] VECTOR_HASH = {VECTOR == null ? null : HighwayKernels.hashLoop(VECTOR)};

    /** A whole hash computation; both kernels give identical output. */
    interface Kernel {
        /** {@code key} holds the four key lanes; {@code out} receives 128/256-bit results. */
        long hash(byte[] data, int off, int len, long[] key, int rounds, long[] out);
    }

    private final long key0;
    private final long key1;
    private final long key2;
    private final long key3;
    /** The same key as an array, for the vector kernel's one-instruction load. Never modified. */
    private final long[] keyLanes;
    /** Whether long inputs go to {@link #VECTOR}. */
    private final boolean vector;

    /** With the default kernel choice ({@code auto}). */
    public HighwayHash(long key0, long key1, long key2, long key3) {
        this(key0, key1, key2, key3, SimdSettings.defaults());
    }

    /** With the kernel {@link SimdSettings#highwayKernel()} picks; the hash is the same either way. */
    public HighwayHash(long key0, long key1, long key2, long key3, SimdSettings simd) {
        this.vector = usesVector(simd.highwayKernel());
        this.key0 = key0;
        this.key1 = key1;
        this.key2 = key2;
        this.key3 = key3;
        this.keyLanes = new long[] {key0, key1, key2, key3};
    }

    private static boolean usesVector(String mode) {
        if (mode.equals("vector") && VECTOR == null) {
            HighwayKernels.forMode("vector"); // throws why the kernel cannot run here
        }
        return !mode.equals("scalar") && VECTOR != null;
    }

    /** A hasher keyed with exactly 32 bytes, read as four little-endian u64 (minio's convention). */
    public static HighwayHash ofKey(byte[] key) {
        return ofKey(key, SimdSettings.defaults());
    }

    /** {@link #ofKey(byte[])} with the kernel {@code simd} picks. */
    public static HighwayHash ofKey(byte[] key, SimdSettings simd) {
        if (key == null || key.length != KEY_BYTES) {
            throw new IllegalArgumentException("HighwayHash key must be exactly " + KEY_BYTES + " bytes; got "
                    + (key == null ? "null" : key.length + " bytes"));
        }
        return new HighwayHash((long) LONG_LE.get(key, 0), (long) LONG_LE.get(key, 8),
                (long) LONG_LE.get(key, 16), (long) LONG_LE.get(key, 24), simd);
    }

    /** The 64-bit hash of {@code data[off, off + len)}. */
    public long hash64(byte[] data, int off, int len) {
        checkRange(data, off, len);
        return hash(data, off, len, ROUNDS_64, null);
    }

    /**
     * The 128-bit hash of {@code data[off, off + len)} into {@code out[0..1]}, in the order google/highwayhash's
     * {@code HHResult128} lists it.
     */
    public void hash128(byte[] data, int off, int len, long[] out) {
        checkRange(data, off, len);
        checkOut(out, 2);
        hash(data, off, len, ROUNDS_128, out);
    }

    /** The 256-bit hash of {@code data[off, off + len)} into {@code out[0..3]} (google's {@code HHResult256} order). */
    public void hash256(byte[] data, int off, int len, long[] out) {
        checkRange(data, off, len);
        checkOut(out, 4);
        hash(data, off, len, ROUNDS_256, out);
    }

    /** "vector" when long inputs use the Vector API kernel by default, else "scalar". */
    public static String kernelName() {
        return VECTOR != null ? "vector" : "scalar";
    }

    /** "vector" when this hasher's long inputs use the Vector API kernel, else "scalar". */
    public String kernel() {
        return vector ? "vector" : "scalar";
    }

    private long hash(byte[] data, int off, int len, int rounds, long[] out) {
        if (len >= VECTOR_MIN_LENGTH && vector) {
            try {
                return (long) VECTOR_HASH[0].invokeExact(data, off, len, keyLanes, rounds, out);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw VectorSupport.kernelFailure("HighwayHash", e);
            }
        }
        return scalar(data, off, len, key0, key1, key2, key3, rounds, out);
    }

    private static void checkRange(byte[] data, int off, int len) {
        if (off < 0 || len < 0 || off > data.length - len) {
            throw new IndexOutOfBoundsException("range [" + off + ", " + off + " + " + len + ") is outside an array of "
                    + data.length + " bytes");
        }
    }

    private static void checkOut(long[] out, int lanes) {
        if (out == null || out.length < lanes) {
            throw new IllegalArgumentException("output array needs at least " + lanes + " longs");
        }
    }

    /**
     * The whole algorithm in one frame so that the state stays in locals. The update step appears twice (bulk
     * packets, then tail + finalisation) because Java cannot return sixteen longs from a helper without an
     * allocation or a field round trip, and both cost more than the duplicated twenty lines.
     */
    static long scalar(byte[] data, int off, int len, long k0, long k1, long k2, long k3, int rounds,
                       long[] out) {
        long mul00 = INIT_MUL0_0;
        long mul01 = INIT_MUL0_1;
        long mul02 = INIT_MUL0_2;
        long mul03 = INIT_MUL0_3;
        long mul10 = INIT_MUL1_0;
        long mul11 = INIT_MUL1_1;
        long mul12 = INIT_MUL1_2;
        long mul13 = INIT_MUL1_3;
        long v00 = mul00 ^ k0;
        long v01 = mul01 ^ k1;
        long v02 = mul02 ^ k2;
        long v03 = mul03 ^ k3;
        long v10 = mul10 ^ Long.rotateLeft(k0, 32);
        long v11 = mul11 ^ Long.rotateLeft(k1, 32);
        long v12 = mul12 ^ Long.rotateLeft(k2, 32);
        long v13 = mul13 ^ Long.rotateLeft(k3, 32);

        final int bulkEnd = off + (len & ~31);
        for (int pos = off; pos < bulkEnd; pos += 32) {
            long a0 = (long) LONG_LE.get(data, pos);
            long a1 = (long) LONG_LE.get(data, pos + 8);
            long a2 = (long) LONG_LE.get(data, pos + 16);
            long a3 = (long) LONG_LE.get(data, pos + 24);
            v10 += mul00 + a0;
            v11 += mul01 + a1;
            v12 += mul02 + a2;
            v13 += mul03 + a3;
            mul00 ^= (v10 & 0xffffffffL) * (v00 >>> 32);
            mul01 ^= (v11 & 0xffffffffL) * (v01 >>> 32);
            mul02 ^= (v12 & 0xffffffffL) * (v02 >>> 32);
            mul03 ^= (v13 & 0xffffffffL) * (v03 >>> 32);
            v00 += mul10;
            v01 += mul11;
            v02 += mul12;
            v03 += mul13;
            mul10 ^= (v00 & 0xffffffffL) * (v10 >>> 32);
            mul11 ^= (v01 & 0xffffffffL) * (v11 >>> 32);
            mul12 ^= (v02 & 0xffffffffL) * (v12 >>> 32);
            mul13 ^= (v03 & 0xffffffffL) * (v13 >>> 32);
            v00 += zipperLow(v11, v10);
            v01 += zipperHigh(v11, v10);
            v02 += zipperLow(v13, v12);
            v03 += zipperHigh(v13, v12);
            v10 += zipperLow(v01, v00);
            v11 += zipperHigh(v01, v00);
            v12 += zipperLow(v03, v02);
            v13 += zipperHigh(v03, v02);
        }

        return finish(data, bulkEnd, len & 31, rounds, out, v00, v01, v02, v03, v10, v11, v12, v13, mul00, mul01,
                mul02, mul03, mul10, mul11, mul12, mul13);
    }

    /**
     * The tail (the {@code tail} < 32 bytes at {@code data[p ..]}, if any) and the permute-and-update
     * finalisation rounds, from a state after the bulk packets; then the output. Shared by both kernels: the
     * vector kernel hands its lanes over here, because C2 (JDK 17) stops eliminating vector boxes when the
     * finalisation is written in vectors too and the method allocates.
     */
    static long finish(byte[] data, int p, int tail, int rounds, long[] out, long v00, long v01, long v02,
                       long v03, long v10, long v11, long v12, long v13, long mul00, long mul01, long mul02,
                       long mul03, long mul10, long mul11, long mul12, long mul13) {
        boolean tailPending = tail != 0;
        for (int round = 0; tailPending || round < rounds; ) {
            long a0;
            long a1;
            long a2;
            long a3;
            if (tailPending) {
                tailPending = false;
                long inc = ((long) tail << 32) + tail;
                v00 += inc;
                v01 += inc;
                v02 += inc;
                v03 += inc;
                v10 = rotateHalves(v10, tail);
                v11 = rotateHalves(v11, tail);
                v12 = rotateHalves(v12, tail);
                v13 = rotateHalves(v13, tail);
                // The zero-padded tail packet, assembled straight into its four lanes.
                a0 = tailLane(data, p, tail, 0);
                a1 = tailLane(data, p, tail, 1);
                a2 = tailLane(data, p, tail, 2);
                a3 = tailLane(data, p, tail, 3);
            } else {
                round++;
                a0 = Long.rotateLeft(v02, 32);
                a1 = Long.rotateLeft(v03, 32);
                a2 = Long.rotateLeft(v00, 32);
                a3 = Long.rotateLeft(v01, 32);
            }
            v10 += mul00 + a0;
            v11 += mul01 + a1;
            v12 += mul02 + a2;
            v13 += mul03 + a3;
            mul00 ^= (v10 & 0xffffffffL) * (v00 >>> 32);
            mul01 ^= (v11 & 0xffffffffL) * (v01 >>> 32);
            mul02 ^= (v12 & 0xffffffffL) * (v02 >>> 32);
            mul03 ^= (v13 & 0xffffffffL) * (v03 >>> 32);
            v00 += mul10;
            v01 += mul11;
            v02 += mul12;
            v03 += mul13;
            mul10 ^= (v00 & 0xffffffffL) * (v10 >>> 32);
            mul11 ^= (v01 & 0xffffffffL) * (v11 >>> 32);
            mul12 ^= (v02 & 0xffffffffL) * (v12 >>> 32);
            mul13 ^= (v03 & 0xffffffffL) * (v13 >>> 32);
            v00 += zipperLow(v11, v10);
            v01 += zipperHigh(v11, v10);
            v02 += zipperLow(v13, v12);
            v03 += zipperHigh(v13, v12);
            v10 += zipperLow(v01, v00);
            v11 += zipperHigh(v01, v00);
            v12 += zipperLow(v03, v02);
            v13 += zipperHigh(v03, v02);
        }

        return output(rounds, v00, v01, v02, v03, v10, v11, v12, v13, mul00, mul01, mul02, mul03, mul10, mul11,
                mul12, mul13, out);
    }

    /**
     * Lane {@code lane} (0..3) of the zero-padded 32-byte packet built from the {@code tail} (1..31) bytes at
     * {@code data[p ..]}: whole 4-byte groups first; then, when {@code tail >= 16}, the input's last four bytes
     * at packet bytes 28..31, otherwise the first, middle and last of the 1..3 leftover bytes at bytes 16..18.
     */
    static long tailLane(byte[] data, int p, int tail, int lane) {
        int whole = tail & ~3;
        int from = lane << 3;
        long l = 0;
        for (int i = from; i < from + 8 && i < whole; i += 4) {
            l |= ((int) INT_LE.get(data, p + i) & 0xffffffffL) << ((i & 4) << 3);
        }
        int mod4 = tail & 3;
        if ((tail & 16) != 0) {
            if (lane == 3) { // may sit beside a whole group in bytes 24..27
                l |= ((int) INT_LE.get(data, p + tail - 4) & 0xffffffffL) << 32;
            }
        } else if (mod4 != 0 && lane == 2) {
            long b0 = data[p + whole] & 0xffL;
            long b1 = data[p + whole + (mod4 >>> 1)] & 0xffL;
            long b2 = data[p + whole + mod4 - 1] & 0xffL;
            l |= b0 | (b1 << 8) | (b2 << 16);
        }
        return l;
    }

    /** Turns the finalised state into the 64-bit result (returned) or the 128/256-bit one (into {@code out}). */
    static long output(int rounds, long v00, long v01, long v02, long v03, long v10, long v11, long v12, long v13,
                       long mul00, long mul01, long mul02, long mul03, long mul10, long mul11, long mul12,
                       long mul13, long[] out) {
        switch (rounds) {
            case ROUNDS_64:
                return v00 + v10 + mul00 + mul10;
            case ROUNDS_128:
                out[0] = v00 + mul00 + v12 + mul12;
                out[1] = v01 + mul01 + v13 + mul13;
                return out[0];
            default:
                reduce(v11 + mul11, v10 + mul10, v01 + mul01, v00 + mul00, out, 0);
                reduce(v13 + mul13, v12 + mul12, v03 + mul03, v02 + mul02, out, 2);
                return out[0];
        }
    }

    /** Rotates each 32-bit half of {@code lane} left by {@code n} (1..31). */
    private static long rotateHalves(long lane, int n) {
        int lo = Integer.rotateLeft((int) lane, n);
        int hi = Integer.rotateLeft((int) (lane >>> 32), n);
        return ((long) hi << 32) | (lo & 0xffffffffL);
    }

    /**
     * First lane of the zipper merge, a fixed byte shuffle of the 128-bit pair (hi:lo): output bytes
     * {lo3, hi4, lo2, lo5, hi6, lo1, hi7, lo0}. Computed as a blend that gathers the eight source bytes into one
     * word (they sit at distinct byte positions), then four rotations with masks; about a third fewer
     * operations than picking every byte with its own 64-bit mask.
     */
    private static long zipperLow(long hi, long lo) {
        long x = hi ^ ((hi ^ lo) & ZIPPER_BLEND);
        return (Long.rotateRight(x, 24) & 0x000000000000ffffL)   // bytes 0,1 <- 3,4
                | (x & 0x0000000000ff0000L)                      // byte 2 <- 2
                | (Long.rotateRight(x, 16) & 0x000000ffff000000L) // bytes 3,4 <- 5,6
                | (Long.rotateLeft(x, 32) & 0x0000ff0000000000L)  // byte 5 <- 1
                | (Long.rotateRight(x, 8) & 0xffff000000000000L); // bytes 6,7 <- 7,0
    }

    /** Second lane of the zipper merge: {hi3, lo4, hi2, hi5, hi1, lo6, hi0, lo7}, the mirror-image blend. */
    private static long zipperHigh(long hi, long lo) {
        long x = lo ^ ((hi ^ lo) & ZIPPER_BLEND);
        return (Long.rotateRight(x, 24) & 0x000000000000ffffL)   // bytes 0,1 <- 3,4
                | (x & 0xff00000000ff0000L)                      // bytes 2,7 <- 2,7
                | (Long.rotateRight(x, 16) & 0x00ff0000ff000000L) // bytes 3,6 <- 5,0
                | (Long.rotateLeft(x, 24) & 0x000000ff00000000L)  // byte 4 <- 1
                | (Long.rotateRight(x, 8) & 0x0000ff0000000000L); // byte 5 <- 6
    }

    /** The 256-bit output's modular reduction of (a3:a2:a1:a0) into two lanes at {@code out[pos..pos+1]}. */
    static void reduce(long a3Unmasked, long a2, long a1, long a0, long[] out, int pos) {
        long a3 = a3Unmasked & 0x3fffffffffffffffL;
        out[pos + 1] = a1 ^ ((a3 << 1) | (a2 >>> 63)) ^ ((a3 << 2) | (a2 >>> 62));
        out[pos] = a0 ^ (a2 << 1) ^ (a2 << 2);
    }
}
