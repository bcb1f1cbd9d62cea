package io.kcplab.protocol.fec;

import io.kcplab.protocol.SimdSettings;

/**
 * KcpLab's own Reed-Solomon codec: the encoding matrix of Backblaze and klauspost's default ({@link
 * Matrix#encoding}), so parity is byte-identical to Backblaze's (the tests' {@code ReferenceCodec}) and to kcp-go,
 * run by a {@link CodingKernel} chosen at construction. Decode matrices are cached per erasure pattern ({@link DecodeMatrixCache}).
 *
 * <p>Encode, and decode of a cached pattern, allocate nothing. Instances are thread-safe.
 */
public final class GaloisCodec implements ErasureCodec {

    private final int dataShards;
    private final int parityShards;
    private final CodingKernel kernel;
    private final ShardMultiplier parity;
    private final int[] dataIndices;
    private final int[] parityIndices;
    private final DecodeMatrixCache decodeCache;

    private GaloisCodec(int dataShards, int parityShards, CodingKernel kernel) {
        this(dataShards, parityShards, kernel, DecodeMatrixCache.defaultBudgetBytes());
    }

    private GaloisCodec(int dataShards, int parityShards, CodingKernel kernel, long decodeCacheBytes) {
        ShardCounts.check(dataShards, parityShards);
        this.dataShards = dataShards;
        this.parityShards = parityShards;
        this.kernel = kernel;
        byte[][] encoding = Matrix.encoding(dataShards, parityShards);
        this.parity = kernel.compile(Matrix.rows(encoding, dataShards, dataShards + parityShards));
        this.dataIndices = new int[dataShards];
        this.parityIndices = new int[parityShards];
        for (int i = 0; i < dataShards; i++) {
            dataIndices[i] = i;
        }
        for (int j = 0; j < parityShards; j++) {
            parityIndices[j] = dataShards + j;
        }
        this.decodeCache = new DecodeMatrixCache(encoding, dataShards, kernel, decodeCacheBytes);
    }

    /** {@link #create(int, int, SimdSettings)} with the default settings. */
    public static ErasureCodec create(int dataShards, int parityShards) {
        return create(dataShards, parityShards, SimdSettings.defaults());
    }

    /** The kernel {@code simd} picks: see {@link Kernels#preferred}. */
    public static ErasureCodec create(int dataShards, int parityShards, SimdSettings simd) {
        ShardCounts.check(dataShards, parityShards);
        CodingKernel kernel = Kernels.preferred(simd);
        String key = kernel.name() + '/' + dataShards + '/' + parityShards;
        GaloisCodec shared = SHARED.get(key);
        if (shared != null) {
            return shared;
        }
        GaloisCodec made = new GaloisCodec(dataShards, parityShards, kernel);
        if (SHARED.size() >= SHARED_SHAPES) {
            return made;
        }
        GaloisCodec raced = SHARED.putIfAbsent(key, made);
        return raced != null ? raced : made;
    }

    /**
     * Codecs of the default kernel and budget, one per shape, shared by every session: a codec is thread-safe, and
     * its compiled tables (about 10 KB for 10+3) and decode-plan cache were most of an idle FEC session's footprint;
     * shared, the decode cache's byte budget also bounds the whole process instead of each session. At most
     * {@value #SHARED_SHAPES} shapes are kept; past that, callers get codecs of their own.
     */
    private static final int SHARED_SHAPES = 64;
    private static final java.util.concurrent.ConcurrentHashMap<String, GaloisCodec> SHARED =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** The portable packed-table kernel, whatever modules are loaded. */
    public static ErasureCodec scalar(int dataShards, int parityShards) {
        return new GaloisCodec(dataShards, parityShards, ScalarKernel.INSTANCE);
    }

    /**
     * The Vector API kernel with the loop shape picked for this JDK.
     *
     * @throws UnsupportedOperationException if {@code jdk.incubator.vector} is not loaded
     */
    public static ErasureCodec vector(int dataShards, int parityShards) {
        return new GaloisCodec(dataShards, parityShards, Kernels.named("vector", SimdSettings.defaults()));
    }

    /**
     * A codec with an explicitly named kernel: {@code scalar}, {@code vector} (shape picked for this JDK),
     * {@code vector-pairwise} or {@code vector-per-input}. Meant for benchmarks and tests.
     */
    public static ErasureCodec withKernel(String kernelName, int dataShards, int parityShards) {
        return withKernel(kernelName, SimdSettings.defaults(), dataShards, parityShards);
    }

    /** {@link #withKernel(String, int, int)} at the vector width {@code simd} asks for. */
    public static ErasureCodec withKernel(String kernelName, SimdSettings simd, int dataShards, int parityShards) {
        return new GaloisCodec(dataShards, parityShards, Kernels.named(kernelName, simd));
    }

    /** For tests: a codec whose decode cache gets {@code decodeCacheBytes} (at least 4 plans). */
    static GaloisCodec withDecodeCacheBudget(String kernelName, int dataShards, int parityShards,
            long decodeCacheBytes) {
        return new GaloisCodec(dataShards, parityShards, Kernels.named(kernelName, SimdSettings.defaults()),
                decodeCacheBytes);
    }

    /** True when the Vector API kernels can be built in this JVM. */
    public static boolean vectorAvailable() {
        return Kernels.vectorModulePresent();
    }

    /** The kernel's name, e.g. {@code scalar} or {@code vector-per-input}. */
    public String kernelName() {
        return kernel.name();
    }

    int decodeCacheCapacity() {
        return decodeCache.capacity();
    }

    long decodeCacheMisses() {
        return decodeCache.misses();
    }

    @Override
    public int dataShards() {
        return dataShards;
    }

    @Override
    public int parityShards() {
        return parityShards;
    }

    @Override
    public void encodeParity(byte[][] shards, int offset, int byteCount) {
        ShardCounts.checkShards(shards, dataShards + parityShards, offset, byteCount);
        if (byteCount > 0) {
            parity.multiply(shards, dataIndices, parityIndices, offset, byteCount);
        }
    }

    @Override
    public void decodeMissing(byte[][] shards, boolean[] shardPresent, int offset, int byteCount) {
        ShardCounts.checkPresent(shardPresent, dataShards, dataShards + parityShards);
        ShardCounts.checkShards(shards, dataShards + parityShards, offset, byteCount);
        DecodeMatrixCache.DecodePlan plan = decodeCache.planFor(shardPresent);
        if (plan != null && byteCount > 0) {
            plan.multiplier.multiply(shards, plan.inputs, plan.outputs, offset, byteCount);
        }
    }

    @Override
    public String toString() {
        return "GaloisCodec(" + dataShards + "+" + parityShards + ", " + kernel.name() + ")";
    }
}
