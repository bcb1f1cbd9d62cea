package io.kcplab.sim;

import java.util.Arrays;

/**
 * The pending events of a simulation, ordered by (time, insertion sequence) so that events at the same
 * microsecond run in the order they were scheduled: the tie-break that makes a run a pure function of its inputs.
 *
 * <p>Storage is structure-of-arrays: an event is a slot index into primitive arrays (handler, argument); the binary
 * min-heap keeps each entry's (time, sequence) key next to its slot index, so sifting touches contiguous memory
 * only (it dominates when thousands of events are pending). Freed slots are reused, so a steady-state simulation allocates nothing per event. A handle
 * ({@code generation << 32 | slot}) identifies a scheduled event for {@link #cancel}; it becomes stale once the
 * event ran or was cancelled, and a stale handle is ignored.
 *
 * <p>Events due on a whole millisecond within a few seconds go to a {@link MillisecondWheel} instead of the heap
 * (KCP wakeups: at server scale, tens of thousands pending); the next event is the earlier of the heap's top and
 * the wheel's head by (time, sequence), so the order is exactly the heap-only order.
 */
public final class EventQueue {

    private static final int FREE = -1;       // heapIndex of a slot that is free or being run
    private static final int IN_WHEEL = -2;
    private static final int CANCELLED = -3;  // still in a wheel bucket, leaves when it reaches the head

    private long[] time;         // slot -> time (read when the event runs)
    private long[] arg;
    private EventHandler[] handler;
    private int[] generation;
    private long[] sequence;     // slot -> insertion sequence
    private int[] heapIndex;     // slot -> position in heap, or FREE, IN_WHEEL, CANCELLED
    private int[] heap;          // heap position -> slot
    private long[] heapTime;     // heap position -> time
    private long[] heapSeq;      // heap position -> insertion sequence
    private int size;            // events in the heap
    private int wheelSize;       // live events in the wheel
    private final MillisecondWheel wheel;
    private final MillisecondWheel.SlotState wheelSlots = new MillisecondWheel.SlotState() {
        @Override
        public boolean isLive(int slot) {
            return heapIndex[slot] == IN_WHEEL;
        }

        @Override
        public void discard(int slot) {
            releaseSlot(slot);
        }
    };
    private long floorMicros;    // time of the latest event taken out: nothing earlier can be pushed
    private int[] free;
    private int freeCount;
    private int slotsUsed;
    private long nextSequence;

    public EventQueue() {
        this(64);
    }

    public EventQueue(int initialCapacity) {
        this(initialCapacity, true);
    }

    /** {@code millisecondWheel} false keeps every event in the heap (the reference the wheel is tested against). */
    public EventQueue(int initialCapacity, boolean millisecondWheel) {
        int n = Math.max(4, initialCapacity);
        wheel = millisecondWheel ? new MillisecondWheel() : null;
        time = new long[n];
        sequence = new long[n];
        arg = new long[n];
        handler = new EventHandler[n];
        generation = new int[n];
        heapIndex = new int[n];
        heap = new int[n];
        heapTime = new long[n];
        heapSeq = new long[n];
        free = new int[n];
        Arrays.fill(heapIndex, FREE);
    }

    public int size() {
        return size + wheelSize;
    }

    public boolean isEmpty() {
        return size + wheelSize == 0;
    }

    /** Adds an event; returns its handle. */
    public long push(long atTime, EventHandler eventHandler, long eventArg) {
        int slot = allocateSlot();
        time[slot] = atTime;
        arg[slot] = eventArg;
        handler[slot] = eventHandler;
        long seq = nextSequence++;
        sequence[slot] = seq;
        if (wheel != null && MillisecondWheel.accepts(atTime, floorMicros)) {
            heapIndex[slot] = IN_WHEEL;
            wheel.add(atTime, slot);
            wheelSize++;
        } else {
            siftUp(size++, slot, atTime, seq);
        }
        return ((long) generation[slot] << 32) | slot;
    }

    /** Removes a pending event; returns false if the handle is stale (already ran or cancelled). */
    public boolean cancel(long handle) {
        int slot = (int) handle;
        if (slot < 0 || slot >= slotsUsed || generation[slot] != (int) (handle >>> 32)) {
            return false;
        }
        if (heapIndex[slot] == IN_WHEEL) {
            heapIndex[slot] = CANCELLED; // the wheel releases the slot when the bucket reaches it
            wheelSize--;
            return true;
        }
        if (heapIndex[slot] < 0) {
            return false;
        }
        removeAt(heapIndex[slot]);
        releaseSlot(slot);
        return true;
    }

