package io.kcplab.protocol.fec;

/**
 * Decode plans per erasure pattern, so that a repeated pattern costs no matrix inversion, no table building and no
 * allocation. Backblaze re-inverts on every call (≈0.5 µs); with a 5-7x faster kernel that would be a fifth of the
 * work at 1400 B. klauspost keeps every inverse it ever made; this cache is bounded instead.
 *
 * <p>A pattern is the set of present shards: at most 256 shards, so four longs, compared without allocating.
 * The plans sit in an open-addressing table (linear probing, twice as many slots as plans); when it holds its
 * maximum, a miss evicts the least recently used plan (a scan, cheap next to the inversion that follows). The
 * maximum follows a byte budget (8 MiB; tests pass their own) estimated from the worst plan
 * of the shard counts, between 4 and 512 plans; 10+3 gets 512, enough for all of its 377 repairable patterns.
 * (A set-associative first version thrashed: sequential sweeps over patterns defeat LRU inside full sets.)
 */
final class DecodeMatrixCache {

    private static final int MIN_PLANS = 4;
    private static final int MAX_PLANS = 512;
    private static final long DEFAULT_BUDGET_BYTES = 8L << 20;

    /** One erasure pattern: which present shards feed the kernel and which missing shards it writes. */
    static final class DecodePlan {
        final long present0;
        final long present1;
        final long present2;
        final long present3;
        final int[] inputs;
        final int[] outputs;
        final ShardMultiplier multiplier;
        final int hash;
        long lastUse;

        DecodePlan(long[] present, int hash, int[] inputs, int[] outputs, ShardMultiplier multiplier) {
            this.hash = hash;
            this.present0 = present[0];
            this.present1 = present[1];
            this.present2 = present[2];
            this.present3 = present[3];
            this.inputs = inputs;
            this.outputs = outputs;
            this.multiplier = multiplier;
        }

        boolean matches(long p0, long p1, long p2, long p3) {
            return present0 == p0 && present1 == p1 && present2 == p2 && present3 == p3;
        }
    }

    private final byte[][] encoding;
    private final int dataShards;
    private final int totalShards;
    private final CodingKernel kernel;
    private final DecodePlan[] slots;
    private final int slotMask;
    private final int maxPlans;
    private int plans;
    private long clock;
    private long misses;

    /** The byte budget of a codec's cache: a constant, not a system property, so the core reads no settings. */
    static long defaultBudgetBytes() {
        return DEFAULT_BUDGET_BYTES;
    }

    DecodeMatrixCache(byte[][] encoding, int dataShards, CodingKernel kernel, long budgetBytes) {
        this.encoding = encoding;
        this.dataShards = dataShards;
        this.totalShards = encoding.length;
        this.kernel = kernel;
        int parityShards = totalShards - dataShards;
        long planBytes = 1024L + (long) parityShards * dataShards * 256;
        int plans = (int) Math.max(MIN_PLANS, Math.min(MAX_PLANS, budgetBytes / planBytes));
        this.maxPlans = plans;
        this.slots = new DecodePlan[Integer.highestOneBit(plans) * 4];
        this.slotMask = slots.length - 1;
    }

    int capacity() {
        return maxPlans;
    }

    synchronized long misses() {
        return misses;
    }

    /** The plan for this pattern, or null when nothing is missing. The caller has checked the present count. */
    DecodePlan planFor(boolean[] shardPresent) {
        long p0 = 0, p1 = 0, p2 = 0, p3 = 0;
        int present = 0;
        for (int i = 0; i < totalShards; i++) {
            if (shardPresent[i]) {
                present++;
                long bit = 1L << i;
                switch (i >>> 6) {
                    case 0: p0 |= bit; break;
                    case 1: p1 |= bit; break;
                    case 2: p2 |= bit; break;
                    default: p3 |= bit; break;
                }
            }
        }
        if (present == totalShards) {
            return null;
        }
        int hash = (int) mix(mix(mix(mix(p0) ^ p1) ^ p2) ^ p3);
        synchronized (this) {
            long now = ++clock;
            for (int i = hash & slotMask; slots[i] != null; i = (i + 1) & slotMask) {
                DecodePlan plan = slots[i];
                if (plan.hash == hash && plan.matches(p0, p1, p2, p3)) {
                    plan.lastUse = now;
                    return plan;
                }
            }
            misses++;
            if (plans == maxPlans) {
                evictLeastRecentlyUsed();
            }
            DecodePlan plan = build(shardPresent, new long[] {p0, p1, p2, p3}, hash);
            plan.lastUse = now;
            int i = hash & slotMask;
            while (slots[i] != null) {
                i = (i + 1) & slotMask;
            }
            slots[i] = plan;
            plans++;
            return plan;
        }
    }

    private void evictLeastRecentlyUsed() {
        int oldest = -1;
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] != null && (oldest < 0 || slots[i].lastUse < slots[oldest].lastUse)) {
                oldest = i;
            }
        }
        // Backward-shift deletion keeps every probe chain unbroken without tombstones.
        int hole = oldest;
        slots[hole] = null;
        for (int j = (hole + 1) & slotMask; slots[j] != null; j = (j + 1) & slotMask) {
            int home = slots[j].hash & slotMask;
            boolean homeInGap = hole <= j ? home <= hole || home > j : home <= hole && home > j;
            if (homeInGap) {
                slots[hole] = slots[j];
                slots[j] = null;
                hole = j;
            }
        }
        plans--;
    }

    /** MurmurHash3's 64-bit finaliser: every input bit reaches the low bits that pick the set. */
    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        return h ^ (h >>> 33);
    }

    /**
     * Inputs are the first {@code dataShards} present shards, as Backblaze picks them (only matters if the present
     * shards disagree). Missing data shard i is row i of the inverted input rows; missing parity shard j is
     * encoding row j times that inverse, so one kernel pass rebuilds data and parity together.
     */
    private DecodePlan build(boolean[] shardPresent, long[] present, int hash) {
        int[] inputs = new int[dataShards];
        int[] outputs = new int[totalShards - Long.bitCount(present[0]) - Long.bitCount(present[1])
                - Long.bitCount(present[2]) - Long.bitCount(present[3])];
        int in = 0;
        int out = 0;
        for (int i = 0; i < totalShards; i++) {
            if (!shardPresent[i]) {
                outputs[out++] = i;
            } else if (in < dataShards) {
                inputs[in++] = i;
            }
        }
        byte[][] inputRows = new byte[dataShards][];
        for (int r = 0; r < dataShards; r++) {
            inputRows[r] = encoding[inputs[r]];
        }
        byte[][] decode = Matrix.invert(inputRows);
        byte[][] coefficients = new byte[outputs.length][];
        for (int r = 0; r < outputs.length; r++) {
            int shard = outputs[r];
            coefficients[r] = shard < dataShards
                    ? decode[shard].clone()
                    : Matrix.multiply(new byte[][] {encoding[shard]}, decode)[0];
        }
        return new DecodePlan(present, hash, inputs, outputs, kernel.compile(coefficients));
    }
}
