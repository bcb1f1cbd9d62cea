package io.kcplab.sim;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * All randomness of one run, derived from one scenario seed. Every component asks for its own stream by a stable
 * name such as {@code "link:a->b/loss"}; the stream's seed depends only on (scenario seed, name), so adding a link,
 * a host or a workload never changes the draws of another component.
 *
 * <p>Derivation (fully specified, identical on every JVM): {@code nameHash = FNV-1a-64(UTF-8 bytes of name)};
 * {@code streamSeed = splitMix64Mix(splitMix64Mix(scenarioSeed) ^ nameHash)}; the stream is xoshiro256** whose
 * four state words are the next four SplitMix64 outputs from {@code streamSeed} (see {@link RandomStream}).
 */
public final class RandomStreams {

    private final long seed;
    private final Map<String, RandomStream> streams = new HashMap<>();

    public RandomStreams(long seed) {
        this.seed = seed;
    }

    public long seed() {
        return seed;
    }

    /**
     * The stream named {@code name}. Asking twice for one name returns the same (shared, advancing) stream: one
     * name belongs to one component.
     */
    public RandomStream stream(String name) {
        return streams.computeIfAbsent(name, n -> new RandomStream(n, streamSeed(seed, n)));
    }

    /** A fresh stream for {@code name}, independent of any stream already handed out (for replays and tests). */
    public RandomStream freshStream(String name) {
        return new RandomStream(name, streamSeed(seed, name));
    }

    /** The seed of stream {@code name} under scenario seed {@code seed}. */
    public static long streamSeed(long seed, String name) {
        return RandomStream.splitMix64Mix(RandomStream.splitMix64Mix(seed) ^ fnv1a64(name));
    }

    /** FNV-1a, 64 bit, over the UTF-8 bytes of {@code s}. */
    public static long fnv1a64(String s) {
        long h = 0xCBF29CE484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xFF;
            h *= 0x100000001B3L;
        }
        return h;
    }
}