    /** True while the event of {@code handle} is still pending. */
    public boolean isPending(long handle) {
        int slot = (int) handle;
        return slot >= 0 && slot < slotsUsed && generation[slot] == (int) (handle >>> 32)
                && (heapIndex[slot] >= 0 || heapIndex[slot] == IN_WHEEL);
    }

    /** Time of the earliest event; Long.MAX_VALUE when empty. */
    public long peekTime() {
        long t = size == 0 ? Long.MAX_VALUE : heapTime[0];
        int w = wheelHead();
        return w >= 0 ? Math.min(t, time[w]) : t;
    }

    /** Slot of the earliest event, removed from the queue but not yet released; -1 if empty. */
    int pollSlot() {
        int w = wheelHead();
        int slot;
        if (w >= 0 && (size == 0 || lessKey(time[w], sequence[w], heapTime[0], heapSeq[0]))) {
            wheel.removeHead();
            wheelSize--;
            heapIndex[w] = FREE;
            slot = w;
        } else if (size > 0) {
            slot = heap[0];
            removeAt(0);
        } else {
            return -1;
        }
        floorMicros = time[slot];
        return slot;
    }

    /** The wheel's earliest live slot, -1 if none (cancelled slots it passes are released). */
    private int wheelHead() {
        return wheelSize == 0 ? -1 : wheel.peek(wheelSlots);
    }

    long timeOf(int slot) {
        return time[slot];
    }

    long argOf(int slot) {
        return arg[slot];
    }

    EventHandler handlerOf(int slot) {
        return handler[slot];
    }

    /** Returns a slot obtained from {@link #pollSlot()} to the free list. */
    void releaseSlot(int slot) {
        handler[slot] = null;
        generation[slot]++;
        heapIndex[slot] = FREE;
        free[freeCount++] = slot;
    }

    private int allocateSlot() {
        if (freeCount > 0) {
            return free[--freeCount];
        }
        if (slotsUsed == time.length) {
            grow();
        }
        return slotsUsed++;
    }

    private void grow() {
        int n = time.length * 2;
        time = Arrays.copyOf(time, n);
        sequence = Arrays.copyOf(sequence, n);
        arg = Arrays.copyOf(arg, n);
        handler = Arrays.copyOf(handler, n);
        generation = Arrays.copyOf(generation, n);
        int old = heapIndex.length;
        heapIndex = Arrays.copyOf(heapIndex, n);
        Arrays.fill(heapIndex, old, n, FREE);
        heap = Arrays.copyOf(heap, n);
        heapTime = Arrays.copyOf(heapTime, n);
        heapSeq = Arrays.copyOf(heapSeq, n);
        free = Arrays.copyOf(free, n);
    }

    private void removeAt(int pos) {
        int last = --size;
        heapIndex[heap[pos]] = FREE;
        if (pos == last) {
            return;
        }
        int slot = heap[last];
        long t = heapTime[last];
        long q = heapSeq[last];
        if (pos > 0 && less(t, q, (pos - 1) >>> 1)) {
            siftUp(pos, slot, t, q);
        } else {
            siftDown(pos, slot, t, q);
        }
    }

    /** True if key (t, q) orders before the entry at heap position {@code pos}. */
    private boolean less(long t, long q, int pos) {
        long tp = heapTime[pos];
        return t < tp || (t == tp && q < heapSeq[pos]);
    }

    private void place(int pos, int slot, long t, long q) {
        heap[pos] = slot;
        heapTime[pos] = t;
        heapSeq[pos] = q;
        heapIndex[slot] = pos;
    }

    private void siftUp(int pos, int slot, long t, long q) {
        while (pos > 0) {
            int parent = (pos - 1) >>> 1;
            if (!less(t, q, parent)) {
                break;
            }
            place(pos, heap[parent], heapTime[parent], heapSeq[parent]);
            pos = parent;
        }
        place(pos, slot, t, q);
    }

    private void siftDown(int pos, int slot, long t, long q) {
        int half = size >>> 1;
        while (pos < half) {
            int child = 2 * pos + 1;
            int right = child + 1;
            if (right < size && less(heapTime[right], heapSeq[right], child)) {
                child = right;
            }
            if (!lessKey(heapTime[child], heapSeq[child], t, q)) {
                break;
            }
            place(pos, heap[child], heapTime[child], heapSeq[child]);
            pos = child;
        }
        place(pos, slot, t, q);
    }

    private static boolean lessKey(long ta, long qa, long tb, long qb) {
        return ta < tb || (ta == tb && qa < qb);
    }
}
