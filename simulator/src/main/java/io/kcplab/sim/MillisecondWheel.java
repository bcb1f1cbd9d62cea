package io.kcplab.sim;

import java.util.Arrays;

/**
 * The part of the {@link EventQueue} that holds events due on a whole millisecond: one FIFO of slot indices per
 * millisecond, over a window of {@link #HORIZON} milliseconds. Every KCP timer fires on a whole millisecond (the
 * protocol's clock is in ms), so at server scale nearly all pending events are wakeups, thousands of them on the
 * same few milliseconds: here pushing and popping one is O(1) instead of a sift through a heap of that size.
 *
 * <p>Order is unchanged: all events of one bucket have the same time, and they are appended in push order, which
 * is the insertion-sequence order the queue promises; the queue compares the bucket's head with the heap's by
 * (time, sequence), so which structure holds an event never changes when it runs.
 */
final class MillisecondWheel {

    /** Milliseconds ahead of the latest event run that the wheel takes; later events go to the heap. */
    static final int HORIZON = 1 << 13;
    private static final int MASK = HORIZON - 1;

    private final int[][] buckets = new int[HORIZON][];
    private final int[] head = new int[HORIZON];
    private final int[] tail = new int[HORIZON];
    /** No entry is due before this millisecond. */
    private long cursorMs;
    /** Entries stored, cancelled ones included (they leave when they reach a bucket's head). */
    private int stored;

    /** True if an event at {@code timeMicros} belongs here, given that nothing earlier than {@code floorMicros} runs. */
    static boolean accepts(long timeMicros, long floorMicros) {
        return timeMicros % 1000 == 0 && timeMicros / 1000 - floorMicros / 1000 < HORIZON - 1;
    }

    void add(long timeMicros, int slot) {
        long ms = timeMicros / 1000;
        int b = (int) (ms & MASK);
        int[] bucket = buckets[b];
        if (bucket == null) {
            bucket = buckets[b] = new int[16];
        } else if (tail[b] == bucket.length) {
            bucket = buckets[b] = Arrays.copyOf(bucket, bucket.length * 2);
        }
        bucket[tail[b]++] = slot;
        if (stored == 0 || ms < cursorMs) {
            cursorMs = ms;
        }
        stored++;
    }

    /** The slot at the head of the earliest non-empty bucket, or -1; {@code live} drops cancelled heads. */
    int peek(SlotState live) {
        while (stored > 0) {
            int b = (int) (cursorMs & MASK);
            if (head[b] == tail[b]) {
                head[b] = 0;
                tail[b] = 0;
                cursorMs++;
                continue;
            }
            int slot = buckets[b][head[b]];
            if (live.isLive(slot)) {
                return slot;
            }
            head[b]++;
            stored--;
            live.discard(slot);
        }
        return -1;
    }

    /** Removes the head returned by the last {@link #peek}. */
    void removeHead() {
        int b = (int) (cursorMs & MASK);
        head[b]++;
        stored--;
    }

    /** How the wheel learns whether a stored slot is still pending, and hands back a cancelled one. */
    interface SlotState {
        boolean isLive(int slot);

        void discard(int slot);
    }
}
